/**
 * `pnpm bench deadlines` — the deadline engine (超期 → 督办) with a million open tickets waiting.
 *
 *   1. a throwaway database rb_bench_deadlines_<random>: migrated, seeded with the demo data, then
 *      N dispatched tickets and N open `accept` legs (next event `breach`, due 1–15 days out) loaded
 *      with COPY … FROM STDIN, and ANALYZEd; a Redis database of its own (default 12), flushed;
 *   2. the worker started as a child process (`node -r ts-node/register/transpile-only src/worker.ts`)
 *      with nothing due for a day: after it settles, `--rest` s (60) at rest — the worker's CPU
 *      (utime + stime from /proc/<pid>/stat) as a share of one core, the deadline rows its sweep
 *      read (pg_stat_user_tables), and Redis bytes per pending deadline;
 *   3. W of those legs re-pointed to come due in one minute (spread evenly over `--window` s,
 *      starting `--lead` s from now), so the sweep queues them ahead of time as it would in
 *      production; just before the wave, Redis memory of the engine per pending deadline again (its
 *      keys' MEMORY USAGE plus its connections, and the instance's used_memory delta as a cross-check);
 *   4. the wave: lag = breached_at − due_at per leg (and when the commit became visible to a poller);
 *   5. a burst: B more legs made due at the same instant, drained as fast as the worker can —
 *      escalations (overdue event + 督办 level 1 + notices) per second;
 *   6. exactly-once checks; round trips per breach: the engine's DeadlineEffects run in this process on
 *      one more due leg, counting the queries its pg clients send (each is one round trip), beside
 *      the step-by-step path (the way every breach went before issue #14) on another;
 *   7. the worker stopped (SIGTERM, SIGKILL after 10 s), Redis db flushed, database dropped (also on
 *      failure / Ctrl-C).
 *
 * Options: --pending N (= --tickets N: N pending legs, one per ticket, due 1–15 days out; default
 * 1,000,000), --rest S (60), --wave N (10,000), --burst N (default = wave, 0 = none),
 * --lead S (80), --window S (60), --redis-db N (12), --cpu-prof (profile the worker during the
 * wave and the burst), --keep-db. SWEEP_* / WORKER_CONCURRENCY / DATABASE_POOL_SIZE from the environment are
 * passed to the worker. Exit code 0 whenever the run completes (floors missed print FAIL).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import { loadConfig, type AppConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { eachFlag, int, log, wholeNumber } from './support/bench-args';
import { DeadlineSweep } from '../src/deadlines/deadline-sweep.service';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { QUEUES } from '../src/worker/jobs';
import { redisOptions } from '../src/worker/redis-connection';
import { copyField, copyIn } from './copy-in.bench-util';
import { cpuSnapshot, redisCpuSeconds, showCpu, WaitSampler } from './engine-usage.bench-util';
import { redisFootprint, usedMemory, type RedisFootprint } from './redis-memory.bench-util';
import { summariseProfile } from './support/cpu-profile';

const API_DIR = resolve(__dirname, '..');
const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';
const FLOOR_LAG_P99_MS = 1000;
const FLOOR_REDIS_BYTES = 300; // per pending deadline
const FLOOR_REST_CPU = 2; // % of one core, the worker with nothing due
const SETTLE_MS = 15_000; // after the worker starts: its first (full) sweep, schedulers, pools
const DAY_MS = 86_400_000;
const COPY_CHUNK_ROWS = 5000;
const POLL_MS = 100;
const BENCH_APP = 'rb-bench';

// ───────────────────────────── options ─────────────────────────────

interface Options {
  tickets: number;
  restS: number;
  wave: number;
  burst: number;
  leadS: number;
  windowS: number;
  redisDb: number;
  cpuProf: boolean;
  keepDb: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { tickets: 1_000_000, restS: 60, wave: 10_000, burst: -1, leadS: 80, windowS: 60, redisDb: 12, cpuProf: false, keepDb: false };
  const whole = (v: string | undefined, min: number): number => {
    try {
      return wholeNumber(v, min);
    } catch (error) {
      return usage((error as Error).message);
    }
  };
  eachFlag(argv, (flag, value) => {
    switch (flag) {
      case '--tickets': case '--pending': o.tickets = whole(value(), 2); break;
      case '--rest': o.restS = whole(value(), 10); break;
      case '--wave': o.wave = whole(value(), 1); break;
      case '--burst': o.burst = whole(value(), 0); break;
      case '--lead': o.leadS = whole(value(), 10); break;
      case '--window': o.windowS = whole(value(), 1); break;
      case '--redis-db': o.redisDb = whole(value(), 0); break;
      case '--cpu-prof': o.cpuProf = true; break;
      case '--keep-db': o.keepDb = true; break;
      case '--help': case '-h': usage(); break;
      default: usage(`unknown option ${flag}`);
    }
  });
  if (o.burst < 0) o.burst = o.wave;
  // The wave takes odd ids and the burst even ones, so they never share a leg.
  if (Math.max(o.wave, o.burst) * 2 > o.tickets) usage('--tickets must be at least twice --wave and --burst');
  return o;
}

function usage(error?: string): never {
  if (error) console.error(error);
  console.error('usage: pnpm bench deadlines [--pending 1000000] [--rest 60] [--wave 10000] [--burst N] [--lead 80] [--window 60] [--redis-db 12] [--cpu-prof] [--keep-db]');
  process.exit(error ? 2 : 0);
}

// ───────────────────────────── small helpers ─────────────────────────────

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const fixed = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
const mb = (bytes: number) => `${fixed(bytes / 1024 / 1024)} MB`;
const secs = (ms: number) => `${fixed(ms / 1000)} s`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL ✗');

interface Spread {
  n: number;
  p50: number;
  p99: number;
  max: number;
  min: number;
}

function spread(values: number[]): Spread {
  const s = Float64Array.from(values).sort();
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN);
  return { n: s.length, p50: at(50), p99: at(99), max: s.length ? s[s.length - 1] : NaN, min: s.length ? s[0] : NaN };
}

const showSpread = (s: Spread) => `p50 ${int(s.p50)} ms · p99 ${int(s.p99)} ms · max ${int(s.max)} ms (min ${int(s.min)} ms, n=${int(s.n)})`;

// ───────────────────────────── loading with COPY ─────────────────────────────

interface LoadContext {
  compounds: Array<{ id: number; district_id: number; street_id: number; community_id: number; grid_id: number | null }>;
  companies: number[];
  categories: number[];
  reporters: number[];
}

async function loadContext(db: Client): Promise<LoadContext> {
  const compounds = (await db.query(`SELECT id, district_id, street_id, community_id, grid_id FROM org_units WHERE kind = 'compound' ORDER BY id`)).rows;
  const companies = (await db.query<{ id: number }>(
    `SELECT DISTINCT o.id FROM organizations o JOIN role_bindings rb ON rb.organization_id = o.id AND rb.role = 'property_manager'
      WHERE o.kind = 'property_company' ORDER BY o.id`,
  )).rows.map((r) => r.id);
  const categories = (await db.query<{ id: number }>(`SELECT id FROM categories WHERE handler_kind = 'company' AND active ORDER BY id`)).rows.map((r) => r.id);
  const reporters = (await db.query<{ id: number }>(`SELECT DISTINCT user_id AS id FROM role_bindings WHERE role = 'resident' ORDER BY 1`)).rows.map((r) => r.id);
  if (!compounds.length || !companies.length || !categories.length || !reporters.length) throw new Error('the demo seed has no compound, company, category or resident');
  return { compounds, companies, categories, reporters };
}

const pick = <T>(list: T[], id: number) => list[id % list.length];

function* ticketRows(n: number, ctx: LoadContext, at: string): Generator<string> {
  const description = copyField('楼道声控灯不亮，晚上回家看不清台阶，请物业尽快维修。（压测工单）');
  let lines: string[] = [];
  for (let id = 1; id <= n; id++) {
    const c = pick(ctx.compounds, id);
    lines.push(
      `${id}\tBD${id}\tdispatched\t${pick(ctx.categories, id)}\tnormal\tmini_program\t${description}\t${pick(ctx.reporters, id)}\t` +
        `${c.district_id}\t${c.street_id}\t${c.community_id}\t${copyField(c.grid_id)}\t${c.id}\tcompany\t${pick(ctx.companies, id)}\t${at}\t${at}\t${at}\n`,
    );
    if (lines.length === COPY_CHUNK_ROWS) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

/** One open accept leg per ticket, due 1–15 days from now (a fixed permutation spreads them). */
function* deadlineRows(n: number, ctx: LoadContext, startedMs: number): Generator<string> {
  const started = new Date(startedMs).toISOString();
  let lines: string[] = [];
  for (let id = 1; id <= n; id++) {
    const dueMs = startedMs + DAY_MS + Math.floor((((id * 7919) % n) / n) * 14 * DAY_MS);
    const due = new Date(dueMs).toISOString();
    const allowed = Math.round((dueMs - startedMs) / 60_000);
    lines.push(`${id}\t${id}\taccept\tcompany\t${pick(ctx.companies, id)}\tclock\t${allowed}\t0.8\t600\t${started}\t${due}\tbreach\t${due}\n`);
    if (lines.length === COPY_CHUNK_ROWS) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length) yield lines.join('');
}

