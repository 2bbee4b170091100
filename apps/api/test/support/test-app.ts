import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '../../src/config/app-config';
import { ownDatabase } from './own-database';

export interface TestApp {
  app: NestFastifyApplication;
  url: string;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** The real app on a loopback port, against the run's throwaway database. */
export async function startApp(env: Record<string, string> = {}): Promise<TestApp> {
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    UPLOAD_DIR: mkdtempSync(join(tmpdir(), 'rb-uploads-')),
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_REPORTS_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    // Suites run side by side on one Redis: each app counts its own windows unless a test shares them.
    RATE_LIMIT_PREFIX: `rb:test-rate:${randomUUID()}:`,
    // Reports read the rollups; tests write tickets and read reports at once, with no worker running.
    REPORT_DRAIN_ON_READ: 'true',
    ...env,
  });
  const app = await createApp(config);
  try {
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    // A refused boot (a bootstrap check threw) must not leave its pools and timers behind.
    await app.close().catch(() => undefined);
    throw error;
  }
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    db: app.get(DataSource),
    http: () => request(url),
    close: () => app.close(),
  };
}

/**
 * startApp on a migrated, seeded database of the suite's own (`ownDatabase`), for suites whose
 * assertions would be raced by suites writing the run's shared one; close() also drops it.
 * `databaseUrl` is that database, for a worker the suite starts beside the app.
 */
export async function startAppOnOwnDatabase(env: Record<string, string> = {}): Promise<TestApp & { databaseUrl: string }> {
  const own = await ownDatabase();
  let t: TestApp;
  try {
    t = await startApp({ ...env, DATABASE_URL: own.url });
  } catch (error) {
    await own.drop();
    throw error;
  }
  return {
    ...t,
    databaseUrl: own.url,
    close: async () => {
      try {
        await t.close();
      } finally {
        await own.drop();
      }
    },
  };
}
