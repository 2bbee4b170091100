/**
 * `pnpm bench intake` — how many tickets per second the running API can take in (点单), measured
 * against a raw INSERT loop on the same PostgreSQL as the ceiling.
 *
 *   1. a throwaway database rb_bench_intake_<random>: migrated, seeded with the demo data, plus
 *      bench residents spread over the demo compounds; dropped at the end (also on failure / Ctrl-C);
 *   2. the API as a child process — the production build (`node dist/main.js`, built by `pnpm bench`), or
 *      with --ts-node the development way (`node -r ts-node/register/transpile-only src/main.ts`) — rate limits
 *      raised so they do not throttle the run; this process is the load generator (a second process);
 *   3. warm-up, then POST /api/tickets at a fixed rate (open loop, paced: one request every 1/rate s
 *      whatever the responses do) and at saturation (autocannon, closed loop, several connection counts);
 *   4. a check that every 2xx is exactly one ticket row with exactly one `report` event;
 *   5. with the API stopped: single-row INSERT loops with `pg` on the same database — the ceiling.
 *
 * Options: --duration N (seconds per phase, default 10), --warmup N (default 3), --rate N (default 300),
 * --connections 32,64, --ceiling-clients N[,N] (default: the API's DB pool size, so both sides hold as
 * many database connections), --users N (residents, default 64), --cpu-prof (sample the API during
 * the saturation phases and print the top costs), --ts-node, --keep-db.
 * Exit code 0 whenever the run completes (floors missed are printed as FAIL); 1 when the run breaks.
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { API_DIR, RAISED_LIMIT, startApiChild } from './support/api-child';
import { summariseProfile } from './support/cpu-profile';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';
const FLOOR_SATURATION = 1000; // creates/s
const FLOOR_P99_MS = 50; // at the fixed rate
const CALIBRATION_S = 2; // seconds, before each saturation run
const STALL_S = 15; // no response for this long while requests are outstanding: the API is stuck

/** The API stopped answering; the run cannot produce figures past this point. */
class StallError extends Error {}
const API_POOL_SIZE = Number(process.env.DATABASE_POOL_SIZE ?? 20); // what data-source.ts gives the API

// ───────────────────────────── options ─────────────────────────────

interface Options {
  duration: number;
  warmup: number;
  rate: number;
  connections: number[];
  ceilingClients: number[];
  users: number;
  cpuProf: boolean;
  tsNode: boolean;
  keepDb: boolean;
}

function parseArgs(argv: string[]): Options {
  const o: Options = {
    duration: 10,
    warmup: 3,
    rate: 300,
    connections: [32, 64],
    ceilingClients: [API_POOL_SIZE],
    users: 64,
    cpuProf: false,
    tsNode: false,
    keepDb: false,
  };
  const list = (v: string) => v.split(',').map((x) => positive(x));
  function positive(v: string | undefined): number {
    const n = Number(v);
    if (!Number.isFinite(n) || n <= 0) usage(`expected a positive number, got "${v}"`);
    return n;
  }
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2) as [string, string | undefined];
    const value = () => inline ?? argv[++i];
    switch (flag) {
      case '--duration': o.duration = positive(value()); break;
      case '--warmup': o.warmup = positive(value()); break;
      case '--rate': o.rate = positive(value()); break;
      case '--connections': o.connections = list(value() ?? ''); break;
      case '--ceiling-clients': o.ceilingClients = list(value() ?? ''); break;
      case '--users': o.users = Math.max(2, Math.round(positive(value()))); break;
      case '--cpu-prof': o.cpuProf = true; break;
      case '--ts-node': o.tsNode = true; break;
      case '--keep-db': o.keepDb = true; break;
      case '--help': case '-h': usage(); break;
      default: usage(`unknown option ${argv[i]}`);
    }
  }
  o.ceilingClients = [...new Set(o.ceilingClients.map(Math.round))];
  o.connections = [...new Set(o.connections.map(Math.round))];
  return o;
}

function usage(error?: string): never {
  if (error) console.error(error);
  console.error(
    'usage: pnpm bench intake [--duration 10] [--warmup 3] [--rate 300] [--connections 32,64] [--ceiling-clients 20,64] [--users 64] [--cpu-prof] [--ts-node] [--keep-db]',
  );
  process.exit(error ? 2 : 0);
}

// ───────────────────────────── small helpers ─────────────────────────────

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const log = (line: string) => console.log(`  · ${line}`);
const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (n: number) => (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0));
const pct = (n: number) => `${(n * 100).toFixed(0)}%`;
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL ✗');

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

// ───────────────────────────── CPU accounting (Linux /proc) ─────────────────────────────

interface CpuSnapshot {
  at: number;
  api: number; // seconds of CPU
  postgres: Map<number, number>; // pid → seconds of CPU, for this database's backends and the server's own processes
  self: number;
  machineBusy: number;
  machineTotal: number;
}

const TICK = 100; // USER_HZ on Linux

function procCpu(pid: number): { comm: string; seconds: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const comm = stat.slice(stat.indexOf('(') + 1, close);
    const f = stat.slice(close + 2).split(' '); // f[0] = field 3 (state)
    const ticks = Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]); // utime stime cutime cstime
    return { comm, seconds: ticks / TICK };
  } catch {
    return null;
  }
}

/**
 * CPU counters of the API, of the PostgreSQL processes that work for the bench database (its
 * backends, plus the server's own writer/checkpointer processes; not other databases' backends, so
 * tests running elsewhere on the machine do not count as ours), of this process and of the machine.
 */