async function load(db: Client, n: number): Promise<{ ms: number; ticketsMs: number; deadlinesMs: number; analyzeMs: number }> {
  const ctx = await loadContext(db);
  const now = Date.now();
  const at = new Date(now).toISOString();
  const t0 = performance.now();
  const tickets = await copyIn(
    db,
    `COPY tickets (id, no, status, category_id, priority, channel, description, reporter_id, district_id, street_id, community_id,
                   grid_id, compound_id, handler_kind, handler_org_id, created_at, updated_at, dispatched_at) FROM STDIN`,
    ticketRows(n, ctx, at),
  );
  const t1 = performance.now();
  log(`COPY tickets: ${int(tickets)} rows in ${secs(t1 - t0)} (${int(tickets / ((t1 - t0) / 1000))} rows/s)`);
  const legs = await copyIn(
    db,
    `COPY ticket_deadlines (id, ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                            started_at, due_at, next_event, next_event_at) FROM STDIN`,
    deadlineRows(n, ctx, now),
  );
  const t2 = performance.now();
  log(`COPY ticket_deadlines: ${int(legs)} rows in ${secs(t2 - t1)} (${int(legs / ((t2 - t1) / 1000))} rows/s)`);
  // The ids were written explicitly: the sequences must continue after them.
  await db.query(`SELECT setval('tickets_id_seq', $1), setval('ticket_deadlines_id_seq', $1)`, [n]);
  // The bulk load marked every ticket dirty for the report rollups; draining that is the reports
  // bench's subject (`pnpm bench reports`), and here it would be the worker's only work "at rest".
  await db.query('TRUNCATE report_dirty_tickets');
  await db.query('ANALYZE tickets, ticket_deadlines');
  const t3 = performance.now();
  return { ms: t3 - t0, ticketsMs: t1 - t0, deadlinesMs: t2 - t1, analyzeMs: t3 - t2 };
}

// ───────────────────────────── the wave and the burst ─────────────────────────────

/** Odd ids for the wave, even ids for the burst, evenly spread over the table. */
function legIds(n: number, count: number, parity: 1 | 2): number[] {
  const half = Math.floor(n / 2);
  return Array.from({ length: count }, (_, i) => parity + 2 * Math.floor((i * half) / count));
}

/** Re-points the wave's legs to come due in one window, evenly spread, in shuffled order. */
async function scheduleWave(db: Client, ids: number[], firstDueMs: number, windowMs: number): Promise<void> {
  const due = ids.map((_, i) => new Date(firstDueMs + Math.floor((((i * 7919) % ids.length) * windowMs) / ids.length)).toISOString());
  await db.query(
    `UPDATE ticket_deadlines d SET due_at = w.at, next_event_at = w.at, started_at = w.at - interval '60 minutes', allowed_minutes = 60
       FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::timestamptz[]) AS at) w
      WHERE d.id = w.id`,
    [ids, due],
  );
}

