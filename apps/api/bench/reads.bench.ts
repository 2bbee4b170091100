/**
 * `pnpm bench reads` — what people do most, at city scale: open their list and a ticket.
 *
 *   1. a throwaway database rb_bench_reads_<random>: migrated, seeded with the demo org and users,
 *      grown to a compound per ~1,500 tickets (support/city.bench-util.ts: new communities and
 *      property companies beside the demo's), one synthetic resident per ~25 tickets, then N tickets (default 5,000,000) with their events,
 *      deadline legs and 消息 from the shared history generator (support/ticket-history.bench-util.ts),
 *      reported over the ~3 years before now, so the last days are an open backlog (some overdue);
 *   2. the compiled API (dist/main.js, NODE_ENV=production) as a child process, rate limits raised,
 *      its callers signed in with dev-login under their real roles;
 *   3. each question as the real endpoint with the real role and scope, 50 concurrent connections
 *      (autocannon, closed loop), a short warm-up, then --duration seconds: p50/p95/p99; then from
 *      one connection for a sixth of that (what a request costs without queueing behind 49 others:
 *      on 2 shared cores the 50-connection figures are mostly queueing). First, as calibration, the
 *      ceiling: /api/health signed in (no query), what any question of the run could reach at best
 *      on the machine as it is that day;
 *   4. the same on a --small database (default 10,000 tickets) in the same run;
 *   5. per question both sizes, the ratio, FAIL next to a missed floor (p95 ≤ 50 ms at the large
 *      size and ≤ 1.5 × the small size's p95), and EXPLAIN (ANALYZE, BUFFERS) of the slowest
 *      question's main query at the large size;
 *   6. both databases are dropped (also on failure / Ctrl-C) unless --keep-db.
 *
 * Options: --tickets N (5,000,000), --small N (10,000; 0 skips it), --duration S (30), --warmup S (3),
 * --connections N (50), --only a,b (question keys), --keep-db, --database NAME (ask the questions of
 * a database an earlier run kept, on the same server, instead of loading one; it is kept again),
 * --tickets-per-compound N (1,500: the city has a compound per N tickets, at least the demo's 17;
 * 0 puts every size into the demo's 17 compounds, the layout of the runs before session 13).
 * READS_CPU_PROF_DIR=/some/dir (environment): the API runs under `node --cpu-prof` and writes a V8
 * profile of the whole run there when it stops (summarise it with support/cpu-profile.ts).
 */
import 'reflect-metadata';
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Client } from 'pg';
import { ActorService } from '../src/access/actor.service';
import type { Actor } from '../src/access/actor';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { overdueBoardSql } from '../src/deadlines/overdue-board.controller';
import { readSeedFile, seed } from '../src/seed/seed.service';
import type { ListTicketsQuery } from '../src/tickets/dto/list-tickets.query';
import { listTicketsSql, matchPlaces, newestTicketId, searchFloors } from '../src/tickets/ticket-list.sql';
import { TICKET_SELECT } from '../src/tickets/ticket-row';
import { API_DIR, startApiChild, type ApiChild } from './support/api-child';
import { growCity } from './support/city.bench-util';
import { addResidents, loadTickets } from './support/ticket-history.bench-util';
import { eachFlag, int, load, log, secs, wholeNumber } from './support/bench-args';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/red_butler';
const FLOOR_P95_MS = 50;
const FLOOR_RATIO = 1.5;
const TICKETS_PER_RESIDENT = 25;
/**
 * A city grows by compounds: one per 1,500 tickets of the ~3-year history (≈1.4 reports a day from a
 * compound of 300–2,000 households), so 5,000,000 tickets live in ~3,300 compounds and 10,000 in the
 * demo's 17 (support/city.bench-util.ts). --tickets-per-compound 0 keeps the demo's 17 at any size.
 */
const TICKETS_PER_COMPOUND = 1500;
const DAY = 86_400_000;
/** The deep page: page 200 of 20 through the cursor. */
const DEEP_PAGE = 200;

interface Options {
  tickets: number;
  small: number;
  duration: number;
  warmup: number;
  connections: number;
  only: string[] | null;
  keepDb: boolean;
  /** A database an earlier run kept (--keep-db): asked as the large size, not loaded, not dropped. */
  database: string | null;
  /** Compounds are added until each holds about this many tickets (0: the demo's compounds only). */
  ticketsPerCompound: number;
}

