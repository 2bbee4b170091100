import { randomBytes } from 'node:crypto';
import { loadConfig } from '../config/app-config';
import { dropDatabase, withDatabaseName } from './database-admin.util';
import { migrate, pendingSchemaChanges } from './migrate';

/** CI gate: migrate a scratch database from zero, then fail if the entities want any change. */
async function main(): Promise<void> {
  const config = loadConfig();
  const url = withDatabaseName(config.DATABASE_URL, `rb_drift_${randomBytes(4).toString('hex')}`);
  try {
    await migrate(url);
    const pending = await pendingSchemaChanges(url);
    if (pending.length > 0) {
      console.error('Entities drifted from migrations; generate a migration (pnpm --filter api db:generate). Pending SQL:');
      for (const q of pending) console.error(`  ${q}`);
      process.exitCode = 1;
    } else {
      console.log('schema check: entities match migrations');
    }
  } finally {
    await dropDatabase(url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
