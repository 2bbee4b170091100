import 'reflect-metadata';
import { createApp } from './app.factory';
import { loadConfig } from './config/app-config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  await app.listen(config.PORT, config.HOST);
  console.log(`红管家 API listening on http://${config.HOST}:${config.PORT}/api (docs: /api/docs)`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