/** Makes the burst's legs due now, all at the same instant; returns that instant. */
async function dueNow(db: Client, ids: number[]): Promise<number> {
  const { rows } = await db.query<{ at_ms: number }>(
    `WITH x AS (SELECT date_trunc('milliseconds', clock_timestamp()) AS at),
          u AS (UPDATE ticket_deadlines d SET due_at = x.at, next_event_at = x.at FROM x WHERE d.id = ANY($1::bigint[]) RETURNING 1)
     SELECT extract(epoch FROM (SELECT at FROM x)) * 1000 AS at_ms, (SELECT count(*) FROM u)::int AS n`,
    [ids],
  );
  return Number(rows[0].at_ms);
}

/**
 * Watches `overdue` timeline events appear, to time when each breach became visible (committed).
 * Event ids are taken before commit, so a lower id can commit after a higher one was seen: the
 * poll looks back a margin wider than the transactions that can be in flight.
 */
class OverdueWatch {
  readonly seenAt = new Map<number, number>(); // ticket id → epoch ms of the poll that first saw it
  private readonly seenEvents = new Set<string>();
  private maxId = 0n;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly db: Client) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), POLL_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async poll(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const from = this.maxId > 1000n ? this.maxId - 1000n : 0n;
      const { rows } = await this.db.query<{ id: string; ticket_id: number }>(
        `SELECT id, ticket_id FROM ticket_events WHERE id > $1 AND action = 'overdue'`,
        [from.toString()],
      );
      const now = Date.now();
      for (const r of rows) {
        if (this.seenEvents.has(r.id)) continue;
        this.seenEvents.add(r.id);
        if (BigInt(r.id) > this.maxId) this.maxId = BigInt(r.id);
        if (!this.seenAt.has(r.ticket_id)) this.seenAt.set(r.ticket_id, now);
      }
    } catch {
      // Retried on the next tick.
    } finally {
      this.busy = false;
    }
  }

  async waitFor(ids: number[], timeoutMs: number): Promise<number> {
    const until = Date.now() + timeoutMs;
    const missing = () => ids.reduce((n, id) => n + (this.seenAt.has(id) ? 0 : 1), 0);
    while (missing() > 0 && Date.now() < until) await sleep(POLL_MS);
    return missing();
  }
}

interface PhaseResult {
  fired: number;
  missing: number;
  engineLag: Spread; // breached_at − due_at
  visibleLag: Spread; // commit seen by the poller − due_at
  firstBreachMs: number;
  lastBreachMs: number;
  lastVisibleMs: number;
}

async function phaseResult(db: Client, ids: number[], watch: OverdueWatch): Promise<PhaseResult> {
  const { rows } = await db.query<{ id: string; due_ms: number; breached_ms: number | null }>(
    `SELECT id, extract(epoch FROM due_at) * 1000 AS due_ms, extract(epoch FROM breached_at) * 1000 AS breached_ms
       FROM ticket_deadlines WHERE id = ANY($1::bigint[])`,
    [ids],
  );
  const engine: number[] = [];
  const visible: number[] = [];
  let first = Infinity;
  let last = -Infinity;
  let lastVisible = -Infinity;
  for (const r of rows) {
    if (r.breached_ms === null) continue;
    const due = Number(r.due_ms);
    const breached = Number(r.breached_ms);
    engine.push(breached - due);
    first = Math.min(first, breached);
    last = Math.max(last, breached);
    // Tickets and legs were loaded one to one with the same ids.
    const seen = watch.seenAt.get(Number(r.id));
    if (seen !== undefined) {
      visible.push(seen - due);
      lastVisible = Math.max(lastVisible, seen);
    }
  }
  return {
    fired: engine.length,
    missing: ids.length - engine.length,
    engineLag: spread(engine),
    visibleLag: spread(visible),
    firstBreachMs: first,
    lastBreachMs: last,
    lastVisibleMs: lastVisible,
  };
}

interface Probe {
  db: Client;
  sampler: Client;
  redis: Redis;
  worker: ChildProcess;
  watch: OverdueWatch;
  profDir: string | null;
}

/**
 * One phase: from `trigger` (or now) until every leg in `ids` has breached — its lags, and where the
 * time went meanwhile (CPU, the worker's event loop, its PostgreSQL backends, optionally a profile).
 */
async function observe(p: Probe, name: string, ids: number[], timeoutMs: number, trigger?: () => Promise<number>): Promise<{ result: PhaseResult; dueMs: number }> {
  if (p.profDir) await ask(p.worker, { type: 'prof-start' }, 'prof-started');
  const waits = new WaitSampler(p.sampler);
  await resetLoopDelay(p.worker);
  const cpu0 = await cpuSnapshot(p.db, p.redis, p.worker.pid);
  waits.start();
  const dueMs = trigger ? await trigger() : NaN;
  const missing = await p.watch.waitFor(ids, timeoutMs);
  const cpu1 = await cpuSnapshot(p.db, p.redis, p.worker.pid);
  const waited = waits.stop();
  const loop = await loopDelay(p.worker);
  const result = await phaseResult(p.db, ids, p.watch);
  log(`${name}: ${int(result.fired)} of ${int(ids.length)} legs breached${missing ? `, ${int(missing)} not seen within ${secs(timeoutMs)}` : ''}`);
  log(`  lag breached_at − due_at: ${showSpread(result.engineLag)}`);
  log(`  lag until the commit was visible (${POLL_MS} ms polls): ${showSpread(result.visibleLag)}`);
  log(`  ${showCpu(cpu0, cpu1, result.fired)}`);
  log(`  ${loop}`);
  log(`  worker's PostgreSQL backends, average count by state: ${waited}`);
  if (p.profDir) {
    const path = join(p.profDir, `worker-${name.replace(/\W+/g, '-')}.cpuprofile`);
    await ask(p.worker, { type: 'prof-stop', path }, 'prof-stopped');
    printProfile(name, path);
  }
  return { result, dueMs };
}

