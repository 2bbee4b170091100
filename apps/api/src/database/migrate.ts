import type { DataSource } from 'typeorm';
import { createDataSource } from './data-source';
import { ensureDatabase } from './database-admin.util';

// Any constant works; it only has to be the same for every process that migrates this database.
const MIGRATION_LOCK_KEY = 727_001;

/**
 * Runs pending migrations under a Postgres advisory lock, so an API and a worker starting together
 * never apply the same migration twice.
 */
export async function migrate(url: string, log: (line: string) => void = () => undefined): Promise<string[]> {
  await ensureDatabase(url);
  const ds: DataSource = createDataSource(url);
  await ds.initialize();
  try {
    await ds.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await ds.runMigrations({ transaction: 'each' });
      for (const m of applied) log(`applied ${m.name}`);
      return applied.map((m) => m.name);
    } finally {
      await ds.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await ds.destroy();
  }
}

/** The SQL TypeORM would run to make the schema match the entities: empty when nothing drifted. */
export async function pendingSchemaChanges(url: string): Promise<string[]> {
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    const sql = await ds.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await ds.destroy();
  }
}