async function cpuSnapshot(db: Client, apiPid: number | undefined): Promise<CpuSnapshot | null> {
  if (!existsSync('/proc/stat')) return null;
  const postgres = new Map<number, number>();
  try {
    const { rows } = await db.query<{ pid: number }>(
      'SELECT pid FROM pg_stat_activity WHERE datname = current_database() OR datname IS NULL',
    );
    for (const { pid } of rows) {
      const p = procCpu(pid);
      if (p) postgres.set(pid, p.seconds);
    }
  } catch {
    return null;
  }
  const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  const idle = cpu[3] + (cpu[4] ?? 0);
  const usage = process.cpuUsage();
  return {
    at: performance.now(),
    api: apiPid ? procCpu(apiPid)?.seconds ?? 0 : 0,
    postgres,
    self: (usage.user + usage.system) / 1e6,
    machineBusy: (total - idle) / TICK,
    machineTotal: total / TICK,
  };
}

interface CpuShare {
  api: number; // share of one core
  postgres: number;
  loadgen: number;
  machine: number; // share of all cores
}

function cpuShare(a: CpuSnapshot | null, b: CpuSnapshot | null): CpuShare | null {
  if (!a || !b) return null;
  const wall = (b.at - a.at) / 1000;
  if (wall <= 0) return null;
  return {
    api: (b.api - a.api) / wall,
    postgres: [...b.postgres].reduce((sum, [pid, seconds]) => sum + seconds - (a.postgres.get(pid) ?? 0), 0) / wall,
    loadgen: (b.self - a.self) / wall,
    machine: (b.machineBusy - a.machineBusy) / Math.max(1e-9, b.machineTotal - a.machineTotal),
  };
}

/** CPU of everything else on the machine, in cores: other people's tests and builds depress the figures. */
const othersShare = (c: CpuShare) => Math.max(0, c.machine * os.cpus().length - c.api - c.postgres - c.loadgen);

const cpuLine = (c: CpuShare | null, loadgen = 'load generator', perSecond?: number) => {
  if (!c) return 'CPU: n/a';
  const cores = os.cpus().length;
  const others = othersShare(c);
  const api = c.api > 0.005 ? `API ${pct(c.api)}, ` : '';
  const line = `CPU (100% = one of ${cores} cores): ${api}postgres ${pct(c.postgres)}, ${loadgen} ${pct(c.loadgen)}, other processes ${pct(others)}; machine busy ${pct(c.machine)}`;
  if (!perSecond) return line;
  const each = (share: number) => ((share / perSecond) * 1000).toFixed(2);
  return `${line}\n    CPU per create: ${c.api > 0.005 ? `API ${each(c.api)} ms + ` : ''}postgres ${each(c.postgres)} ms + ${loadgen} ${each(c.loadgen)} ms = ${each(c.api + c.postgres + c.loadgen)} ms`;
};

// ───────────────────────────── the API child ─────────────────────────────

interface Api {
  base: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
  request: (message: object, answer: string) => Promise<void>;
}

const apiEntry = (opts: Pick<Options, 'tsNode'>) => (opts.tsNode ? 'src/main.ts' : 'dist/main.js');
const apiRuntime = (opts: Pick<Options, 'tsNode'>) => (opts.tsNode ? 'ts-node transpile-only' : 'compiled dist/');

async function startApi(databaseUrl: string, opts: Options): Promise<Api> {
  if (!opts.tsNode && !existsSync(join(API_DIR, 'dist/main.js'))) throw new Error('apps/api/dist is missing: run `pnpm build` (or pass --ts-node)');
  const profiler = resolve(__dirname, 'support/api-profiler.ts');
  // The profiler hook is TypeScript: it brings ts-node along even in front of the compiled build.
  const hooks = opts.tsNode || opts.cpuProf ? ['-r', 'ts-node/register/transpile-only', ...(opts.cpuProf ? ['-r', profiler] : [])] : [];
  const { base, port, child, output, stop } = await startApiChild({
    databaseUrl,
    args: [...hooks, apiEntry(opts)],
    bench: 'intake',
    stdio: opts.cpuProf ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
    onSpawn: (c) => {
      state.child = c;
    },
  });

  const request = (message: object, answer: string) =>
    new Promise<void>((res, rej) => {
      const onMessage = (m: { type?: string; error?: string }) => {
        if (m.type !== answer) return;
        child.off('message', onMessage);
        if (m.error) rej(new Error(m.error));
        else res();
      };
      child.on('message', onMessage);
      child.send(message);
    });

  return { base, port, child, output, stop, request };
}

// ───────────────────────────── load generators ─────────────────────────────

interface LoadResult {
  label: string;
  connections: number | null;
  requests: number;
  ok: number; // 2xx
  statuses: Record<string, number>;
  errors: number;
  elapsedS: number;
  rate: number; // 2xx per second
  p50: number;
  p99: number;
  max: number;
  /** open loop only: latency counted from the moment the request was due (includes generator lag). */
  dueP99?: number;
  /** open loop only: the first non-2xx answer, to show what went wrong. */
  firstError?: string;
  lastHalfRate: number;
  cpu: CpuShare | null;
  rows?: number; // tickets created during the phase, counted in the database
}