/** Each fired leg: exactly one overdue event, 督办 level 1, the next level scheduled, at least one notice. */
async function exactlyOnce(db: Client, ids: number[]): Promise<{ ok: number; doubled: number; wrong: number; noNotice: number }> {
  const { rows } = await db.query(
    `SELECT count(*) FILTER (WHERE e = 1 AND lvl = 1 AND nxt = 'escalate' AND n > 0)::int AS ok,
            count(*) FILTER (WHERE e > 1)::int AS doubled,
            count(*) FILTER (WHERE e = 1 AND (lvl <> 1 OR nxt IS DISTINCT FROM 'escalate'))::int AS wrong,
            count(*) FILTER (WHERE e = 1 AND n = 0)::int AS no_notice
       FROM (SELECT d.id, d.escalation_level AS lvl, d.next_event::text AS nxt,
                    (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = d.ticket_id AND e.action = 'overdue') AS e,
                    (SELECT count(*) FROM notifications n WHERE n.ticket_id = d.ticket_id AND n.dedupe_key = 'escalate:' || d.id || ':1') AS n
               FROM ticket_deadlines d WHERE d.id = ANY($1::bigint[])) x`,
    [ids],
  );
  return { ok: rows[0].ok, doubled: rows[0].doubled, wrong: rows[0].wrong, noNotice: rows[0].no_notice };
}

// ───────────────────────────── the worker ─────────────────────────────

interface Worker {
  child: ChildProcess;
  bootMs: number;
}

async function startWorker(env: NodeJS.ProcessEnv, cpuProf: boolean): Promise<Worker> {
  const t0 = performance.now();
  const preload = ['-r', './bench/event-loop.bench-util.ts', ...(cpuProf ? ['-r', './bench/support/api-profiler.ts'] : [])];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', ...preload, 'src/worker.ts'], {
    cwd: API_DIR,
    env,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  state.worker = child;
  let ready: () => void;
  const started = new Promise<void>((r) => (ready = r));
  // Nest prints its boot at `log` level whatever LOG_LEVEL says; only the engine's own lines and problems are shown.
  createInterface({ input: child.stdout! }).on('line', (raw) => {
    const line = stripVTControlCharacters(raw);
    if (line.includes('worker started')) ready();
    if (/\b(ERROR|WARN)\b|worker started/.test(line)) console.log(`    worker│ ${line.replace(/^.*?\s(LOG|WARN|ERROR)\s+/, '$1 ')}`);
  });
  createInterface({ input: child.stderr! }).on('line', (line) => console.error(`    worker│ ${line}`));
  const exited = new Promise<never>((_, reject) => child.once('exit', (code, signal) => reject(new Error(`worker exited (${code ?? signal}) before it started`))));
  await Promise.race([started, exited, sleep(120_000).then(() => Promise.reject(new Error('worker did not start within 120 s')))]);
  child.removeAllListeners('exit');
  child.once('exit', (code, signal) => {
    if (!state.stopping) console.error(`  ! worker exited unexpectedly (${code ?? signal})`);
  });
  return { child, bootMs: performance.now() - t0 };
}

/** One request to a preloaded helper in the worker (event-loop delay, CPU profiler) and its reply. */
function ask<T = Record<string, unknown>>(child: ChildProcess, message: object, reply: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: { type?: string; error?: string }) => {
      if (m?.type !== reply) return;
      child.off('message', onMessage);
      if (m.error) reject(new Error(m.error));
      else resolve(m as T);
    };
    child.on('message', onMessage);
    child.send(message);
  });
}

const resetLoopDelay = (child: ChildProcess) => ask(child, { type: 'eld-reset' }, 'eld-reset');

async function loopDelay(child: ChildProcess): Promise<string> {
  const d = await ask<{ p50: number; p99: number; max: number }>(child, { type: 'eld-read' }, 'eld');
  return `worker event-loop delay p50 ${fixed(d.p50)} ms · p99 ${fixed(d.p99)} ms · max ${fixed(d.max)} ms`;
}

async function stopWorker(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  state.stopping = true;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, sleep(10_000)]);
  if (child.exitCode === null && child.signalCode === null) {
    console.error('  ! worker ignored SIGTERM for 10 s: SIGKILL');
    child.kill('SIGKILL');
    await exited;
  }
}

// ───────────────────────────── cleanup ─────────────────────────────

const state: { url?: string; keepDb: boolean; redis?: Redis; worker?: ChildProcess; stopping?: boolean; cleanup?: Promise<void> } = { keepDb: false };

function cleanup(): Promise<void> {
  state.cleanup ??= doCleanup();
  return state.cleanup;
}

