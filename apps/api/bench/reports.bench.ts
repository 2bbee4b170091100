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
 *   4. one drain of 10 and of 500 tickets marked changed (the live path), timed;
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
import { copyField, copyIn } from './copy-in.bench-util';
import { mulberry32 } from '../src/common/seeded-random.util';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';
const FLOOR_P95_MS = 200;
const FLOOR_SPEEDUP = 20;
const CHUNK_TICKETS = 20_000;
const MIN = 60_000;
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
  const whole = (v: string | undefined, min: number): number => {
    const n = Number(v?.replace(/_/g, ''));
    if (!Number.isInteger(n) || n < min) throw new Error(`expected a whole number ≥ ${min}, got "${v}"`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--tickets') o.tickets = whole(value(), 1000);
    else if (flag === '--runs') o.runs = whole(value(), 1);
    else if (flag === '--plain-runs') o.plainRuns = whole(value(), 1);
    else if (flag === '--keep-db') o.keepDb = true;
    else throw new Error(`unknown option ${flag} (--tickets N, --runs N, --plain-runs N, --keep-db)`);
  }
  return o;
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const log = (line: string) => console.log(`  · ${line}`);
const load = () => `load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`;


// ───────────────────────────── the city ─────────────────────────────

interface City {
  compounds: Array<{ id: number; district_id: number; street_id: number; community_id: number; grid_id: number | null; company: number | null }>;
  categories: Array<{ id: number; department: number | null; weight: number }>;
  departments: number[];
  reporters: number[];
  actor: number;
}

async function loadCity(db: Client): Promise<City> {
  const compounds = (await db.query(
    `SELECT cp.id, cp.district_id, cp.street_id, cp.community_id, cp.grid_id,
            (SELECT c.organization_id FROM compound_contracts c WHERE c.compound_id = cp.id ORDER BY c.starts_on DESC LIMIT 1) AS company
       FROM org_units cp WHERE cp.kind = 'compound' ORDER BY cp.id`,
  )).rows;
  const categories = (await db.query<{ id: number; department_id: number | null; handler_kind: string }>(
    'SELECT id, department_id, handler_kind FROM categories WHERE active ORDER BY sort_order, id',
  )).rows.map((c, i) => ({ id: c.id, department: c.handler_kind === 'department' ? c.department_id : null, weight: 1 / (i + 1.5) }));
  const departments = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE kind = 'department' ORDER BY id`)).rows.map((r) => r.id);
  const reporters = (await db.query<{ id: number }>(`SELECT DISTINCT user_id AS id FROM role_bindings WHERE role = 'resident' ORDER BY 1`)).rows.map((r) => r.id);
  const [{ id: actor }] = (await db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`)).rows;
  return { compounds, categories, departments, reporters, actor };
}

// ───────────────────────────── generating histories ─────────────────────────────

/** Days weighted by season: heating (Nov–Feb) and summer storms (Jun–Aug) bring more reports. */
function seasonWeight(t: number): number {
  const month = new Date(t + 8 * 60 * MIN).getUTCMonth();
  return [1.4, 1.3, 1.0, 0.9, 0.9, 1.2, 1.5, 1.4, 1.0, 0.9, 1.2, 1.4][month];
}

class Generator {
  private ticketId = 0;
  private eventId = 0;
  private legId = 0;
  private readonly rnd = mulberry32(5_000_000);
  private readonly categoryTotal: number;
  private readonly description = copyField('楼道灯不亮，请尽快维修。（报表压测工单）');