function parseArgs(argv: string[]): Options {
  const o: Options = { tickets: 5_000_000, small: 10_000, duration: 30, warmup: 3, connections: 50, only: null, keepDb: false, database: null, ticketsPerCompound: TICKETS_PER_COMPOUND };
  eachFlag(argv, (flag, value) => {
    if (flag === '--tickets') o.tickets = wholeNumber(value(), 1000);
    else if (flag === '--small') o.small = wholeNumber(value(), 0);
    else if (flag === '--duration') o.duration = wholeNumber(value(), 1);
    else if (flag === '--warmup') o.warmup = wholeNumber(value(), 0);
    else if (flag === '--connections') o.connections = wholeNumber(value(), 1);
    else if (flag === '--only') o.only = (value() ?? '').split(',').filter(Boolean);
    else if (flag === '--keep-db') o.keepDb = true;
    else if (flag === '--database') o.database = value() ?? null;
    else if (flag === '--tickets-per-compound') o.ticketsPerCompound = wholeNumber(value(), 0);
    else throw new Error(`unknown option ${flag} (--tickets N, --small N, --duration S, --warmup S, --connections N, --only a,b, --keep-db, --database NAME, --tickets-per-compound N)`);
  });
  return o;
}

const ms1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '—');

// ───────────────────────────── state and cleanup ─────────────────────────────

const state: { urls: Set<string>; child: ChildProcess | null; keepDb: boolean } = { urls: new Set(), child: null, keepDb: false };

async function dropOne(url: string): Promise<void> {
  if (!state.urls.delete(url)) return;
  if (state.keepDb) {
    log(`kept database ${new URL(url).pathname.slice(1)} (--keep-db)`);
    return;
  }
  await dropDatabase(url).catch((error: Error) => console.error(`  ! could not drop ${url}: ${error.message}`));
  log(`dropped database ${new URL(url).pathname.slice(1)}`);
}

async function cleanup(): Promise<void> {
  const child = state.child;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const url of [...state.urls]) await dropOne(url);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    console.error(`\n  ! ${signal}: stopping the API and dropping the bench databases`);
    void cleanup().finally(() => process.exit(130));
  });
}
process.on('exit', () => {
  const child = state.child;
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

// ───────────────────────────── the API child ─────────────────────────────

async function startApi(databaseUrl: string): Promise<ApiChild> {
  if (!existsSync(join(API_DIR, 'dist/main.js'))) throw new Error('apps/api/dist is missing: run `pnpm build`');
  // READS_CPU_PROF_DIR: a V8 CPU profile of the API for the whole run, written when it stops.
  const prof = process.env.READS_CPU_PROF_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.READS_CPU_PROF_DIR] : [];
  const api = await startApiChild({
    databaseUrl,
    args: [...prof, 'dist/main.js'],
    bench: 'reads',
    onSpawn: (child) => {
      state.child = child;
    },
  });
  return {
    ...api,
    stop: async () => {
      await api.stop();
      state.child = null;
    },
  };
}

// ───────────────────────────── questions ─────────────────────────────

/** The calibration question's key: its figures are printed without a floor. */
const CEILING = 'ceiling';

interface Question {
  key: string;
  name: string;
  /** One token per connection, round robin (several people asking, or one). */
  tokens: string[];
  /** Paths asked in turn. */
  paths: string[];
  /** The main query as SQL, for EXPLAIN. */
  explain: (() => Promise<{ sql: string; params: unknown[] }>) | null;
}

interface Figures {
  requests: number;
  ok: number;
  other: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
  rate: number;
}

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] : NaN);

