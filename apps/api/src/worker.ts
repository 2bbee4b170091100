import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from './config/app-config';
import { WorkerModule } from './worker/worker.module';
import { WorkerHost } from './worker/worker-host.service';

/** The worker process: no HTTP server, the API's modules, BullMQ workers and the deadline sweep. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: config.LOG_LEVEL === 'silent' ? false : ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.get(WorkerHost).start();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
