import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory';
import { API_SHUTDOWN_DEADLINE_MS, armShutdownDeadline } from './common/graceful-shutdown.util';
import { loadConfig } from './config/app-config';
import { logFatal } from './logging/app-logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  armShutdownDeadline(API_SHUTDOWN_DEADLINE_MS, 'API');
  await app.listen(config.PORT, config.HOST);
  new Logger('Main').log(`红管家 API listening on http://${config.HOST}:${config.PORT}/api${config.swaggerEnabled ? ' (docs: /api/docs)' : ''}`);
}

main().catch((error) => {
  logFatal(error);
  process.exit(1);
});