function summarise(
  label: string,
  connections: number | null,
  latencies: number[],
  okTimes: number[],
  t0: number,
  tEnd: number,
  statuses: Record<string, number>,
  errors: number,
  cpu: CpuShare | null,
): LoadResult {
  const sorted = Float64Array.from(latencies).sort();
  const elapsedS = Math.max(1e-9, (tEnd - t0) / 1000);
  const ok = okTimes.length;
  const half = t0 + (tEnd - t0) / 2;
  const lastHalf = okTimes.filter((t) => t >= half).length;
  return {
    label,
    connections,
    requests: Object.values(statuses).reduce((a, b) => a + b, 0) + errors,
    ok,
    statuses,
    errors,
    elapsedS,
    rate: ok / elapsedS,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    lastHalfRate: lastHalf / (elapsedS / 2),
    cpu,
  };
}

interface Load {
  base: string;
  snap: () => Promise<CpuSnapshot | null>;
  tokens: string[];
  bodies: Buffer[];
}

/**
 * Closed loop with autocannon: `connections` keep-alive sockets, each sending its next request as
 * soon as the previous one answered. Bounded by `amount` (every response is awaited, so the rows
 * can be counted exactly) or by `duration` (the warm-up).
 */
async function saturate(load: Load, label: string, connections: number, bound: { amount: number } | { duration: number }): Promise<LoadResult> {
  const before = await load.snap();
  return new Promise((res, rej) => {
    let next = 0;
    const latencies: number[] = [];
    const okTimes: number[] = [];
    const statuses: Record<string, number> = {};
    const t0 = performance.now();
    let tEnd = t0;
    const watchdog = setInterval(() => {
      if (performance.now() - Math.max(t0, tEnd) < STALL_S * 1000) return;
      clearInterval(watchdog);
      instance.stop();
      rej(new StallError(`${label}: no response for ${STALL_S} s with ${connections} requests outstanding (${int(okTimes.length)} 2xx before)`));
    }, 1000);
    const instance = autocannon(
      {
        url: `${load.base}/api/tickets`,
        method: 'POST',
        connections,
        timeout: 30,
        sampleInt: 100, // autocannon notices the end at its next sample: keep the idle tail short
        ...('amount' in bound ? { amount: bound.amount } : { duration: bound.duration }),
        setupClient: (client) => {
          const i = next++;
          client.setHeadersAndBody(
            { 'content-type': 'application/json', authorization: `Bearer ${load.tokens[i % load.tokens.length]}` },
            load.bodies[i % load.bodies.length],
          );
        },
      },
      (error, result) => {
        clearInterval(watchdog);
        if (error) return rej(error);
        load.snap().then(
          (after) => res(summarise(label, connections, latencies, okTimes, t0, tEnd, statuses, result.errors, cpuShare(before, after))),
          rej,
        );
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      tEnd = performance.now();
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
      if (statusCode >= 200 && statusCode < 300) {
        okTimes.push(tEnd);
        latencies.push(responseTime);
      }
    });
  });
}

/**
 * Open loop at a fixed rate: request i is due at t0 + i/rate and is sent then, whether or not the
 * earlier ones have answered (a slow API gets more concurrent requests, as with real residents).
 * (autocannon's overallRate sends each connection's share in a burst at the start of every second,
 * which measures bursts, not a steady 300 req/s.)
 */
async function paced(load: Load, label: string, rate: number, seconds: number): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1024 });
  const total = Math.max(1, Math.round(rate * seconds));
  const gap = 1000 / rate;
  const { port } = new URL(load.base);
  const latencies: number[] = [];
  const dueLatencies: number[] = [];
  const okTimes: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  let firstError: string | undefined;
  let settled = 0;
  let sentCount = 0;
  const before = await load.snap();
  const t0 = performance.now();
  let tEnd = t0;
  let stalled = false;
  await new Promise<void>((res, rej) => {
    const done = () => {
      settled++;
      if (settled === total) {
        clearInterval(watchdog);
        res();
      }
    };
    const watchdog = setInterval(() => {
      const outstanding = sentCount - settled;
      if (outstanding === 0 || performance.now() - Math.max(t0, tEnd) < STALL_S * 1000) return;
      clearInterval(watchdog);
      stalled = true;
      agent.destroy();
      rej(new StallError(`${label}: no response for ${STALL_S} s with ${outstanding} requests outstanding (${int(okTimes.length)} 2xx before)`));
    }, 1000);
    const fire = (i: number, due: number) => {
      const body = load.bodies[i % load.bodies.length];
      const sent = performance.now();
      sentCount++;
      const req = http.request(
        {
          agent,
          host: '127.0.0.1',
          port: Number(port),
          method: 'POST',
          path: '/api/tickets',
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            authorization: `Bearer ${load.tokens[i % load.tokens.length]}`,
          },
        },
        (response) => {
          const code = response.statusCode ?? 0;
          const chunks: Buffer[] = [];
          if (code >= 300 && firstError === undefined) response.on('data', (c: Buffer) => chunks.push(c));
          else response.resume();
          response.on('end', () => {
            tEnd = performance.now();
            if (code >= 300 && firstError === undefined) firstError = `${code} ${Buffer.concat(chunks).toString().slice(0, 300)}`;
            statuses[code] = (statuses[code] ?? 0) + 1;
            if (code >= 200 && code < 300) {
              okTimes.push(tEnd);
              latencies.push(tEnd - sent);
              dueLatencies.push(tEnd - due);
            }
            done();
          });
        },
      );
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(body);
    };
    const tick = () => {
      const now = performance.now();
      while (!stalled && sentCount < total && t0 + sentCount * gap <= now) fire(sentCount, t0 + sentCount * gap);
      if (sentCount < total && !stalled) setTimeout(tick, Math.max(0, t0 + sentCount * gap - performance.now()));
    };
    tick();
  });
  const after = await load.snap();
  agent.destroy();
  const result = summarise(label, null, latencies, okTimes, t0, tEnd, statuses, errors, cpuShare(before, after));
  result.dueP99 = percentile(Float64Array.from(dueLatencies).sort(), 99);
  result.firstError = firstError;
  return result;
}

