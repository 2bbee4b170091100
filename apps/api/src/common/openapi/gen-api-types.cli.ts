import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { API_TYPES_FILE, generateApiTypes } from './api-types.gen';

/**
 * `pnpm gen:api-types`: boots the app (like db:check, it needs PostgreSQL and Redis) and writes the
 * client's types from its OpenAPI document. `… <document.json>` prints the types of a saved document
 * instead (the test compares that with the committed file; jest cannot load openapi-typescript's ESM).
 */
async function main(): Promise<void> {
  const from = process.argv[2];
  if (from) {
    const types = await generateApiTypes(JSON.parse(readFileSync(from, 'utf8')));
    // stdout is a pipe (asynchronous): wait until it is flushed, or process.exit below cuts it short.
    await new Promise<void>((done, fail) => process.stdout.write(types, (error) => (error ? fail(error) : done())));
    return;
  }
  const [{ createApp }, { loadConfig }, { buildOpenApiDocument }] = await Promise.all([
    import('../../app.factory'),
    import('../../config/app-config'),
    import('./openapi.document'),
  ]);
  const app = await createApp(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  await app.init();
  const file = resolve(__dirname, '../../..', API_TYPES_FILE);
  writeFileSync(file, await generateApiTypes(buildOpenApiDocument(app)));
  console.log(`wrote ${file}`);
}

// A one-shot: exit as soon as the file is written (closing queue connections still opening only throws).
main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
