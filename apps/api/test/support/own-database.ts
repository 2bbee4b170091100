import { randomBytes } from 'node:crypto';
import { createDataSource } from '../../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../../src/database/database-admin.util';
import { migrate } from '../../src/database/migrate';
import { readSeedFile, seed } from '../../src/seed/seed.service';

/**
 * A migrated, seeded database of the suite's own, for tests that change what is global to a
 * deployment (the working calendar, admin settings): on the run's shared database they would change
 * it under the suites running alongside.
 */
export async function ownDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const url = withDatabaseName(process.env.RB_TEST_DATABASE_URL as string, `rb_own_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  await migrate(url);
  const db = createDataSource(url);
  await db.initialize();
  try {
    await seed(db, readSeedFile());
  } finally {
    await db.destroy();
  }
  return { url, drop: () => dropDatabase(url) };
}
