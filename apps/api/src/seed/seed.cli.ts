import { loadConfig } from '../config/app-config';
import { createDataSource } from '../database/data-source';
import { migrate } from '../database/migrate';
import { ReportRollupService } from '../reports/report-rollup.service';
import { seedHistory } from './demo-history';
import { DEMO_PASSWORD, readSeedFile, seed } from './seed.service';

/** `pnpm seed` (always) and `pnpm seed --if-empty` (what `pnpm start` runs); both add the demo history unless SEED_HISTORY=false. */
async function main(): Promise<void> {
  const config = loadConfig();
  await migrate(config.DATABASE_URL);
  if (config.NODE_ENV === 'production' && process.env.SEED_DEMO !== 'true') {
    // Demo accounts share one known password: never create them in production by accident.
    console.log('seed: skipped in production (set SEED_DEMO=true to load the demo data)');
    return;
  }
  const password = process.env.SEED_PASSWORD ?? DEMO_PASSWORD;
  if (config.strictProduction && (password === DEMO_PASSWORD || password.length < 12)) {
    // The API would refuse to start with these accounts anyway; fail here, where the cause is plain.
    throw new Error('seed: in production the demo accounts need SEED_PASSWORD (12+ characters, not the published demo password)');
  }
  const db = createDataSource(config.DATABASE_URL);
  await db.initialize();
  try {
    if (process.argv.includes('--if-empty')) {
      const [{ n }]: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM org_units');
      if (n > 0) {
        console.log('seed: database already has data, skipped');
        return;
      }
    }
    const summary = await seed(db, readSeedFile(process.env.SEED_FILE), password);
    console.log(`seed: ${summary.units} org units, ${summary.organizations} organizations, ${summary.categories} categories, ${summary.users} users`);
    // Past tickets so that reports, the ranking and the 红黑榜 have something to show (SEED_HISTORY=false: none).
    if (process.env.SEED_HISTORY !== 'false') {
      const n = await seedHistory(db);
      console.log(n ? `seed: ${n} past tickets (demo history)` : 'seed: demo history already present or nothing to write');
    }
    // The reports read rollups; fold the seeded tickets in now rather than leave it to the worker's
    // first drains, so the demo's reports are complete from the first request.
    const started = Date.now();
    const folded = await new ReportRollupService(db).drainAll();
    console.log(`seed: ${folded} tickets folded into the report rollups (${Date.now() - started} ms)`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
