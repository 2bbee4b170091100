import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/app-config';
import { createDataSource } from '../../src/database/data-source';
import { withDatabaseName } from '../../src/database/database-admin.util';
import { migrate } from '../../src/database/migrate';
import { seedHistory } from '../../src/seed/demo-history';
import { readSeedFile, seed } from '../../src/seed/seed.service';

/** One throwaway database per test run: migrated from zero, seeded with the demo data. */
export default async function globalSetup(): Promise<void> {
  const base = loadConfig().DATABASE_URL;
  const url = withDatabaseName(base, `rb_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  await migrate(url);
  const db = createDataSource(url);
  await db.initialize();
  // A throwaway database need not wait for the WAL flush on every commit (thousands of small
  // transactions per run); sessions opened from now on, the suites' pools included, take this default.
  await db.query(`ALTER DATABASE "${new URL(url).pathname.slice(1)}" SET synchronous_commit = off`);
  await seed(db, readSeedFile());
  // Tests build their own fixtures; the demo history (1,300 tickets) only when asked for.
  if (process.env.SEED_HISTORY === 'true') await seedHistory(db);
  await db.destroy();
  process.env.DATABASE_URL = url;
  process.env.RB_TEST_DATABASE_URL = url;
  // Suites run side by side (and beside a developer's API and worker): no fixed ops ports; a test that
  // wants the metrics or worker health listener picks a free port itself.
  process.env.METRICS_PORT = '0';
  process.env.WORKER_HEALTH_PORT = '0';
  // The worker tests wipe Redis; they get a database index of their own so a developer's running
  // worker (db 0) is untouched.
  const redis = new URL(loadConfig().REDIS_URL);
  redis.pathname = `/${process.env.RB_TEST_REDIS_DB ?? '9'}`;
  process.env.REDIS_URL = redis.toString();
}