// ───────────────────────────── database side ─────────────────────────────

interface DbStats {
  xacts: number;
  inserted: number;
  updated: number;
}

/** Cumulative counters of the bench database; the caller's own pending counters are flushed first (PostgreSQL 15+). */
async function dbStats(db: Client): Promise<DbStats | null> {
  try {
    await db.query('SELECT pg_stat_force_next_flush()').catch(() => undefined);
    const { rows } = await db.query<{ xacts: string; inserted: string; updated: string }>(
      `SELECT xact_commit + xact_rollback AS xacts, tup_inserted AS inserted, tup_updated AS updated
         FROM pg_stat_database WHERE datname = current_database()`,
    );
    return { xacts: Number(rows[0].xacts), inserted: Number(rows[0].inserted), updated: Number(rows[0].updated) };
  } catch {
    return null;
  }
}

/** Runs a load phase; when the API stalls, says what its database connections are doing. */
async function stallDiagnosed<T>(db: Client, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!(error instanceof StallError)) throw error;
    const { rows } = await db.query<{ state: string; wait: string; query: string; n: number; secs: number }>(
      `SELECT coalesce(state, '-') AS state, coalesce(wait_event_type || ':' || wait_event, '-') AS wait,
              left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS query, count(*)::int AS n,
              round(extract(epoch FROM max(now() - state_change)))::int AS secs
         FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()
        GROUP BY 1, 2, 3 ORDER BY n DESC`,
    );
    const lines = rows.map((r) => `    ${String(r.n).padStart(3)} × ${r.state} (${r.wait}, for ${r.secs} s): ${r.query}`);
    const idleInTx = rows.filter((r) => r.state === 'idle in transaction').reduce((a, r) => a + r.n, 0);
    const hint =
      idleInTx >= API_POOL_SIZE
        ? `\n  all ${API_POOL_SIZE} connections of the API's pool sit idle in a transaction: each transaction is waiting for` +
          ' a second pool connection that will never free up (a query through the DataSource instead of the transaction\'s EntityManager)'
        : '';
    throw new StallError(`${error.message}\n  the API's database sessions:\n${lines.join('\n')}${hint}`);
  }
}

async function countTickets(db: Client): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets');
  return rows[0].n;
}

/** Waits until no more rows arrive (requests cut off at the end of a duration-bound phase still commit). */
async function settledCount(db: Client): Promise<number> {
  let last = await countTickets(db);
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    const now = await countTickets(db);
    if (now === last) return now;
    last = now;
  }
  return last;
}

interface Fixture {
  userId: number;
  phone: string | null;
  compoundId: number;
  districtId: number;
  streetId: number;
  communityId: number;
  gridId: number | null;
  categoryId: number;
  priority: string;
}

/** The exact statement TicketIntakeService.create runs inside its transaction. */
const INTAKE_CTE = `WITH t AS (
   INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone,
                        district_id, street_id, community_id, grid_id, compound_id, building_id, lat, lng, address)
   SELECT 'HG' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('ticket_no_seq')::text, 6, '0'),
          'submitted', c.id, c.default_priority, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
     FROM categories c WHERE c.id = $1
   RETURNING id, no, priority, created_at),
 e AS (
   INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, photo_ids, data)
   SELECT t.id, 'report', NULL, 'submitted', $4, $15, $16::uuid[], $17 FROM t)
 SELECT * FROM t`;

/** The reference check TicketIntakeService runs before its transaction. */
const INTAKE_REFS = `SELECT c.id IS NOT NULL AS compound_ok, c.district_id, c.street_id, c.community_id, c.grid_id,
        EXISTS (SELECT 1 FROM categories WHERE id = $2 AND active) AS category_ok,
        ($3::int IS NULL OR EXISTS (SELECT 1 FROM org_units b WHERE b.id = $3 AND b.kind = 'building' AND b.parent_id = $1)) AS building_ok
   FROM (SELECT 1) one LEFT JOIN org_units c ON c.id = $1 AND c.kind = 'compound'`;

/** A bare single-row INSERT of the same ticket columns, in autocommit. */
const BARE_INSERT = `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone,
                     district_id, street_id, community_id, grid_id, compound_id, building_id, lat, lng, address)
 VALUES ('HG' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('ticket_no_seq')::text, 6, '0'),
         'submitted', $1, $2, 'mini_program', $3, $4, $5, $6, $7, $8, $9, $10, NULL, $11, $12, $13)`;

interface CeilingVariant {
  key: 'bare' | 'cte' | 'api-sql';
  label: string;
  run: (db: Client, f: Fixture, i: number) => Promise<unknown>;
}

const DESCRIPTION = '压测: 6号楼东侧井盖丢失，晚上很危险';
const ADDRESS = '金凤区湖畔嘉苑6号楼东侧';

