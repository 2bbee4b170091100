import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { armShutdownDeadline, WORKER_SHUTDOWN_DEADLINE_MS } from './common/graceful-shutdown.util';
import { loadConfig } from './config/app-config';
import { createLogger, logFatal } from './logging/app-logger';
import { WorkerModule } from './worker/worker.module';
import { WorkerHost } from './worker/worker-host.service';

/** The worker process: the API's modules, BullMQ workers and the deadline sweep; HTTP only for /health and /metrics. */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: createLogger(config, { alwaysLog: true }),
  });
  await app.get(WorkerHost).start();
  // SIGTERM (deploys, Ctrl-C): stop taking jobs, let running ones finish, close connections, exit 0.
  // A job cut off anyway is picked up again after the lock expires; its claim makes that harmless.
  const stop = async (signal: string) => {
    new Logger('Worker').log(`${signal}: finishing running jobs`);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
  armShutdownDeadline(WORKER_SHUTDOWN_DEADLINE_MS, 'worker');
}

main().catch((error) => {
  logFatal(error);
  process.exit(1);
});