  constructor(private readonly city: City) {
    this.categoryTotal = city.categories.reduce((s, c) => s + c.weight, 0);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rnd() * xs.length)];
  }

  private category() {
    let x = this.rnd() * this.categoryTotal;
    for (const c of this.city.categories) if ((x -= c.weight) <= 0) return c;
    return this.city.categories[0];
  }

  private created(): number {
    for (;;) {
      const day = SPAN_START + Math.floor(this.rnd() * ((SPAN_END - SPAN_START) / (1440 * MIN))) * 1440 * MIN;
      if (this.rnd() * 1.5 > seasonWeight(day)) continue;
      // Daytime hours: 7:00–22:00 mostly, a few at night.
      const minute = this.rnd() < 0.9 ? 420 + Math.floor(this.rnd() * 900) : Math.floor(this.rnd() * 1440);
      return day + minute * MIN;
    }
  }

  /** Log-uniform minutes in [a, b]: most legs quick, a long tail. */
  private minutes(a: number, b: number): number {
    return Math.round(Math.exp(Math.log(a) + this.rnd() * (Math.log(b) - Math.log(a))) * 60) / 60;
  }

  chunk(count: number, now: number): { tickets: string; events: string; legs: string } {
    const t: string[] = [];
    const e: string[] = [];
    const d: string[] = [];
    const iso = (ms: number) => new Date(ms).toISOString();
    const event = (ticket: number, action: string, from: string | null, to: string, at: number, data: object) =>
      e.push(`${(this.eventId += 1)}\t${ticket}\t${action}\t${from ?? '\\N'}\t${to}\t${this.city.actor}\tadmin\t${JSON.stringify(data)}\t${iso(at)}\n`);
    /** A leg; returns when it closed, or null while open (now is the bench's now). */
    const leg = (ticket: number, kind: string, party: string, org: number | null, start: number, allowed: number, took: number, status = 'met') => {
      const due = start + allowed * MIN;
      const closed = start + took * MIN;
      const open = closed > now;
      const late = (open ? now : closed) > due;
      d.push(
        `${(this.legId += 1)}\t${ticket}\t${kind}\t${party}\t${org ?? '\\N'}\tclock\t${allowed}\t0.8\t240\t${iso(start)}\t${iso(due)}\t` +
          `${open ? 'open' : status}\t${late ? iso(due) : '\\N'}\t${open ? '\\N' : iso(closed)}\n`,
      );
      return open ? null : closed;
    };
    for (let i = 0; i < count; i++) {
      const id = (this.ticketId += 1);
      const cp = this.pick(this.city.compounds);
      const cat = this.category();
      const created = this.created();
      const r = this.rnd();
      const channel = r < 0.6 ? 'mini_program' : r < 0.8 ? 'hotline_12345' : r < 0.9 ? 'walk_in' : 'grid_patrol';
      const toDepartment = cat.department !== null || this.rnd() < 0.05;
      let handler: number | null = toDepartment ? (cat.department ?? this.pick(this.city.departments)) : cp.company;
      const kind = toDepartment ? 'department' : 'company';
      const party = kind;
      let status = 'closed';
      event(id, 'report', null, 'submitted', created, { channel });
      const dispatched = leg(id, 'dispatch', 'community', null, created, 30, this.rnd() < 0.08 ? this.minutes(31, 600) : this.minutes(1, 30));
      if (handler === null || this.rnd() < 0.03 || dispatched === null) {
        // Cancelled or rejected before dispatch, or still waiting.
        handler = null;
        status = dispatched === null ? 'submitted' : 'cancelled';
      } else {
        event(id, 'dispatch', 'submitted', 'dispatched', dispatched, { handlerKind: kind, handlerOrgId: handler });
        let start = leg(id, 'accept', party, handler, dispatched, 60, this.rnd() < 0.1 ? this.minutes(61, 1440) : this.minutes(2, 60));
        status = 'accepted';
        for (let round = 0; start !== null && round < 3; round++) {
          const allowed = 1440 * (1 + Math.floor(this.rnd() * 3));
          if (kind === 'company' && this.rnd() < 0.02) {
            // 吹哨: the company's overdue leg is taken away; a department resolves.
            const whistled = leg(id, 'resolve', party, handler, start, allowed, allowed + this.minutes(60, 4000), 'cancelled');
            if (whistled === null) break;
            handler = this.pick(this.city.departments);
            event(id, 'escalate', 'accepted', 'dispatched', whistled, { handlerKind: 'department', handlerOrgId: handler, whistle: true });
            start = leg(id, 'accept', 'department', handler, whistled, 60, this.minutes(2, 120));
            continue;
          }
          const resolved = leg(id, 'resolve', party, handler, start, allowed, this.rnd() < 0.15 ? allowed + this.minutes(10, 10000) : this.minutes(20, allowed));
          if (resolved === null) break;
          event(id, 'resolve', 'accepted', 'resolved', resolved, { handlerOrgId: handler });
          status = 'resolved';
          const s = this.rnd();
          const answered = leg(id, 'survey', 'resident', null, resolved, 4320, s < 0.7 ? this.minutes(10, 4320) : 4320, s < 0.7 ? 'met' : 'cancelled');
          if (answered === null) break;
          if (s >= 0.7) {
            const visited = leg(id, 'visit', 'community', null, answered, 10080, s < 0.85 ? this.minutes(60, 10080) : 10080, s < 0.85 ? 'met' : 'cancelled');
            if (visited === null) break;
            if (s >= 0.85) {
              event(id, 'expire', 'resolved', 'closed', visited, { unrated: true });
              status = 'closed';
              break;
            }
          }
          const q = this.rnd();
          const rating = q < 0.8 ? 'satisfied' : q < 0.93 ? 'basically_satisfied' : 'dissatisfied';
          const at = s < 0.7 ? answered : answered + 1;
          event(id, s < 0.7 ? 'rate' : 'visit', 'resolved', rating === 'dissatisfied' ? 'accepted' : 'closed', at, { rating, handlerOrgId: handler });
          status = rating === 'dissatisfied' ? 'accepted' : 'closed';
          if (rating !== 'dissatisfied') break;
          start = at;
        }
      }
      t.push(
        `${id}\tBR${id}\t${status}\t${cat.id}\tnormal\t${channel}\t${this.description}\t${this.pick(this.city.reporters)}\t${cp.district_id}\t${cp.street_id}\t` +
          `${cp.community_id}\t${copyField(cp.grid_id)}\t${cp.id}\t${handler === null ? '\\N' : kind}\t${handler ?? '\\N'}\t${iso(created)}\t${iso(created)}\n`,
      );
    }
    return { tickets: t.join(''), events: e.join(''), legs: d.join('') };
  }

  get counts() {
    return { tickets: this.ticketId, events: this.eventId, legs: this.legId };
  }
}