function hammer(base: string, q: Question, connections: number, seconds: number): Promise<Figures> {
  return new Promise((res, rej) => {
    let client = 0;
    let turn = 0;
    const latencies: number[] = [];
    const other: Record<string, number> = {};
    let requests = 0;
    const t0 = performance.now();
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        timeout: 30,
        setupClient: (c) => {
          c.setHeaders({ authorization: `Bearer ${q.tokens[client++ % q.tokens.length]}` });
        },
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: q.paths[turn++ % q.paths.length] }) }],
      },
      (error) => {
        if (error) return rej(error);
        const sorted = latencies.sort((a, b) => a - b);
        res({
          requests,
          ok: sorted.length,
          other,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          p99: percentile(sorted, 0.99),
          rate: sorted.length / ((performance.now() - t0) / 1000),
        });
      },
    );
    instance.on('response', (_c, statusCode, _bytes, responseTime) => {
      requests += 1;
      if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
      else other[statusCode] = (other[statusCode] ?? 0) + 1;
    });
  });
}

async function devLogin(base: string, username: string): Promise<string> {
  const res = await fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username }) });
  if (res.status !== 200) throw new Error(`dev-login ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

async function getJson<T>(base: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

const qs = (o: Record<string, string | number | undefined>) =>
  new URLSearchParams(Object.entries(o).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)] as [string, string])).toString();

/** Who asks, and what: the demo's callers plus synthetic residents with tickets of their own. */
async function questions(db: Client, base: string, actors: ActorService, connections: number): Promise<Question[]> {
  const one = async <T>(sql: string, params: unknown[] = []) => (await db.query(sql, params)).rows[0] as T;
  const userId = async (username: string) => (await one<{ id: number }>('SELECT id FROM users WHERE username = $1', [username])).id;
  const actorOf = async (username: string) => (await actors.load(await userId(username))) as Actor;

  // Residents: the synthetic ones with the most recent 消息 and tickets, one per connection.
  const residents = (
    await db.query<{ username: string; id: number }>(
      `SELECT u.username, u.id FROM users u WHERE u.username LIKE 'bench-resident-%'
          AND EXISTS (SELECT 1 FROM tickets t WHERE t.reporter_id = u.id) ORDER BY u.id LIMIT $1`,
      [connections],
    )
  ).rows;
  const residentTokens = await Promise.all(residents.map((r) => devLogin(base, r.username)));
  // The company and the department holding the most open work, and a manager / staff of each.
  const company = await one<{ username: string }>(
    `SELECT u.username FROM role_bindings b JOIN users u ON u.id = b.user_id
      WHERE b.role = 'property_manager'
      ORDER BY (SELECT count(*) FROM tickets t WHERE t.handler_kind = 'company' AND t.handler_org_id = b.organization_id AND t.status IN ('dispatched', 'accepted')) DESC, u.id LIMIT 1`,
  );
  const department = await one<{ username: string }>(
    `SELECT u.username FROM role_bindings b JOIN users u ON u.id = b.user_id
      WHERE b.role = 'department_staff'
      ORDER BY (SELECT count(*) FROM tickets t WHERE t.handler_kind = 'department' AND t.handler_org_id = b.organization_id AND t.status IN ('dispatched', 'accepted')) DESC, u.id LIMIT 1`,
  );
  const [community, property, dept, supervisor] = await Promise.all(
    ['community', company.username, department.username, 'supervisor'].map((u) => devLogin(base, u)),
  );
  const communityActor = await actorOf('community');
  const supervisorActor = await actorOf('supervisor');
  const propertyActor = await actorOf(company.username);
  const deptActor = await actorOf(department.username);
  const residentActor = (await actors.load(residents[0].id)) as Actor;

  // Tickets to open: recent ones of the community desk's community (what its staff click on).
  const detailIds = (
    await db.query<{ id: number }>(
      `SELECT t.id FROM tickets t WHERE t.community_id = $1 ORDER BY t.id DESC LIMIT 200`,
      [communityActor.bindings.find((b) => b.role === 'community_staff')?.orgUnitId],
    )
  ).rows.map((r) => r.id);
  // Nearby duplicates: a resident about to report at a compound's gate, category by category.
  const spots = (
    await db.query<{ lat: number; lng: number; category_id: number; building_id: number | null }>(
      `SELECT cp.lat, cp.lng, c.id AS category_id FROM org_units cp CROSS JOIN categories c
        WHERE cp.kind = 'compound' AND cp.lat IS NOT NULL AND c.active ORDER BY cp.id, c.id LIMIT 200`,
    )
  ).rows;
  // The deep page: walk the community desk's newest-first list to page 200 once, keep its cursor.
  let cursor: string | null = null;
  let pages = 1;
  for (; pages < DEEP_PAGE; pages++) {
    const page: { nextCursor: string | null } = await getJson(base, community, `/api/tickets?${qs({ limit: 20, cursor: cursor ?? undefined })}`);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }

  const list = (actor: Actor, q: Partial<ListTicketsQuery>, idFloor: number | null = null) => async () =>
    listTicketsSql(actor, q as ListTicketsQuery, await matchPlaces(async (sql, params) => (await db.query(sql, params)).rows, q.text), idFloor);
  // A keyword search newest first asks the newest tickets first (TicketsQueryService.searchNewest):
  // its EXPLAIN is of that first window, the query that answers when it holds a page.
  const top = await newestTicketId(async (sql) => (await db.query(sql)).rows);
  const search = (word: string): Question => ({
    key: `search-${word}`,
    name: `督办 district list, keyword ${word} (${[...word].length} chars), newest first`,
    tokens: [supervisor],
    paths: [`/api/tickets?${qs({ text: word, limit: 20 })}`],
    explain: list(supervisorActor, { text: word, limit: 20 }, searchFloors(top)[0]),
  });
  return [
    {
      // Not a user's question: the path every read shares (HTTP, Nest, sign-in, rate limit) with no
      // query behind it. On a machine that varies from day to day, it says what any question of the
      // same run could reach at best.
      key: CEILING,
      name: '(ceiling) a signed-in request that reads nothing: /api/health with a resident token',
      tokens: residentTokens,
      paths: ['/api/health'],
      explain: null,
    },
    {
      key: 'mine',
      name: '居民 我的工单, first page',
      tokens: residentTokens,
      paths: ['/api/tickets?limit=20'],
      explain: list(residentActor, { limit: 20 }),
    },
    {
      key: 'queue',
      name: '社区 待派单 queue, by deadline',
      tokens: [community],
      paths: [`/api/tickets?${qs({ status: 'submitted', sort: 'due', limit: 20 })}`],
      explain: list(communityActor, { status: ['submitted'], sort: 'due', limit: 20 }),
    },
    ...(['dispatched', 'accepted', 'resolved'] as const).map((tab) => ({
      key: `inbox-${tab}`,
      name: `物业 inbox, tab ${tab}${tab === 'resolved' ? ', newest first' : ', by deadline'}`,
      tokens: [property],
      paths: [`/api/tickets?${qs({ status: tab, sort: tab === 'resolved' ? undefined : 'due', limit: 20 })}`],
      explain: list(propertyActor, { status: [tab], sort: tab === 'resolved' ? undefined : 'due', limit: 20 }),
    })),
    {
      key: 'dept',
      name: '部门 inbox, tab accepted, by deadline',
      tokens: [dept],
      paths: [`/api/tickets?${qs({ status: 'accepted', sort: 'due', limit: 20 })}`],
      explain: list(deptActor, { status: ['accepted'], sort: 'due', limit: 20 }),
    },
    {
      key: 'overdue',
      name: '督办 overdue board (district), a page of 50',
      tokens: [supervisor],
      paths: ['/api/overdue?limit=50'],
      explain: async () => overdueBoardSql(supervisorActor, { limit: 50 }),
    },
    {
      key: 'detail',
      name: '社区 ticket detail (timeline, deadlines)',
      tokens: [community],
      paths: detailIds.map((id) => `/api/tickets/${id}`),
      explain: async () => ({ sql: `${TICKET_SELECT} WHERE t.id = $1`, params: [detailIds[0]] }),
    },
    {
      key: 'nearby',
      name: '居民 nearby duplicates (100 m, category)',
      tokens: residentTokens,
      paths: spots.map((s) => `/api/tickets/nearby?${qs({ categoryId: s.category_id, lat: s.lat, lng: s.lng })}`),
      explain: null,
    },
    {
      key: 'messages',
      name: '居民 消息 message centre',
      tokens: residentTokens,
      paths: ['/api/messages'],
      explain: null,
    },
    search('井盖'),
    search('楼道灯'),
    search('6号楼'),
    search('燃气'),
    {
      key: 'page1',
      name: '社区 list newest first, page 1',
      tokens: [community],
      paths: ['/api/tickets?limit=20'],
      explain: list(communityActor, { limit: 20 }),
    },
    {
      key: 'page200',
      name: `社区 list newest first, page ${pages} through the cursor`,
      tokens: [community],
      paths: [`/api/tickets?${qs({ limit: 20, cursor: cursor ?? undefined })}`],
      explain: list(communityActor, { limit: 20, cursor: cursor ?? undefined }),
    },
  ];
}

// ───────────────────────────── one size ─────────────────────────────

/**
 * A city's database that has been serving for a while holds what people read in memory; a freshly
 * loaded one does not, and on this machine the kernel also pages out file cache left idle for about
 * a minute (DAMON reclaim), so the first questions would read from disk and measure the disk. When
 * PostgreSQL's shared_buffers can hold the whole database (`pnpm bench reads --postgres
 * shared_buffers=14GB`: a private server), every table and index is read into them first
 * (pg_prewarm); shared memory is not paged out. Otherwise nothing is prewarmed, and the run says so.
 */
async function prewarm(db: Client): Promise<string> {
  const { rows: [fit] } = await db.query(
    `SELECT pg_database_size(current_database()) AS size,
            (SELECT setting::bigint * pg_size_bytes(coalesce(unit, '1')) FROM pg_settings WHERE name = 'shared_buffers') AS buffers`,
  );
  const [size, buffers] = [Number(fit.size), Number(fit.buffers)];
  const mb = (b: number) => `${int(b / 1048576)} MB`;
  if (buffers < size * 1.05) return `not prewarmed: shared_buffers ${mb(buffers)} < database ${mb(size)} (reads may come from disk)`;
  const started = performance.now();
  await db.query('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
  const { rows } = await db.query(
    `SELECT sum(pg_prewarm(c.oid, 'buffer'))::bigint AS blocks FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN ('public', 'pg_toast') AND c.relkind IN ('r', 'i', 't', 'm') AND c.relpersistence = 'p'`,
  );
  return `prewarmed ${int(Number(rows[0].blocks))} blocks into shared_buffers ${mb(buffers)} (database ${mb(size)}) in ${secs(performance.now() - started)}`;
}

interface SizeResult {
  tickets: number;
  figures: Map<string, Figures>;
  /** The same question from one connection (no queueing). */
  singles: Map<string, Figures>;
  names: Map<string, string>;
  /** Rows in the first path's answer (a list's items): a ratio compares like with like only when equal. */
  rows: Map<string, number | null>;
  explained: string | null;
}

async function runSize(n: number, opts: Options, explainSlowest: boolean, existing: string | null = null): Promise<SizeResult> {
  const url = withDatabaseName(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, existing ?? `rb_bench_reads_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  if (!existing) state.urls.add(url);
  console.log(`\n── ${int(n)} tickets${existing ? ` (database ${existing}, loaded by an earlier run)` : ''} ──`);
  try {
    const started = performance.now();
    if (!existing) await migrate(url);
    const ds = createDataSource(url);
    await ds.initialize();
    try {
      if (!existing) await seed(ds, readSeedFile());
      const db = new Client({ connectionString: url, application_name: 'rb-bench-reads' });
      db.on('error', () => undefined);
      await db.connect();
      try {
        const residents = Math.ceil(n / TICKETS_PER_RESIDENT);
        if (!existing && opts.ticketsPerCompound > 0) {
          const grown = await growCity(db, Math.ceil(n / opts.ticketsPerCompound));
          if (grown.compounds > 0) {
            log(`city grown to one compound per ~${int(opts.ticketsPerCompound)} tickets: +${int(grown.compounds)} compounds in ${int(grown.communities)} communities, +${int(grown.companies)} property companies`);
          }
        }
        if (!existing) await addResidents(db, residents);
        const now = Date.now();
        const loaded = existing
          ? await countLoaded(db)
          : await loadTickets(db, n, { spanStart: now - 1050 * DAY, spanEnd: now, now, notificationDays: 180, log });
        const size = (await db.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS s`)).rows[0].s;
        const backlog = (await db.query(
          `SELECT count(*) FILTER (WHERE status = 'submitted') AS submitted, count(*) FILTER (WHERE status = 'dispatched') AS dispatched,
                  count(*) FILTER (WHERE status = 'accepted') AS accepted,
                  (SELECT count(*) FROM ticket_deadlines WHERE status = 'open' AND breached_at IS NOT NULL AND leg <> 'survey') AS overdue
             FROM tickets WHERE status IN ('submitted', 'dispatched', 'accepted')`,
        )).rows[0];
        log(
          `loaded ${int(n)} tickets, ${int(loaded.events)} events, ${int(loaded.legs)} legs, ${int(loaded.notifications)} 消息, ${int(residents)} residents: ` +
            (existing ? 'loaded by an earlier run; ' : `COPY ${secs(loaded.ms)}, then ${loaded.indexes} secondary indexes rebuilt in ${secs(loaded.indexMs)}; `) +
            `database ${size}; ` +
            `open: ${int(Number(backlog.submitted))} submitted, ${int(Number(backlog.dispatched))} dispatched, ${int(Number(backlog.accepted))} accepted, ` +
            `${int(Number(backlog.overdue))} overdue legs; set-up ${secs(performance.now() - started)} (${load()})`,
        );
        log(await prewarm(db));
        const api = await startApi(url);
        try {
          const actors = new ActorService(ds);
          const all = await questions(db, api.base, actors, opts.connections);
          const qs = opts.only ? all.filter((q) => opts.only?.includes(q.key)) : all;
          const figures = new Map<string, Figures>();
          const singles = new Map<string, Figures>();
          const names = new Map<string, string>();
          const rows = new Map<string, number | null>();
          for (const q of qs) {
            // Every path answers before any figure counts: a broken question fails loudly.
            const first = await getJson<{ items?: unknown[] }>(api.base, q.tokens[0], q.paths[0]);
            rows.set(q.key, Array.isArray(first.items) ? first.items.length : null);
            if (opts.warmup > 0) await hammer(api.base, q, opts.connections, opts.warmup);
            const f = await hammer(api.base, q, opts.connections, opts.duration);
            // One caller alone: what a request costs without queueing behind 49 others on 2 cores. The
            // API is still answering what the 50 had queued when autocannon stopped: a probe waits it out.
            await getJson(api.base, q.tokens[0], q.paths[0]);
            await sleep(500);
            const alone = await hammer(api.base, q, 1, Math.max(3, Math.round(opts.duration / 6)));
            figures.set(q.key, f);
            singles.set(q.key, alone);
            names.set(q.key, q.name);
            const bad = Object.entries(f.other).map(([s, c]) => `${c}× ${s}`).join(', ');
            log(
              `${q.name}${rows.get(q.key) === null ? '' : ` (${rows.get(q.key)} rows)`}: p50 ${ms1(f.p50)} ms, p95 ${ms1(f.p95)} ms, p99 ${ms1(f.p99)} ms, ${int(f.rate)}/s${bad ? ` (non-2xx: ${bad})` : ''}; ` +
                `1 connection: p50 ${ms1(alone.p50)}, p95 ${ms1(alone.p95)} ms (${load()})`,
            );
          }
          let explained: string | null = null;
          if (explainSlowest) {
            const ranked = qs.filter((q) => figures.has(q.key)).sort((a, b) => (figures.get(b.key)?.p95 ?? 0) - (figures.get(a.key)?.p95 ?? 0));
            const slowest = ranked[0];
            const target = ranked.find((q) => q.explain);
            if (target?.explain) {
              const { sql, params } = await target.explain();
              const plan = await db.query(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, params);
              explained =
                (slowest && slowest !== target ? `(the slowest, ${slowest.name}, has no single main query here; the next slowest:)\n` : '') +
                `${target.name}\n${sql.replace(/\s+/g, ' ').trim()}\n  params ${JSON.stringify(params)}\n` +
                plan.rows.map((r: Record<string, string>) => `    ${r['QUERY PLAN']}`).join('\n');
            }
          }
          return { tickets: n, figures, singles, names, rows, explained };
        } catch (error) {
          // A question that fails because the API went away: say why it went, from its own output.
          const { exitCode, signalCode } = api.child;
          if (exitCode !== null || signalCode !== null) throw new Error(`the API exited (${exitCode ?? signalCode}) during the questions:\n${api.output()}`, { cause: error });
          throw error;
        } finally {
          await api.stop();
        }
      } finally {
        await db.end().catch(() => undefined);
      }
    } finally {
      await ds.destroy();
    }
  } finally {
    if (!existing) await dropOne(url);
  }
}

/** What a kept database holds, for the set-up line (it was loaded by an earlier run: no times). */
async function countLoaded(db: Client): Promise<{ events: number; legs: number; notifications: number; ms: number; indexes: number; indexMs: number }> {
  const { rows: [c] } = await db.query(
    `SELECT (SELECT count(*) FROM ticket_events)::bigint AS events, (SELECT count(*) FROM ticket_deadlines)::bigint AS legs,
            (SELECT count(*) FROM notifications)::bigint AS notifications`,
  );
  return { events: Number(c.events), legs: Number(c.legs), notifications: Number(c.notifications), ms: 0, indexes: 0, indexMs: 0 };
}

// ───────────────────────────── the run ─────────────────────────────

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  state.keepDb = opts.keepDb;
  console.log(
    `\n红管家 reads benchmark — ${int(opts.tickets)} and ${int(opts.small)} tickets, ${opts.connections} connections, ` +
      `${opts.duration} s per question (after ${opts.warmup} s warm-up)`,
  );
  log(`machine: ${os.cpus().length} cores, ${load()} (other work shares it); API: compiled dist/, NODE_ENV=production, rate limits raised`);
  if (opts.database) {
    const db = new Client({ connectionString: withDatabaseName(process.env.DATABASE_URL || DEFAULT_DATABASE_URL, opts.database) });
    await db.connect();
    try {
      opts.tickets = (await db.query('SELECT count(*)::int AS n FROM tickets')).rows[0].n;
    } finally {
      await db.end();
    }
  }
  const large = await runSize(opts.tickets, opts, true, opts.database);
  const small = opts.small > 0 ? await runSize(opts.small, opts, false) : null;

  const label = (n: number) => (n >= 1_000_000 ? `${n / 1_000_000} M` : n >= 1000 ? `${n / 1000} k` : String(n));
  console.log(`\nsummary — p50 / p95 / p99 ms with ${opts.connections} connections at ${label(large.tickets)}${small ? ` and ${label(small.tickets)}` : ''} (${load()})`);
  for (const [key, f] of large.figures) {
    const s = small?.figures.get(key);
    const ratio = s ? f.p95 / s.p95 : NaN;
    const floorAbs = f.p95 <= FLOOR_P95_MS;
    const floorRatio = !s || ratio <= FLOOR_RATIO;
    const verdict = (met: boolean, fail: string) => (key === CEILING ? '(no floor: the ceiling)' : met ? '✅' : fail);
    const bad = f.ok < f.requests ? ` · ${int(f.requests - f.ok)} non-2xx` : '';
    const a = large.singles.get(key);
    const sa = small?.singles.get(key);
    const alone = a ? `\n      1 connection p50 / p95: ${ms1(a.p50)} / ${ms1(a.p95)}${sa ? ` · ${ms1(sa.p50)} / ${ms1(sa.p95)}` : ''}` : '';
    const [r, sr] = [large.rows.get(key), small?.rows.get(key)];
    const rowCount = r === null || r === undefined ? '' : ` · rows ${r}${sr === null || sr === undefined ? '' : ` · ${sr}`}`;
    console.log(
      `  ${large.names.get(key)}\n` +
        `      ${label(large.tickets)}: ${ms1(f.p50)} / ${ms1(f.p95)} / ${ms1(f.p99)} ${verdict(floorAbs, `FAIL (p95 > ${FLOOR_P95_MS} ms)`)}` +
        (s && small ? ` · ${label(small.tickets)}: ${ms1(s.p50)} / ${ms1(s.p95)} / ${ms1(s.p99)} · ratio p95 ${ratio.toFixed(2)} ${verdict(floorRatio, `FAIL (> ${FLOOR_RATIO})`)}` : '') +
        bad +
        alone +
        rowCount,
    );
  }
  if (large.explained) console.log(`\nEXPLAIN (ANALYZE, BUFFERS) of the slowest question's main query at ${label(large.tickets)}:\n${large.explained}`);
}

main()
  .then(() => cleanup())
  .catch(async (error) => {
    console.error(error);
    await cleanup();
    process.exit(1);
  });
