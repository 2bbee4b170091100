import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../src/auth/password.util';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { startApp } from './support/test-app';

/**
 * A database of its own, seeded with the demo accounts and their published password: exactly what
 * a demo database promoted to production looks like. (The run's shared database keeps its demo
 * passwords for the other suites.)
 */
describe('production boot: no demo defaults, no passwordless login, no API docs', () => {
  const url = withDatabaseName(process.env.RB_TEST_DATABASE_URL as string, `rb_test_prod_${randomBytes(4).toString('hex')}`);
  const production = { NODE_ENV: 'production', JWT_SECRET: randomBytes(32).toString('base64'), DATABASE_URL: url };

  beforeAll(async () => {
    await migrate(url);
    const db = createDataSource(url);
    await db.initialize();
    await seed(db, readSeedFile());
    await db.destroy();
  });

  afterAll(() => dropDatabase(url));

  /** The JWT secret the demo compose setup publishes (docker/demo.env). */
  const composeSecret = /^JWT_SECRET=(.+)$/m.exec(readFileSync(join(__dirname, '../../../docker/demo.env'), 'utf8'))?.[1];

  it("refuses to start with the compose demo's published JWT secret", async () => {
    expect(composeSecret).toBeTruthy();
    await expect(startApp({ ...production, JWT_SECRET: composeSecret as string })).rejects.toThrow(/JWT_SECRET: a published example value/);
  });

  it('refuses to start with passwordless login on', async () => {
    await expect(startApp({ ...production, AUTH_DEV_LOGIN: 'true' })).rejects.toThrow(/AUTH_DEV_LOGIN: passwordless login cannot be on in production/);
  });

  it('refuses to start while demo accounts still have the published password', async () => {
    const accounts = readSeedFile().users.length; // every seeded account gets the demo password
    expect(accounts).toBeGreaterThan(20);
    await expect(startApp(production)).rejects.toThrow(new RegExp(`Refusing to start in production: ${accounts} account\\(s\\) still use the published demo password`));
  });

  it('starts once those passwords are changed; dev-login and WeChat login are refused', async () => {
    const db = createDataSource(url);
    await db.initialize();
    const changed = await db.query('WITH u AS (UPDATE users SET password_hash = $1 WHERE password_hash IS NOT NULL RETURNING username) SELECT username FROM u', [
      await hashPassword(randomBytes(18).toString('base64')),
    ]);
    await db.destroy();
    expect(changed.length).toBe(readSeedFile().users.length);
    const t = await startApp(production);
    try {
      const dev = await t.http().post('/api/auth/dev-login').send({ username: 'admin' });
      expect(dev.status).toBe(403);
      expect(dev.body.code).toBe('DEV_LOGIN_DISABLED');
      const wechat = await t.http().post('/api/auth/wechat').send({ code: 'abc' });
      expect(wechat.status).toBe(503);
      expect(wechat.body.code).toBe('WECHAT_NOT_CONFIGURED');
      // No Swagger UI, no OpenAPI document: the API's full map is not handed to every visitor.
      expect((await t.http().get('/api/docs/')).status).toBe(404);
      expect((await t.http().get('/api/docs-json')).status).toBe(404);
    } finally {
      await t.close();
    }
  });

  it('serves the API docs in production only when SWAGGER_ENABLED=true', async () => {
    const t = await startApp({ ...production, SWAGGER_ENABLED: 'true' });
    try {
      expect((await t.http().get('/api/docs/')).status).toBe(200);
      expect((await t.http().get('/api/docs-json')).body.paths).toHaveProperty(['/api/auth/logout']);
    } finally {
      await t.close();
    }
  });
});
