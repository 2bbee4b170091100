import { loadConfig } from '../config/app-config';
import { createDataSource } from '../database/data-source';
import { isoDay } from './report-period.util';
import { ReportRollupService } from './report-rollup.service';

/**
 * `pnpm --filter api reports:rebuild [from] [to]`: recompute the report rollups of the Shanghai days
 * [from, to] (default: the first ticket's day to today) from the raw tables, then fold in whatever
 * changed meanwhile. Safe while the API and workers run: it takes the rollups' lock a year at a
 * time. Without a range it first rewrites every ticket's stored facts in one transaction under that
 * lock (drains wait, reports keep reading the rollups as they were), then sums them year by year.
 */
async function main(): Promise<void> {
  const [from, to] = process.argv.slice(2);
  for (const d of [from, to]) {
    if (d !== undefined && isoDay(d) === null) throw new Error(`not a date (YYYY-MM-DD): ${d}`);
  }
  const db = createDataSource(loadConfig().DATABASE_URL);
  await db.initialize();
  try {
    const rollups = new ReportRollupService(db);
    const started = Date.now();
    await rollups.rebuild(from, to, (line) => console.log(line));
    const drained = await rollups.drainAll();
    console.log(`reports:rebuild done in ${((Date.now() - started) / 1000).toFixed(1)} s (${drained} changed tickets folded in after)`);
  } finally {
    await db.destroy();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
