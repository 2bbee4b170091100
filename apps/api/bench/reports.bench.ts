/**
 * `pnpm bench reports` — SLA reports at city scale: rollups against the plain query.
 *
 *   1. a throwaway database rb_bench_reports_<random>: migrated, seeded with the demo org tree
 *      (seeds/demo.json), then N tickets over 2024-01 … 2026-10 with their events and deadline legs
 *      loaded with COPY … FROM STDIN: seasons (summer and winter peaks, daytime hours), skewed
 *      categories and channels, compounds' contracted companies and departments, late dispatches,
 *      accepts and resolutions, legs still open past due, 吹哨 away from a late company, reopens after
 *      不满意, surveys answered in the app or by phone, or expired 未评价;
 *   2. `reports:rebuild` over the whole range (the set-based pass), timed;
 *   3. three questions, each as the API asks them (rows + totals in one REPEATABLE READ snapshot):
 *      (a) calendar year 2025, the whole district, by company, per month;
 *      (b) July 2025, one community, by category;
 *      (c) 2025 Q4, the whole district, by company (what a ranking needs) —
 *      from the rollups (--runs times after warm-up, p50/p95) and by the plain query over the raw
 *      tables (--plain-runs times); the two answers are compared;
 *   4. the live path: drains of 10 and of 500 changed tickets (old and recent), 5 runs each, and
 *      the lag of a report read after a change under the real drain schedule (reports-live.bench-util.ts);
 *   5. the database is dropped (also on failure / Ctrl-C) unless --keep-db.
 *
 * Options: --tickets N (default 5,000,000), --runs N (30), --plain-runs N (3), --keep-db.
 * Prints FAIL next to a floor it misses (p95 ≤ 200 ms, ≥ 20× faster than plain); exit code 0
 * whenever the run completes.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { ReportRollupService } from '../src/reports/report-rollup.service';
import { reportBuckets, reportPeriod, type ReportInterval } from '../src/reports/report-period.util';
import type { ReportScope } from '../src/reports/report-scope';
import { SlaReportService, type SlaSource } from '../src/reports/sla-report.service';
import type { ReportGroupBy } from '../src/reports/sla-report.sql';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { measureDrains, measureLag } from './reports-live.bench-util';
import { loadTickets } from './support/ticket-history.bench-util';
import { eachFlag, int, load, log, secs, wholeNumber } from './support/bench-args';
import { mulberry32 } from '../src/common/seeded-random.util';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';
const FLOOR_P95_MS = 200;
const FLOOR_SPEEDUP = 20;
const SPAN_START = Date.parse('2024-01-01T00:00:00+08:00');
const SPAN_END = Date.parse('2026-11-01T00:00:00+08:00');

interface Options {
  tickets: number;
  runs: number;
  plainRuns: number;
  keepDb: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { tickets: 5_000_000, runs: 30, plainRuns: 3, keepDb: false };
  eachFlag(argv, (flag, value) => {
    if (flag === '--tickets') o.tickets = wholeNumber(value(), 1000);
    else if (flag === '--runs') o.runs = wholeNumber(value(), 1);
    else if (flag === '--plain-runs') o.plainRuns = wholeNumber(value(), 1);
    else if (flag === '--keep-db') o.keepDb = true;
    else throw new Error(`unknown option ${flag} (--tickets N, --runs N, --plain-runs N, --keep-db)`);
  });
  return o;
}



// ───────────────────────────── timing ─────────────────────────────

interface Question {
  name: string;
  scope: ReportScope;
  from: string;
  to: string;
  groupBy: ReportGroupBy | null;
  interval: ReportInterval | null;
}

async function ask(ds: DataSource, reports: SlaReportService, q: Question, source: SlaSource): Promise<{ ms: number; answer: unknown }> {
  const period = reportPeriod(q.from, q.to);
  const started = performance.now();
  const answer = await ds.transaction('REPEATABLE READ', async (em) => {
    const rows = await reports.run(em, { scope: q.scope, period, buckets: reportBuckets(period, q.interval), groupBy: q.groupBy, interval: q.interval }, source);
    const totals = await reports.run(em, { scope: q.scope, period, buckets: reportBuckets(period, null), groupBy: null, interval: null }, source);
    return { rows, totals };
  });
  return { ms: performance.now() - started, answer };
}

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)];
};

// ───────────────────────────── the run ─────────────────────────────

const state: { url?: string; keepDb: boolean } = { keepDb: false };

async function cleanup(): Promise<void> {
  if (!state.url || state.keepDb) {
    if (state.url) console.log(`  · kept database ${state.url} (--keep-db)`);
    return;
  }
  const url = state.url;
  state.url = undefined;
  await dropDatabase(url).catch((error: Error) => console.error(`  ! could not drop ${url}: ${error.message}`));
  log(`dropped database ${new URL(url).pathname.slice(1)}`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n  ! ${signal}: dropping the bench database`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  state.keepDb = opts.keepDb;
  const url = withDatabaseName(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, `rb_bench_reports_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  state.url = url;
  console.log(`\n红管家 reports benchmark — ${int(opts.tickets)} tickets, ${opts.runs} rollup runs and ${opts.plainRuns} plain runs per question`);
  log(`machine: ${os.cpus().length} cores, ${load()} (other work shares it)`);
  try {
    await migrate(url);
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      await seed(ds, readSeedFile());
      const db = new Client({ connectionString: url, application_name: 'rb-bench' });
      await db.connect();
      try {
        const loaded = await loadTickets(db, opts.tickets, { spanStart: SPAN_START, spanEnd: SPAN_END, now: SPAN_END, notificationDays: 0, log });
        log(`loaded ${int(opts.tickets)} tickets, ${int(loaded.events)} events, ${int(loaded.legs)} legs with COPY in ${secs(loaded.ms)}, ` +
            `then ${loaded.indexes} secondary indexes built in ${secs(loaded.indexMs)} (${load()})`);
        const size = (await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
        log(`database size ${size}`);
      } finally {
        await db.end();
      }
      const rollups = new ReportRollupService(ds);
      const rebuildStart = performance.now();
      await rollups.rebuild(undefined, undefined, (line) => log(line));
      const rebuildMs = performance.now() - rebuildStart;
      const [{ n, months }]: Array<{ n: string; months: string }> = await ds.query(`SELECT count(*) AS n, count(*) FILTER (WHERE grain = 'month') AS months FROM report_rollups`);
      await ds.query('ANALYZE report_rollups');
      log(`reports:rebuild (every fact in one transaction, then the rollups a year per transaction): ${secs(rebuildMs)} → ${int(Number(n))} rollup rows (${int(Number(months))} month slices) (${load()})`);

      const config = loadConfig({ ...process.env, DATABASE_URL: url });
      const reports = new SlaReportService(ds, undefined as never, rollups, config);
      const [district]: Array<{ id: number; name: string }> = await ds.query(`SELECT id, name FROM org_units WHERE kind = 'district' ORDER BY id LIMIT 1`);
      const [community]: Array<{ id: number; name: string }> = await ds.query(`SELECT id, name FROM org_units WHERE kind = 'community' ORDER BY id LIMIT 1`);
      const districtScope: ReportScope = { id: district.id, kind: 'district', name: district.name };
      const questions: Question[] = [
        { name: '(a) year 2025, district, by company, per month', scope: districtScope, from: '2025-01-01', to: '2025-12-31', groupBy: 'company', interval: 'month' },
        { name: `(b) July 2025, ${community.name}, by category`, scope: { id: community.id, kind: 'community', name: community.name }, from: '2025-07-01', to: '2025-07-31', groupBy: 'category', interval: null },
        { name: '(c) 2025 Q4, district, by company (ranking)', scope: districtScope, from: '2025-10-01', to: '2025-12-31', groupBy: 'company', interval: null },
      ];
      const results: string[] = [];
      for (const q of questions) {
        for (let i = 0; i < 3; i++) await ask(ds, reports, q, 'rollups');
        const times: number[] = [];
        let rolled: unknown;
        for (let i = 0; i < opts.runs; i++) {
          const r = await ask(ds, reports, q, 'rollups');
          times.push(r.ms);
          rolled = r.answer;
        }
        const plain: number[] = [];
        let reference: unknown;
        for (let i = 0; i < opts.plainRuns; i++) {
          const r = await ask(ds, reports, q, 'reference');
          plain.push(r.ms);
          reference = r.answer;
        }
        const same = JSON.stringify(rolled) === JSON.stringify(reference);
        const p95 = percentile(times, 0.95);
        const plainP50 = percentile(plain, 0.5);
        const speedup = plainP50 / p95;
        const line =
          `${q.name}: rollups p50 ${percentile(times, 0.5).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms ${p95 <= FLOOR_P95_MS ? '✅' : 'FAIL'} · ` +
          `plain p50 ${plainP50.toFixed(0)} ms (min ${Math.min(...plain).toFixed(0)}, max ${Math.max(...plain).toFixed(0)}) · ` +
          `${speedup.toFixed(0)}× ${speedup >= FLOOR_SPEEDUP ? '✅' : 'FAIL'} · answers ${same ? 'equal' : 'DIFFER'} (${load()})`;
        log(line);
        results.push(line);
      }
      // The live path: real changes to old and recent tickets, folded in by per-ticket deltas; then
      // the lag a reader sees under the `reports.rollup` job's schedule (WorkerHost: drainAll(20)
      // every REPORT_ROLLUP_INTERVAL_MS).
      const rnd = mulberry32(20261205);
      for (const line of await measureDrains(ds, rollups, rnd, 5, load)) {
        log(line);
        results.push(line);
      }
      for (const line of await measureLag(ds, rollups, reports, { intervalMs: config.REPORT_ROLLUP_INTERVAL_MS, batches: 20, probes: 20, rnd, load })) {
        log(line);
        results.push(line);
      }
      console.log('\nsummary');
      for (const r of results) console.log(`  ${r}`);
    } finally {
      await ds.destroy();
    }
  } finally {
    await cleanup();
  }
}

main().catch(async (error) => {
  console.error(error);
  await cleanup();
  process.exit(1);
});