async function doCleanup(): Promise<void> {
  await stopWorker(state.worker);
  if (state.redis) {
    await state.redis.flushdb().catch(() => undefined);
    state.redis.disconnect();
  }
  if (!state.url) return;
  if (state.keepDb) {
    console.log(`  · kept database ${state.url} (--keep-db)`);
    return;
  }
  try {
    await dropDatabase(state.url);
    log(`dropped database ${new URL(state.url).pathname.slice(1)}, flushed the Redis db`);
  } catch (error) {
    console.error(`  ! could not drop ${state.url}: ${(error as Error).message}`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n  ! ${signal}: stopping the worker, flushing Redis, dropping the bench database`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  const child = state.worker;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

// ───────────────────────────── the run ─────────────────────────────

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  state.keepDb = opts.keepDb;
  const baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const url = withDatabaseName(baseUrl, `rb_bench_deadlines_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  state.url = url;
  const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  redisUrl.pathname = `/${opts.redisDb}`;
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, REDIS_URL: redisUrl.toString(), LOG_LEVEL: 'error' };
  const config = loadConfig(workerEnv);

  console.log(`\n红管家 deadlines benchmark — ${int(opts.tickets)} open tickets, a wave of ${int(opts.wave)} due within ${opts.windowS} s, a burst of ${int(opts.burst)}`);
  log(`worker env: DATABASE_URL=${url} REDIS_URL=${config.REDIS_URL} LOG_LEVEL=error`);
  log(
    `engine settings: SWEEP_INTERVAL_MS=${config.SWEEP_INTERVAL_MS} SWEEP_HORIZON_MS=${config.SWEEP_HORIZON_MS} SWEEP_BATCH=${config.SWEEP_BATCH} ` +
      `WORKER_CONCURRENCY=${config.WORKER_CONCURRENCY} DATABASE_POOL_SIZE=${process.env.DATABASE_POOL_SIZE ?? 20}`,
  );
  log(`machine: ${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work shares it)`);

  const setupStart = performance.now();
  await migrate(url);
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    await seed(ds, readSeedFile());
  } finally {
    await ds.destroy();
  }
  log(`database ${new URL(url).pathname.slice(1)}: migrated and seeded in ${secs(performance.now() - setupStart)}`);

  const redis = new Redis(redisUrl.toString(), { connectionName: BENCH_APP, maxRetriesPerRequest: 3 });
  state.redis = redis;
  await redis.flushdb();
  const db = new Client({ connectionString: url, application_name: BENCH_APP });
  const poller = new Client({ connectionString: url, application_name: BENCH_APP });
  const sampler = new Client({ connectionString: url, application_name: BENCH_APP });
  for (const c of [db, poller, sampler]) {
    c.on('error', () => undefined); // the DROP DATABASE … WITH (FORCE) of a cleanup ends them
    await c.connect();
  }
  try {
    await run(opts, config, workerEnv, db, poller, sampler, redis);
  } finally {
    for (const c of [db, poller, sampler]) await c.end().catch(() => undefined);
  }
}