const cteParams = (f: Fixture, i: number) => [
  f.categoryId, 'mini_program', `${DESCRIPTION} #${i}`, f.userId, f.phone,
  f.districtId, f.streetId, f.communityId, f.gridId, f.compoundId, null,
  38.4872, 106.2309, ADDRESS, 'resident', [], JSON.stringify({ channel: 'mini_program' }),
];

const VARIANTS: CeilingVariant[] = [
  {
    key: 'bare',
    label: 'bare INSERT INTO tickets (1 statement, autocommit)',
    run: (db, f, i) =>
      db.query(BARE_INSERT, [
        f.categoryId, f.priority, `${DESCRIPTION} #${i}`, f.userId, f.phone,
        f.districtId, f.streetId, f.communityId, f.gridId, f.compoundId, 38.4872, 106.2309, ADDRESS,
      ]),
  },
  {
    key: 'cte',
    label: "ticket + 'report' event (the API's CTE, 1 statement, autocommit)",
    run: (db, f, i) => db.query(INTAKE_CTE, cteParams(f, i)),
  },
  {
    key: 'api-sql',
    label: 'ticket + event as the intake did before SLA clocks (refs SELECT; BEGIN; CTE; COMMIT)',
    run: async (db, f, i) => {
      await db.query(INTAKE_REFS, [f.compoundId, f.categoryId, null]);
      await db.query('BEGIN');
      try {
        await db.query(INTAKE_CTE, cteParams(f, i));
        await db.query('COMMIT');
      } catch (error) {
        await db.query('ROLLBACK');
        throw error;
      }
    },
  },
];

interface CeilingResult {
  variant: CeilingVariant;
  clients: number;
  count: number;
  rate: number;
  p50: number;
  p99: number;
  cpu: CpuShare | null;
}

async function ceiling(
  url: string,
  variant: CeilingVariant,
  clients: number,
  seconds: number,
  fixtures: Fixture[],
  snap: () => Promise<CpuSnapshot | null>,
): Promise<CeilingResult> {
  const pool = Array.from({ length: clients }, () => {
    const c = new Client({ connectionString: url, application_name: 'rb-bench-ceiling' });
    c.on('error', () => undefined); // reported by the query that fails
    return c;
  });
  state.ceilingClients = pool;
  await Promise.all(pool.map((c) => c.connect()));
  try {
    // one untimed round so every connection has parsed its statements and warmed its caches
    await Promise.all(pool.map((c, k) => variant.run(c, fixtures[k % fixtures.length], -1)));
    const latencies: number[] = [];
    const before = await snap();
    const t0 = performance.now();
    const deadline = t0 + seconds * 1000;
    let seq = 0;
    await Promise.all(
      pool.map(async (c, k) => {
        const f = fixtures[k % fixtures.length];
        while (performance.now() < deadline) {
          const s = performance.now();
          await variant.run(c, f, seq++);
          latencies.push(performance.now() - s);
        }
      }),
    );
    const elapsed = (performance.now() - t0) / 1000;
    const after = await snap();
    const sorted = Float64Array.from(latencies).sort();
    return {
      variant,
      clients,
      count: latencies.length,
      rate: latencies.length / elapsed,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
      cpu: cpuShare(before, after),
    };
  } finally {
    await Promise.all(pool.map((c) => c.end().catch(() => undefined)));
    state.ceilingClients = [];
  }
}

// ───────────────────────────── cleanup ─────────────────────────────

const state: {
  url?: string;
  child?: ChildProcess;
  monitor?: Client;
  keepDb: boolean;
  ceilingClients: Client[];
  cleanup?: Promise<void>;
  interrupted?: string;
} = { keepDb: false, ceilingClients: [] };

/** Stops the API and drops the database, once: every caller awaits the same run. */
function cleanup(): Promise<void> {
  state.cleanup ??= doCleanup();
  return state.cleanup;
}

