import { randomBytes } from 'node:crypto';
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
describe('production boot: no demo accounts, no passwordless login', () => {
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

  it('refuses to start while demo accounts still have the published password', async () => {
    await expect(startApp(production)).rejects.toThrow(/Refusing to start in production: 23 account\(s\) still use the published demo password/);
  });

  it('starts once those passwords are changed; dev-login and WeChat login are refused', async () => {
    const db = createDataSource(url);
    await db.initialize();
    const changed = await db.query('WITH u AS (UPDATE users SET password_hash = $1 WHERE password_hash IS NOT NULL RETURNING username) SELECT username FROM u', [
      await hashPassword(randomBytes(18).toString('base64')),
    ]);
    await db.destroy();
    expect(changed.length).toBe(23);
    const t = await startApp(production);
    try {
      const dev = await t.http().post('/api/auth/dev-login').send({ username: 'admin' });
      expect(dev.status).toBe(403);
      expect(dev.body.code).toBe('DEV_LOGIN_DISABLED');
      const wechat = await t.http().post('/api/auth/wechat').send({ code: 'abc' });
      expect(wechat.status).toBe(503);
      expect(wechat.body.code).toBe('WECHAT_NOT_CONFIGURED');
    } finally {
      await t.close();
    }
  });
});
