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
  await app.get(WorkerHost).start();
  // SIGTERM (deploys, Ctrl-C): stop taking jobs, let running ones finish, close connections, exit 0.
  // A job cut off anyway is picked up again after the lock expires; its claim makes that harmless.
  const stop = async (signal: string) => {
    console.log(`worker: ${signal}, finishing running jobs`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