async function doCleanup(): Promise<void> {
  const child = state.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
    await Promise.race([new Promise((r) => child.once('exit', r)), sleep(5000)]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await Promise.all([...state.ceilingClients, ...(state.monitor ? [state.monitor] : [])].map((c) => c.end().catch(() => undefined)));
  if (state.url && !state.keepDb) {
    try {
      await dropDatabase(state.url);
      console.log(`  · dropped database ${new URL(state.url).pathname.slice(1)}`);
    } catch (error) {
      console.error(`  ! could not drop ${state.url}: ${(error as Error).message}`);
    }
  } else if (state.url) {
    console.log(`  · kept database ${state.url} (--keep-db)`);
  }
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    state.interrupted = signal;
    console.error(`\n  ! ${signal}: stopping the API and dropping the bench database`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  const child = state.child;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

// ───────────────────────────── the run ─────────────────────────────

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  state.keepDb = opts.keepDb;
  const started = performance.now();
  const baseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const dbName = `rb_bench_intake_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = withDatabaseName(baseUrl, dbName);
  state.url = url;

  console.log(`\n红管家 intake benchmark — POST /api/tickets vs a raw INSERT loop on the same PostgreSQL`);
  log(`database ${dbName}: migrate + seed`);
  await migrate(url);
  const ds = createDataSource(url);
  await ds.initialize();
  try {
    await seed(ds, readSeedFile());
  } finally {
    await ds.destroy();
  }

  const db = new Client({ connectionString: url, application_name: 'rb-bench-monitor' });
  db.on('error', () => undefined); // the DROP DATABASE … WITH (FORCE) of a cleanup ends it
  state.monitor = db;
  await db.connect();
  try {
    return await run(opts, url, db, started);
  } finally {
    await db.end().catch(() => undefined);
  }
}

async function run(opts: Options, url: string, db: Client, started: number): Promise<void> {
  const { rows: versionRows } = await db.query<{ v: string }>("SELECT current_setting('server_version') AS v");
  const pgVersion = versionRows[0].v;

  // Residents to file the tickets: the two demo residents plus bench residents spread over every demo compound.
  await db.query(
    `WITH compounds AS (
       SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS i, count(*) OVER ()::int AS n FROM org_units WHERE kind = 'compound'),
     ins AS (
       INSERT INTO users (username, display_name, phone, compound_id)
       SELECT 'bench-resident-' || g, '压测居民' || g, '139' || lpad(g::text, 8, '0'), c.id
         FROM generate_series(1, $1::int) g JOIN compounds c ON c.i = (g - 1) % c.n
       RETURNING id)
     INSERT INTO role_bindings (user_id, role) SELECT id, 'resident' FROM ins`,
    [opts.users - 2],
  );
  const usernames = ['resident', 'resident2', ...Array.from({ length: opts.users - 2 }, (_, i) => `bench-resident-${i + 1}`)];

  const statsBefore = await dbStats(db); // before the API: its logins and health checks count as noise, not as creates
  log(`starting the API: node ${apiEntry(opts)} (${apiRuntime(opts)}, NODE_ENV=production, LOG_LEVEL=error)`);
  const api = await startApi(url, opts);
  log(`API up on ${api.base} (pid ${api.child.pid}) after ${((performance.now() - started) / 1000).toFixed(1)} s of set-up`);

  const tokens: string[] = [];
  for (const username of usernames) {
    const res = await fetch(`${api.base}/api/auth/dev-login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username }),
    });
    if (res.status !== 200) throw new Error(`dev-login ${username}: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const catRes = await fetch(`${api.base}/api/categories`, { headers: { authorization: `Bearer ${tokens[0]}` } });
  if (catRes.status !== 200) throw new Error(`GET /api/categories: ${catRes.status} ${await catRes.text()}`);
  const categories = ((await catRes.json()) as { items: Array<{ id: number; defaultPriority: string }> }).items;
  if (categories.length === 0) throw new Error('the seed has no active categories');
  const bodies = Array.from({ length: 64 }, (_, i) =>
    Buffer.from(
      JSON.stringify({
        categoryId: categories[i % categories.length].id,
        description: `${DESCRIPTION} (bench ${i})`,
        location: { lat: 38.4872 + i * 1e-4, lng: 106.2309, address: ADDRESS },
      }),
    ),
  );
  // Sanity: one create by hand, so a broken endpoint fails loudly before any figures are printed.
  const probe = await fetch(`${api.base}/api/tickets`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[0]}` },
    body: bodies[0],
  });
  if (probe.status !== 201) throw new Error(`POST /api/tickets: ${probe.status} ${await probe.text()}`);
  log(`${tokens.length} residents signed in (dev-login); ${categories.length} categories; bodies without Idempotency-Key or photos`);

  const load: Load = { base: api.base, snap: () => cpuSnapshot(db, api.child.pid), tokens, bodies };
  const maxConn = Math.max(...opts.connections);

  // Warm-up: JIT, pools, caches. Duration-bound, so requests in flight at its end are not awaited.
  log(`warm-up: ${opts.warmup} s at ${maxConn} connections`);
  const warm = await stallDiagnosed(db, () => saturate(load, 'warm-up', maxConn, { duration: opts.warmup }));
  const unverified: LoadResult[] = [warm]; // duration-bound runs: requests cut off at the end may still add rows
  log(`warm-up: ${int(warm.ok)} creates, ${int(warm.lastHalfRate)}/s over its second half`);

  const phase = async (fn: () => Promise<LoadResult>): Promise<LoadResult> => {
    const before = await settledCount(db);
    const r = await stallDiagnosed(db, fn);
    r.rows = (await countTickets(db)) - before;
    return r;
  };

  // Phase A: fixed rate.
  log(`fixed rate: ${opts.rate} req/s for ${opts.duration} s (open loop)`);
  const fixed = await phase(() => paced(load, `fixed ${opts.rate}/s`, opts.rate, opts.duration));
  log(`fixed rate: ${fixed.rate.toFixed(1)}/s, p50 ${ms(fixed.p50)} ms, p99 ${ms(fixed.p99)} ms, max ${ms(fixed.max)} ms`);

  // Phase B: saturation at each connection count; bounded by a request count sized to ~duration.
  if (opts.cpuProf) await api.request({ type: 'prof-start' }, 'prof-started');
  const saturation: LoadResult[] = [];
  for (const connections of opts.connections) {
    // A short duration-bound run at this concurrency sizes the measured run, which is bounded by a
    // request count so that every request is answered and the rows can be matched to the 2xx.
    const calibration = await stallDiagnosed(db, () =>
      saturate(load, `calibration ${connections} conn`, connections, { duration: CALIBRATION_S }),
    );
    const estimate = Math.max(calibration.lastHalfRate, 20);
    const amount = Math.max(connections, Math.round((estimate * opts.duration) / connections) * connections);
    log(`saturation: ${connections} connections, ${int(amount)} requests (~${opts.duration} s at the ${int(estimate)}/s of a ${CALIBRATION_S} s calibration)`);
    const r = await phase(() => saturate(load, `saturation ${connections} conn`, connections, { amount }));
    saturation.push(r);
    unverified.push(calibration);
    log(`saturation ${connections} conn: ${int(r.rate)} creates/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms (${r.elapsedS.toFixed(1)} s)`);
  }
  let profilePath: string | undefined;
  if (opts.cpuProf) {
    profilePath = join(mkdtempSync(join(os.tmpdir(), 'rb-bench-intake-')), 'api-saturation.cpuprofile');
    await api.request({ type: 'prof-stop', path: profilePath }, 'prof-stopped');
  }

  // Integrity: every 2xx is one ticket with exactly one 'report' event, and nothing else was written.
  const { rows: checkRows } = await db.query<{ tickets: number; events: number; reports: number; bad: number; distinct_no: number }>(
    `SELECT (SELECT count(*) FROM tickets)::int AS tickets,
            (SELECT count(*) FROM ticket_events)::int AS events,
            (SELECT count(*) FROM ticket_events WHERE action = 'report')::int AS reports,
            (SELECT count(*) FROM tickets t
              WHERE (SELECT count(*) FROM ticket_events e WHERE e.ticket_id = t.id AND e.action = 'report') <> 1)::int AS bad,
            (SELECT count(DISTINCT no) FROM tickets)::int AS distinct_no`,
  );
  const check = checkRows[0];
  const measured = [fixed, ...saturation];
  const phasesExact = measured.every((r) => r.rows === r.ok);
  const expectedMin = 1 + [...unverified, ...measured].reduce((a, r) => a + r.ok, 0); // 1 = the probe
  const integrityOk =
    phasesExact &&
    check.tickets >= expectedMin &&
    check.bad === 0 &&
    check.events === check.tickets &&
    check.reports === check.tickets &&
    check.distinct_no === check.tickets;

  await api.stop();
  state.child = undefined;
  await sleep(500); // the API's backends flush their statistics as they exit
  const statsAfter = await dbStats(db);
  const perCreate = statsBefore && statsAfter && check.tickets > 0
    ? {
        xacts: (statsAfter.xacts - statsBefore.xacts) / check.tickets,
        inserted: (statsAfter.inserted - statsBefore.inserted) / check.tickets,
        updated: (statsAfter.updated - statsBefore.updated) / check.tickets,
      }
    : null;
  log('API stopped; ceiling: raw INSERT loops with pg on the same database');

  // Ceiling.
  const { rows: fixtureRows } = await db.query<Fixture>(
    `SELECT u.id AS "userId", u.phone, c.id AS "compoundId", c.district_id AS "districtId", c.street_id AS "streetId",
            c.community_id AS "communityId", c.grid_id AS "gridId", $1::int AS "categoryId", cat.default_priority AS priority
       FROM users u JOIN org_units c ON c.id = u.compound_id JOIN categories cat ON cat.id = $1
      WHERE u.username LIKE 'bench-resident-%' OR u.username IN ('resident', 'resident2')
      ORDER BY u.id`,
    [categories[0].id],
  );
  const ceilings: CeilingResult[] = [];
  for (const variant of VARIANTS) {
    for (const clients of opts.ceilingClients) {
      const c = await ceiling(url, variant, clients, opts.duration, fixtureRows, () => cpuSnapshot(db, undefined));
      ceilings.push(c);
      log(`ceiling ${variant.key} × ${clients} clients: ${int(c.rate)}/s, p50 ${ms(c.p50)} ms, p99 ${ms(c.p99)} ms`);
    }
  }

  // ─── summary ───
  const best = saturation.reduce((a, b) => (b.rate > a.rate ? b : a));
  const bestCeiling = (key: CeilingVariant['key']) =>
    ceilings.filter((c) => c.variant.key === key).reduce((a, b) => (b.rate > a.rate ? b : a));
  const bare = bestCeiling('bare');
  const cte = bestCeiling('cte');
  const apiSql = bestCeiling('api-sql');
  const statusText = (r: LoadResult) => {
    const other = Object.entries(r.statuses).filter(([code]) => !code.startsWith('2'));
    const parts = other.map(([code, n]) => `${int(n)}×${code}`);
    if (r.errors) parts.push(`${int(r.errors)} socket errors/timeouts`);
    return parts.length ? `  non-2xx: ${parts.join(', ')}${r.firstError ? ` (first: ${r.firstError})` : ''}` : '  all 2xx';
  };
  const cpuModel = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const fixedPass = fixed.p99 <= FLOOR_P99_MS && fixed.ok === fixed.requests && fixed.rate >= opts.rate * 0.95;
  const satPass = best.rate >= FLOOR_SATURATION;

  const lines: string[] = [];
  lines.push('');
  lines.push(`intake benchmark (${os.cpus().length} cores, ${cpuModel}; Node ${process.version}; PostgreSQL ${pgVersion})`);
  lines.push(`  API: 1 process, NestJS + Fastify (${apiRuntime(opts)}, NODE_ENV=production), DB pool ${API_POOL_SIZE}`);
  lines.push('  load: this process (a second process) — paced open-loop HTTP client for the fixed rate, autocannon for saturation');
  lines.push(`  rate limits raised for the run: RATE_LIMIT_PER_MINUTE=RATE_LIMIT_REPORTS_PER_MINUTE=RATE_LIMIT_LOGIN_PER_MINUTE=${RAISED_LIMIT}`);
  lines.push(`  ${tokens.length} residents, ${categories.length} categories, no Idempotency-Key, no photos; ${opts.duration} s per phase`);
  lines.push('');
  lines.push(
    `fixed ${opts.rate} req/s:   achieved ${fixed.rate.toFixed(1)}/s  p50 ${ms(fixed.p50)} ms  p99 ${ms(fixed.p99)} ms  max ${ms(fixed.max)} ms` +
      `  (p99 from due time ${ms(fixed.dueP99 ?? NaN)} ms)  (floor p99 ≤ ${FLOOR_P99_MS} ms: ${verdict(fixedPass)})`,
  );
  lines.push(`    ${statusText(fixed).trim()}; ${cpuLine(fixed.cpu)}`);
  for (const r of saturation) {
    lines.push(
      `saturation (${r.connections} conn):${' '.repeat(Math.max(1, 4 - String(r.connections).length))}${int(r.rate)} creates/s  p50 ${ms(r.p50)} ms  p99 ${ms(r.p99)} ms  max ${ms(r.max)} ms` +
        `  over ${r.elapsedS.toFixed(1)} s${r === best ? `  (floor ≥ ${int(FLOOR_SATURATION)}/s: ${verdict(satPass)})` : ''}`,
    );
    lines.push(`    ${statusText(r).trim()}; ${cpuLine(r.cpu, 'load generator', r.rate)}`);
  }
  lines.push(
    `  (${int(FLOOR_SATURATION)} creates/s on ${os.cpus().length} cores leaves ${((os.cpus().length / FLOOR_SATURATION) * 1000).toFixed(1)} ms of CPU per create for API + postgres + load generator together)`,
  );
  lines.push('');
  for (const c of ceilings) {
    lines.push(`ceiling, ${c.variant.label}, ${c.clients} clients: ${int(c.rate)}/s  p50 ${ms(c.p50)} ms  p99 ${ms(c.p99)} ms`);
    lines.push(`    ${cpuLine(c.cpu, 'pg loop', c.rate)}`);
  }
  lines.push('');
  lines.push(
    `ratio API ÷ ceiling: ${pct(best.rate / bare.rate)} of the bare INSERT (${int(best.rate)} ÷ ${int(bare.rate)}/s); ` +
      `${pct(best.rate / cte.rate)} of ticket+event (${int(cte.rate)}/s); ${pct(best.rate / apiSql.rate)} of the API's own SQL without HTTP (${int(apiSql.rate)}/s)`,
  );
  lines.push(
    `integrity: ${verdict(integrityOk)} — ${int(check.tickets)} tickets, ${int(check.events)} events (${int(check.reports)} 'report'), ` +
      `${check.bad} tickets without exactly one 'report' event, ${int(check.distinct_no)} distinct numbers; ` +
      `rows = 2xx in every measured phase: ${measured.map((r) => `${int(r.rows ?? -1)}/${int(r.ok)}`).join(', ')}` +
      ` (+ ${int(unverified.reduce((a, r) => a + r.ok, 0))} 2xx in warm-up/calibration runs, whose cut-off requests may add rows)`,
  );
  if (perCreate) {
    lines.push(
      `DB work per create (pg_stat_database over the whole API run, logins included): ≈${perCreate.xacts.toFixed(1)} transactions, ` +
        `≈${perCreate.inserted.toFixed(1)} rows inserted, ≈${perCreate.updated.toFixed(1)} rows updated`,
    );
  }
  const shares = [...measured.map((r) => r.cpu), ...ceilings.map((c) => c.cpu)].filter((c): c is CpuShare => c !== null);
  const busyElsewhere = shares.length ? Math.max(...shares.map(othersShare)) : 0;
  if (busyElsewhere > 0.25) {
    lines.push(
      `⚠ other processes used up to ${pct(busyElsewhere)} of a core during the measured phases: these figures are depressed; rerun on a quiet machine`,
    );
  }
  lines.push(`floors: saturation ≥ ${int(FLOOR_SATURATION)} creates/s ${verdict(satPass)}; p99 ≤ ${FLOOR_P99_MS} ms at ${opts.rate} req/s ${verdict(fixedPass)}`);
  if (profilePath) {
    const p = summariseProfile(profilePath);
    lines.push('');
    lines.push(`API CPU profile over the saturation phases (${profilePath}): busy ${int(p.busyMs)} ms of ${int(p.wallMs)} ms`);
    lines.push('  self time by package:');
    for (const x of p.packages) lines.push(`    ${pct(x.share).padStart(4)}  ${x.name}`);
    lines.push('  self time by function:');
    for (const x of p.functions) lines.push(`    ${pct(x.share).padStart(4)}  ${x.name}`);
  }
  const failed = [...unverified, ...measured].some((r) => r.ok !== r.requests);
  if (failed && api.output().trim()) {
    lines.push('');
    lines.push('API output (last lines), because some requests failed:');
    lines.push(...api.output().trim().split('\n').slice(-15).map((l) => `    ${l}`));
  }
  lines.push(`(run took ${((performance.now() - started) / 1000).toFixed(0)} s)`);
  console.log(lines.join('\n'));
}

main()
  .then(
    () => cleanup().then(() => process.exit(0)),
    (error: unknown) => {
      if (state.interrupted) return cleanup().then(() => process.exit(130)); // the failure is the interruption itself
      if (error instanceof StallError) {
        console.error(`\nintake benchmark stopped — the API stalled: ${error.message}`);
        return cleanup().then(() => process.exit(1));
      }
      console.error('\nintake benchmark failed:', error instanceof Error ? error.stack ?? error.message : error);
      return cleanup().then(() => process.exit(1));
    },
  )
  .catch(() => process.exit(1));