async function run(opts: Options, config: AppConfig, workerEnv: NodeJS.ProcessEnv, db: Client, poller: Client, sampler: Client, redis: Redis): Promise<void> {
  // 1. A million open tickets.
  const loaded = await load(db, opts.tickets);
  log(`loaded ${int(opts.tickets)} tickets + ${int(opts.tickets)} open legs with COPY in ${secs(loaded.ms)} (ANALYZE ${secs(loaded.analyzeMs)})`);
  const { rows: sizeRows } = await db.query<{ size: string }>(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`);
  log(`database size ${sizeRows[0].size}`);

  // 2. The worker, at rest: every leg pending, nothing due for a day.
  const baseline = await usedMemory(redis);
  log(`Redis used_memory baseline ${mb(baseline)} (db ${opts.redisDb} flushed)`);
  const peak = { bytes: baseline };
  const peakTimer = setInterval(() => void usedMemory(redis).then((b) => (peak.bytes = Math.max(peak.bytes, b)), () => undefined), 1000);
  const worker = await startWorker(workerEnv, opts.cpuProf);
  log(`worker pid ${worker.child.pid} started in ${secs(worker.bootMs)}; settling ${secs(SETTLE_MS)} (its first sweep is a full one), then ${opts.restS} s at rest`);
  await sleep(SETTLE_MS);
  const rest = await atRest(db, redis, worker.child, opts.restS, opts.cpuProf);

  // 3. The wave, queued ahead by the sweep like any deadline.
  const waveIds = legIds(opts.tickets, opts.wave, 1);
  const burstIds = legIds(opts.tickets, opts.burst, 2);
  const firstDueMs = Date.now() + opts.leadS * 1000;
  const windowMs = opts.windowS * 1000;
  await scheduleWave(db, waveIds, firstDueMs, windowMs);
  log(`wave: ${int(opts.wave)} legs due ${new Date(firstDueMs).toISOString()} + 0…${opts.windowS} s (the wave begins in ${secs(firstDueMs - Date.now())})`);
  const watch = new OverdueWatch(poller);
  watch.start();

  // 3. Redis while every deadline is pending and the sweep has queued what the wave's first minute holds.
  const measureAt = firstDueMs - 6000;
  if (Date.now() > measureAt) console.error('  ! the worker took longer to start than --lead allows: Redis is measured late');
  await sleep(Math.max(0, measureAt - Date.now()));
  const { rows: pendingRows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_deadlines WHERE status = 'open' AND next_event_at IS NOT NULL`);
  const pending = pendingRows[0].n;
  const fp = await redisFootprint(redis, BENCH_APP);
  const queued = await queueCounts(redis);
  const sweepPlan = await explainSweep(db, config);
  const engineBytes = fp.keyBytes + fp.clientBytes;
  const jobBytes = fp.byKind.get('bull:deadlines:<job>');
  log(`pending deadlines ${int(pending)}; in Redis: ${int(queued.delayed)} delayed + ${int(queued.wait)} waiting fire jobs, ${int(fp.keys)} keys`);
  log(`Redis (db ${opts.redisDb}): keys ${mb(fp.keyBytes)} + ${fp.clients} engine connections ${mb(fp.clientBytes)} = ${mb(engineBytes)} → ${fixed(engineBytes / pending, 2)} B per pending deadline`);
  log(`Redis instance used_memory Δ ${mb(fp.usedMemory - baseline)} → ${fixed((fp.usedMemory - baseline) / pending, 2)} B per pending deadline (includes anything else on this Redis)`);
  for (const [kind, k] of [...fp.byKind.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 6)) {
    console.log(`      ${kind.padEnd(32)} ${int(k.keys).padStart(7)} keys  ${mb(k.bytes).padStart(9)}  (${int(k.bytes / k.keys)} B/key)`);
  }
  log(`sweep query now (LIMIT ${config.SWEEP_BATCH}, horizon ${config.SWEEP_HORIZON_MS / 1000} s): ${sweepPlan}`);
  log(`one sweep pass (the engine's DeadlineSweep.run, run here): ${await sweepCost(workerEnv.DATABASE_URL as string, redis, config)}`);

  // 4. The wave.
  const probe: Probe = { db, sampler, redis, worker: worker.child, watch, profDir: opts.cpuProf ? mkdtempSync(join(os.tmpdir(), 'rb-deadlines-prof-')) : null };
  const { result: wave } = await observe(probe, 'the wave', waveIds, windowMs + 120_000);

  // 5. The burst: all due at once, drained as fast as the engine can.
  let burst: PhaseResult | null = null;
  let burstDueMs = NaN;
  if (opts.burst > 0) {
    ({ result: burst, dueMs: burstDueMs } = await observe(probe, 'the burst', burstIds, 300_000, () => dueNow(db, burstIds)));
    log(`  first breach ${secs(burst.firstBreachMs - burstDueMs)} after due (the sweep's pick-up), last ${secs(burst.lastBreachMs - burstDueMs)}`);
  }
  clearInterval(peakTimer);
  watch.stop();

  // 6. Exactly once, and nothing fired that was not due.
  const fired = [...waveIds, ...burstIds];
  const check = await exactlyOnce(db, fired);
  const { rows: totalRows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_events WHERE action = 'overdue'`);
  const failed = await redis.zcard('bull:deadlines:failed');
  const correct = check.ok === fired.length && totalRows[0].n === fired.length && failed === 0;
  log(
    `exactly once: ${int(check.ok)}/${int(fired.length)} legs with one overdue event, level 1, notices` +
      `${check.doubled ? `; ${check.doubled} DOUBLED` : ''}${check.wrong ? `; ${check.wrong} wrong state` : ''}${check.noNotice ? `; ${check.noNotice} without notice` : ''}` +
      `; overdue events in total ${int(totalRows[0].n)}; failed jobs ${failed}`,
  );

  // After the worker stopped: its sweep would otherwise fire the counted legs first.
  await stopWorker(worker.child);
  const trips = await roundTrips(workerEnv, db, opts.tickets, new Set(fired));
  log(`round trips per breach (queries sent by DeadlineEffects' pg clients, each one round trip): ${trips.breach} now; the step-by-step path ${trips.stepByStep} (${trips.steps})`);
  summary({ opts, config, loaded, pending, rest, fp, baseline, peakBytes: peak.bytes, queuedJobs: queued.delayed + queued.wait, jobBytes, wave, burst, burstDueMs, correct, trips });
}

interface RestResult {
  seconds: number;
  workerCpuPct: number;
  postgresCpuPct: number;
  redisCpuPct: number;
  machinePct: number;
  rowsRead: number;
  bytesPerPending: number;
  pending: number;
  keys: number;
}

/**
 * The worker with nothing due: its CPU (utime + stime of the child, /proc/<pid>/stat) over
 * `seconds`, the ticket_deadlines rows read meanwhile (pg_stat_user_tables: index fetches and
 * sequential reads, which includes anything else reading the table — nothing else does here),
 * and what Redis holds per pending deadline.
 */
async function atRest(db: Client, redis: Redis, worker: ChildProcess, seconds: number, profile: boolean): Promise<RestResult> {
  const tuples = async () => {
    // The statistics are flushed by each backend at most once a second: read after a pause.
    const { rows } = await db.query<{ n: string }>(
      `SELECT (coalesce(idx_tup_fetch, 0) + coalesce(seq_tup_read, 0))::text AS n FROM pg_stat_user_tables WHERE relname = 'ticket_deadlines'`,
    );
    return Number(rows[0].n);
  };
  await db.query('SELECT pg_stat_clear_snapshot()');
  const read0 = await tuples();
  if (profile) await ask(worker, { type: 'prof-start' }, 'prof-started');
  const cpu0 = await cpuSnapshot(db, redis, worker.pid);
  await sleep(seconds * 1000);
  const cpu1 = await cpuSnapshot(db, redis, worker.pid);
  if (profile) {
    const path = join(mkdtempSync(join(os.tmpdir(), 'rb-deadlines-prof-')), 'worker-at-rest.cpuprofile');
    await ask(worker, { type: 'prof-stop', path }, 'prof-stopped');
    printProfile('rest', path);
  }
  await sleep(1500);
  await db.query('SELECT pg_stat_clear_snapshot()');
  const read1 = await tuples();
  const wallS = (cpu1.at - cpu0.at) / 1000;
  let postgres = 0;
  for (const [pid, sec] of cpu1.postgres) postgres += sec - (cpu0.postgres.get(pid) ?? sec);
  const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ticket_deadlines WHERE status = 'open' AND next_event_at IS NOT NULL`);
  const pending = rows[0].n;
  const fp = await redisFootprint(redis, BENCH_APP);
  const r: RestResult = {
    seconds: wallS,
    workerCpuPct: ((cpu1.worker - cpu0.worker) / wallS) * 100,
    postgresCpuPct: (postgres / wallS) * 100,
    redisCpuPct: ((cpu1.redis - cpu0.redis) / wallS) * 100,
    machinePct: ((cpu1.machineBusy - cpu0.machineBusy) / Math.max(0.001, cpu1.machineTotal - cpu0.machineTotal)) * 100,
    rowsRead: read1 - read0,
    bytesPerPending: (fp.keyBytes + fp.clientBytes) / pending,
    pending,
    keys: fp.keys,
  };
  log(
    `at rest for ${fixed(wallS)} s: worker ${fixed(r.workerCpuPct, 2)}% of a core (${fixed(cpu1.worker - cpu0.worker, 2)} s CPU), its PostgreSQL backends ` +
      `${fixed(r.postgresCpuPct, 2)}%, Redis ${fixed(r.redisCpuPct, 2)}%; machine ${fixed(r.machinePct, 0)}% busy (other work included); load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`,
  );
  log(`  ticket_deadlines rows read meanwhile: ${int(r.rowsRead)} (${fixed(r.rowsRead / wallS, 1)}/s; ${int(pending)} pending)`);
  log(`  Redis at rest: ${int(fp.keys)} keys, engine keys + connections ${mb(fp.keyBytes + fp.clientBytes)} → ${fixed(r.bytesPerPending, 2)} B per pending deadline`);
  return r;
}

/**
 * Round trips per breach, counted: the engine's DeadlineEffects (from the worker's module, in this
 * process) fires one due leg while every query its pg clients send is counted — each query is one
 * round trip, BEGIN and COMMIT included. The step-by-step path (how every breach ran before issue
 * #14, and still how survey and visit legs run) on a second leg, for comparison.
 */
async function roundTrips(env: NodeJS.ProcessEnv, db: Client, n: number, taken: Set<number>): Promise<{ breach: number; stepByStep: number; steps: string }> {
  const spare: number[] = [];
  for (let id = 3; spare.length < 3 && id <= n; id++) if (!taken.has(id)) spare.push(id);
  const { rows } = await db.query<{ id: string; at: Date }>(
    `UPDATE ticket_deadlines SET due_at = date_trunc('milliseconds', now()), next_event_at = date_trunc('milliseconds', now())
      WHERE id = ANY($1::bigint[]) RETURNING id, next_event_at AS at`,
    [spare],
  );
  const { NestFactory } = await import('@nestjs/core');
  const { WorkerModule } = await import('../src/worker/worker.module');
  const { DeadlineEffects } = await import('../src/deadlines/deadline-effects.service');
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig(env)), { logger: false });
  const original = Client.prototype.query;
  const seen: string[] = [];
  try {
    const effects = ctx.get(DeadlineEffects);
    const stepByStep = (effects as unknown as { stepByStep: (id: string, e: string, at: Date, now: Date) => Promise<string> }).stepByStep.bind(effects);
    // Warm: the pool's connections and the cached system user, as in a running worker.
    await stepByStep(rows[0].id, 'breach', rows[0].at, new Date());
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const q = args[0] as string | { text?: string };
      seen.push((typeof q === 'string' ? q : (q?.text ?? '?')).trim().split(/\s+/)[0].toUpperCase());
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
    const before = seen.length;
    if ((await effects.fire(rows[1].id, 'breach', rows[1].at, new Date())) !== 'fired') throw new Error('the counted breach did not fire');
    const breach = seen.length - before;
    const mark = seen.length;
    if ((await stepByStep(rows[2].id, 'breach', rows[2].at, new Date())) !== 'fired') throw new Error('the step-by-step breach did not fire');
    const steps = seen.slice(mark);
    return { breach, stepByStep: steps.length, steps: steps.join(', ') };
  } finally {
    Client.prototype.query = original;
    await ctx.close();
  }
}

/**
 * What a sweep pass costs while the wave is already queued: a fresh DeadlineSweep (as in a new
 * process) reads the whole horizon and re-adds it (Redis answers "duplicate"); its next pass reads
 * only what changed or came into the horizon, which is what the worker does every interval.
 */
async function sweepCost(url: string, redis: Redis, config: AppConfig): Promise<string> {
  const ds = createDataSource(url);
  await ds.initialize();
  const connection = { ...redisOptions(config.REDIS_URL, 'worker'), connectionName: BENCH_APP };
  const deadlines = new Queue(QUEUES.deadlines, { connection });
  const notifications = new Queue(QUEUES.notifications, { connection });
  try {
    await deadlines.waitUntilReady();
    await notifications.waitUntilReady();
    const sweep = new DeadlineSweep(ds, config);
    const passes: string[] = [];
    // A new process's first pass (full), then the next one (incremental), as the worker runs them.
    for (const kind of ['full', 'next'] as const) {
      const redisCpu0 = await redisCpuSeconds(redis);
      const before = await queueCounts(redis);
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await sweep.run(deadlines, notifications);
      const wall = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const redisCpu = (await redisCpuSeconds(redis)) - redisCpu0;
      const after = await queueCounts(redis);
      const added = after.delayed + after.wait - before.delayed - before.wait;
      passes.push(
        `${kind} pass: ${int(result.rowsRead)} rows read, ${int(added)} new jobs, ${int(result.deadlines + result.backlog - added)} re-added as duplicates — ` +
          `${int(wall)} ms wall, ${int((cpu.user + cpu.system) / 1000)} ms Node CPU, ~${int(redisCpu * 1000)} ms Redis CPU`,
      );
      await sleep(config.SWEEP_INTERVAL_MS);
    }
    return `${passes.join('; ')} (the worker runs the latter every ${config.SWEEP_INTERVAL_MS} ms)`;
  } finally {
    await Promise.all([deadlines.close(), notifications.close(), ds.destroy()]);
  }
}

async function queueCounts(redis: Redis): Promise<{ delayed: number; wait: number }> {
  const [delayed, wait] = await Promise.all([redis.zcard('bull:deadlines:delayed'), redis.llen('bull:deadlines:wait')]);
  return { delayed, wait };
}

async function explainSweep(db: Client, config: AppConfig): Promise<string> {
  const { rows } = await db.query<{ 'QUERY PLAN': string }>(
    `EXPLAIN (ANALYZE, BUFFERS) SELECT id, ticket_id, next_event, next_event_at FROM ticket_deadlines
      WHERE status = 'open' AND next_event_at IS NOT NULL AND next_event_at <= $1 ORDER BY next_event_at LIMIT $2`,
    [new Date(Date.now() + config.SWEEP_HORIZON_MS), config.SWEEP_BATCH],
  );
  const lines = rows.map((r) => r['QUERY PLAN']);
  const scan = lines.find((l) => /Scan/.test(l))?.trim().replace(/\s+\(cost=[^)]*\)/, '') ?? '?';
  const time = lines.find((l) => /Execution Time/.test(l))?.trim() ?? '';
  return `${scan.slice(0, 90)}; ${time}`;
}

function printProfile(phase: string, path: string): void {
  const p = summariseProfile(path, 12);
  log(`worker CPU profile during ${phase}: ${fixed(p.busyMs / 1000)} s busy of ${fixed(p.wallMs / 1000)} s (${path})`);
  for (const f of p.packages.slice(0, 8)) console.log(`      ${f.name.padEnd(40)} ${fixed(f.ms, 0).padStart(7)} ms  ${fixed(f.share * 100, 0).padStart(3)}%`);
  console.log('      — top functions (self time) —');
  for (const f of p.functions.slice(0, 12)) console.log(`      ${f.name.slice(0, 70).padEnd(70)} ${fixed(f.ms, 0).padStart(7)} ms  ${fixed(f.share * 100, 0).padStart(3)}%`);
}

interface SummaryInput {
  opts: Options;
  config: AppConfig;
  loaded: { ms: number; ticketsMs: number; deadlinesMs: number; analyzeMs: number };
  pending: number;
  rest: RestResult;
  trips: { breach: number; stepByStep: number };
  fp: RedisFootprint;
  baseline: number;
  peakBytes: number;
  queuedJobs: number;
  jobBytes?: { keys: number; bytes: number };
  wave: PhaseResult;
  burst: PhaseResult | null;
  burstDueMs: number;
  correct: boolean;
}

function summary(s: SummaryInput): void {
  const engineBytes = s.fp.keyBytes + s.fp.clientBytes;
  const perPending = engineBytes / s.pending;
  const perPendingInstance = (s.fp.usedMemory - s.baseline) / s.pending;
  const redisOk = perPending <= FLOOR_REDIS_BYTES && perPendingInstance <= FLOOR_REDIS_BYTES;
  const lagOk = s.wave.missing === 0 && s.wave.engineLag.p99 <= FLOOR_LAG_P99_MS;
  const waveRate = s.wave.fired / Math.max(0.001, (s.wave.lastBreachMs - s.wave.firstBreachMs) / 1000);
  const burstRate = s.burst ? s.burst.fired / Math.max(0.001, (s.burst.lastBreachMs - s.burst.firstBreachMs) / 1000) : NaN;
  const drainRate = s.burst ? s.burst.fired / Math.max(0.001, (s.burst.lastVisibleMs - s.burstDueMs) / 1000) : NaN;
  const line = (label: string, value: string) => console.log(`  ${label.padEnd(34)} ${value}`);

  console.log('\n── summary ─────────────────────────────────────────────────────────────');
  line('pending deadlines', `${int(s.pending)} open legs (${int(s.opts.tickets)} tickets), ${int(s.queuedJobs)} fire jobs queued in Redis`);
  line('load (COPY FROM STDIN)', `${secs(s.loaded.ms)} — tickets ${secs(s.loaded.ticketsMs)}, legs ${secs(s.loaded.deadlinesMs)}, ANALYZE ${secs(s.loaded.analyzeMs)}`);
  line(`worker CPU at rest (${fixed(s.rest.seconds, 0)} s)`, `${fixed(s.rest.workerCpuPct, 2)}% of one core (its PostgreSQL backends ${fixed(s.rest.postgresCpuPct, 2)}%); ${int(s.rest.rowsRead)} deadline rows read   floor ≤ ${FLOOR_REST_CPU}%   ${verdict(s.rest.workerCpuPct <= FLOOR_REST_CPU)}`);
  line('Redis per pending deadline at rest', `${fixed(s.rest.bytesPerPending, 2)} B (${int(s.rest.keys)} keys)   floor ≤ ${FLOOR_REDIS_BYTES} B   ${verdict(s.rest.bytesPerPending <= FLOOR_REDIS_BYTES)}`);
  line('Redis per pending deadline', `${fixed(perPending, 2)} B (engine keys + connections ${mb(engineBytes)}); instance used_memory Δ ${fixed(perPendingInstance, 2)} B   floor ≤ ${FLOOR_REDIS_BYTES} B   ${verdict(redisOk)}`);
  if (s.jobBytes) line('  per queued fire job', `${int(s.jobBytes.bytes / s.jobBytes.keys)} B job hash; ${int(engineBytes / Math.max(1, s.queuedJobs))} B all keys ÷ queued jobs`);
  line('  peak used_memory Δ during run', `${mb(s.peakBytes - s.baseline)} (${fixed((s.peakBytes - s.baseline) / s.pending, 2)} B per pending deadline)`);
  line(`wave lag (${int(s.opts.wave)} in ${s.opts.windowS} s)`, `p50 ${int(s.wave.engineLag.p50)} ms · p99 ${int(s.wave.engineLag.p99)} ms · max ${int(s.wave.engineLag.max)} ms   floor p99 ≤ ${FLOOR_LAG_P99_MS} ms   ${verdict(lagOk)}`);
  line('  until visible (committed)', `p50 ${int(s.wave.visibleLag.p50)} ms · p99 ${int(s.wave.visibleLag.p99)} ms · max ${int(s.wave.visibleLag.max)} ms (±${POLL_MS} ms polling)`);
  line('  wave sustained', `${fixed(waveRate, 0)} escalations/s (the arrival rate: ${fixed(s.opts.wave / s.opts.windowS, 0)}/s)`);
  if (s.burst) {
    line(`escalations/s (burst of ${int(s.opts.burst)})`, `${fixed(burstRate, 0)}/s first→last breach; ${fixed(drainRate, 0)}/s due→last commit incl. sweep pick-up`);
    line('  burst lag', `p50 ${int(s.burst.engineLag.p50)} ms · p99 ${int(s.burst.engineLag.p99)} ms · max ${int(s.burst.engineLag.max)} ms`);
  }
  line('round trips per breach', `${s.trips.breach} (the step-by-step path: ${s.trips.stepByStep}), counted in this process on DeadlineEffects' pg clients`);
  line('exactly once', s.correct ? 'PASS' : 'FAIL ✗');
  console.log('────────────────────────────────────────────────────────────────────────');
}

main()
  .then(() => cleanup())
  .then(() => process.exit(0))
  .catch(async (error: unknown) => {
    console.error(`\n  ✗ ${(error as Error)?.stack ?? error}`);
    await cleanup();
    process.exit(1);
  });