async function loadTickets(db: Client, n: number, now: number): Promise<{ ms: number; events: number; legs: number }> {
  const gen = new Generator(await loadCity(db));
  // The dirty-marking triggers are for live changes; a bulk load is followed by a rebuild instead.
  await db.query(`SET session_replication_role = replica`);
  const started = performance.now();
  for (let done = 0; done < n; done += CHUNK_TICKETS) {
    const c = gen.chunk(Math.min(CHUNK_TICKETS, n - done), now);
    await copyIn(db, `COPY tickets (id, no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                                    community_id, grid_id, compound_id, handler_kind, handler_org_id, created_at, updated_at) FROM STDIN`, [c.tickets]);
    await copyIn(db, `COPY ticket_events (id, ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at) FROM STDIN`, [c.events]);
    await copyIn(db, `COPY ticket_deadlines (id, ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                             started_at, due_at, status, breached_at, closed_at) FROM STDIN`, [c.legs]);
    if ((done / CHUNK_TICKETS) % 25 === 0) log(`  ${int(done + CHUNK_TICKETS)} tickets loaded (${secs(performance.now() - started)}, ${load()})`);
  }
  await db.query(`SET session_replication_role = origin`);
  const counts = gen.counts;
  await db.query(`SELECT setval('tickets_id_seq', $1), setval('ticket_events_id_seq', $2), setval('ticket_deadlines_id_seq', $3)`, [
    counts.tickets, counts.events, counts.legs,
  ]);
  await db.query('ANALYZE tickets, ticket_events, ticket_deadlines');
  return { ms: performance.now() - started, events: counts.events, legs: counts.legs };
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
        const loaded = await loadTickets(db, opts.tickets, Date.parse('2026-11-01T00:00:00+08:00'));
        log(`loaded ${int(opts.tickets)} tickets, ${int(loaded.events)} events, ${int(loaded.legs)} legs with COPY in ${secs(loaded.ms)} (${load()})`);
        const size = (await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
        log(`database size ${size}`);
      } finally {
        await db.end();
      }
      const rollups = new ReportRollupService(ds);
      const rebuildStart = performance.now();
      await rollups.rebuild(undefined, undefined, () => undefined);
      const rebuildMs = performance.now() - rebuildStart;
      const [{ n, months }]: Array<{ n: string; months: string }> = await ds.query(`SELECT count(*) AS n, count(*) FILTER (WHERE grain = 'month') AS months FROM report_rollups`);
      await ds.query('ANALYZE report_rollups');
      log(`reports:rebuild (set-based, a year per transaction): ${secs(rebuildMs)} → ${int(Number(n))} rollup rows (${int(Number(months))} month slices) (${load()})`);

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
      // The live path: changes marked dirty (as the triggers do), folded in by one drain.
      for (const changed of [10, 500]) {
        await ds.query(
          `SELECT report_mark_dirty(id, '{}') FROM (SELECT id FROM tickets WHERE created_at >= '2026-10-01' ORDER BY random() LIMIT $1) x`,
          [changed],
        );
        const drainStart = performance.now();
        await rollups.drainAll();
        const line = `drain of ${changed} changed tickets (recent month): ${(performance.now() - drainStart).toFixed(0)} ms (${load()})`;
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
