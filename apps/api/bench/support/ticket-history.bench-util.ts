/**
 * One generator of ticket histories for every bench that needs a city (reports, reads): the demo
 * org tree's compounds, categories and departments, N tickets with their timeline events and
 * deadline legs, written with COPY … FROM STDIN.
 *
 * The history: seasons (summer and winter peaks, daytime hours), skewed categories and channels,
 * compounds' contracted companies and departments, late dispatches, accepts and resolutions, legs
 * still open past due, 吹哨 away from a late company, reopens after 不满意, surveys answered in the
 * app or by phone, or expired 未评价. Tickets reported in the last days before `now` are still in
 * flight (submitted, dispatched, accepted with open legs, some of them overdue), so queues, inboxes
 * and the 督办 board have a realistic backlog.
 *
 * For reads: descriptions and addresses are drawn from a vocabulary of what residents write (井盖,
 * 楼道灯, 6号楼, 漏水, 电梯 …, some words common and some rare) so keyword search meets realistic
 * selectivity; reporters are the residents of the ticket's compound (addResidents() makes them, one
 * per ~25 tickets, so 我的工单 is per person); tickets carry a building, coordinates near their
 * compound and, for some, a point on the site plan; the reporter gets a 消息 per recent ticket.
 *
 * Loading drops the secondary indexes of the loaded tables first and builds them once at the end
 * (an index built in one pass is several times faster than one kept up row by row), and times that.
 */
import { performance } from 'node:perf_hooks';
import type { Client } from 'pg';
import { mulberry32 } from '../../src/common/seeded-random.util';
import { copyField, copyIn } from '../copy-in.bench-util';

const MIN = 60_000;
const DAY = 1440 * MIN;
const CHUNK_TICKETS = 20_000;
/** Reports of the last days before now: most still in flight (the open backlog). */
const BACKLOG_DAYS = 3;
/** Reports of the last days carry coordinates (what the nearby-duplicates search looks at: 30 days). */
const COORDINATE_DAYS = 60;
/** The tables a load writes; their non-unique indexes are dropped for the COPY and built after. */
const LOADED_TABLES = ['tickets', 'ticket_events', 'ticket_deadlines', 'notifications'];

export interface HistoryOptions {
  /** Tickets are reported between spanStart and spanEnd (epoch ms). */
  spanStart: number;
  spanEnd: number;
  /** The bench's now: a leg closing after it is still open. */
  now: number;
  /** The reporter gets one 消息 per ticket reported within this many days before spanEnd (0: none). */
  notificationDays: number;
  log?: (line: string) => void;
}

interface Compound {
  id: number;
  name: string;
  district_id: number;
  street_id: number;
  community_id: number;
  grid_id: number | null;
  company: number | null;
  lat: number | null;
  lng: number | null;
  buildings: Array<{ id: number; name: string }>;
  residents: number[];
}

export interface City {
  compounds: Compound[];
  categories: Array<{ id: number; department: number | null; weight: number }>;
  departments: number[];
  reporters: number[];
  actor: number;
}

export async function loadCity(db: Client): Promise<City> {
  const compounds: Compound[] = (
    await db.query(
      // Grouped once, not a subquery per compound: a grown city (city.bench-util.ts) has thousands.
      `WITH contracts AS (
         SELECT DISTINCT ON (compound_id) compound_id, organization_id FROM compound_contracts ORDER BY compound_id, starts_on DESC),
       buildings AS (
         SELECT parent_id, json_agg(json_build_object('id', id, 'name', name) ORDER BY id) AS list
           FROM org_units WHERE kind = 'building' GROUP BY parent_id),
       residents AS (
         SELECT u.compound_id, array_agg(DISTINCT u.id ORDER BY u.id) AS list
           FROM users u JOIN role_bindings rb ON rb.user_id = u.id AND rb.role = 'resident'
          WHERE u.compound_id IS NOT NULL GROUP BY u.compound_id)
       SELECT cp.id, cp.name, cp.district_id, cp.street_id, cp.community_id, cp.grid_id, cp.lat, cp.lng,
              c.organization_id AS company, coalesce(b.list, '[]') AS buildings, coalesce(r.list, '{}') AS residents
         FROM org_units cp
         LEFT JOIN contracts c ON c.compound_id = cp.id
         LEFT JOIN buildings b ON b.parent_id = cp.id
         LEFT JOIN residents r ON r.compound_id = cp.id
        WHERE cp.kind = 'compound' ORDER BY cp.id`,
    )
  ).rows;
  const categories = (await db.query<{ id: number; department_id: number | null; handler_kind: string }>(
    'SELECT id, department_id, handler_kind FROM categories WHERE active ORDER BY sort_order, id',
  )).rows.map((c, i) => ({ id: c.id, department: c.handler_kind === 'department' ? c.department_id : null, weight: 1 / (i + 1.5) }));
  const departments = (await db.query<{ id: number }>(`SELECT id FROM organizations WHERE kind = 'department' ORDER BY id`)).rows.map((r) => r.id);
  const reporters = (await db.query<{ id: number }>(`SELECT DISTINCT user_id AS id FROM role_bindings WHERE role = 'resident' ORDER BY 1`)).rows.map((r) => r.id);
  const [{ id: actor }] = (await db.query<{ id: number }>(`SELECT id FROM users WHERE username = 'admin'`)).rows;
  return { compounds, categories, departments, reporters, actor };
}

/**
 * Synthetic residents `bench-resident-<i>` spread over the compounds (and their buildings), each
 * with a resident binding, so a city of N tickets has N / ticketsPerResident people reporting.
 */
export async function addResidents(db: Client, count: number): Promise<void> {
  await db.query(
    `WITH compounds AS (
       SELECT cp.id, (row_number() OVER (ORDER BY cp.id) - 1)::int AS i, count(*) OVER ()::int AS n,
              (SELECT array_agg(b.id ORDER BY b.id) FROM org_units b WHERE b.kind = 'building' AND b.parent_id = cp.id) AS buildings
         FROM org_units cp WHERE cp.kind = 'compound'),
     ins AS (
       INSERT INTO users (username, display_name, phone, compound_id, building_id)
       SELECT 'bench-resident-' || g, '居民' || g, '139' || lpad(g::text, 8, '0'), c.id,
              c.buildings[1 + (g / c.n) % greatest(coalesce(cardinality(c.buildings), 1), 1)]
         FROM generate_series(1, $1::int) g JOIN compounds c ON c.i = (g - 1) % c.n
       RETURNING id)
     INSERT INTO role_bindings (user_id, role) SELECT id, 'resident' FROM ins`,
    [count],
  );
}

// ───────────────────────────── what residents write ─────────────────────────────

/** Word lists with weights: a few problems are common (楼道灯, 漏水), some rare (燃气, 消防栓). */
const PROBLEMS: Array<[string, number]> = [
  ['楼道灯不亮', 14], ['楼道灯闪烁', 5], ['井盖破损', 6], ['井盖缺失', 2], ['屋顶漏水', 8], ['水管漏水', 7], ['电梯故障', 8],
  ['电梯困人', 1], ['垃圾未清运', 9], ['下水道堵塞', 7], ['路灯不亮', 5], ['墙皮脱落', 4], ['噪音扰民', 5], ['违章停车', 6],
  ['暖气不热', 7], ['绿化带杂草丛生', 3], ['外墙空鼓', 2], ['门禁失灵', 4], ['车棚私拉电线', 2], ['楼顶防水层开裂', 2],
  ['消防通道堵塞', 2], ['消防栓漏水', 0.5], ['燃气味道', 0.3], ['窨井盖松动', 1], ['化粪池外溢', 1], ['宠物粪便', 3], ['高空抛物', 1],
  ['飞线充电', 2], ['单元门损坏', 3], ['道路破损', 3],
];
const PLACES: Array<[string, number]> = [
  ['楼道', 10], ['单元门口', 6], ['地下车库', 5], ['小区东门', 3], ['小区西门', 3], ['垃圾站旁', 3], ['楼顶', 2], ['电梯间', 4],
  ['健身器材旁', 1], ['幼儿园门口', 1], ['自行车棚', 2], ['主干道', 3],
];
const TAILS: Array<[string, number]> = [
  ['，请尽快处理。', 10], ['，已经三天了。', 4], ['，老人出行不便。', 3], ['，晚上很危险。', 3], ['，多次反映未解决。', 2], ['。', 6],
  ['，孩子上下学经过，请尽快维修。', 2], ['，影响休息。', 2],
];

const weighted = (xs: Array<[string, number]>) => {
  const total = xs.reduce((s, [, w]) => s + w, 0);
  return (r: number) => {
    let x = r * total;
    for (const [v, w] of xs) if ((x -= w) <= 0) return v;
    return xs[0][0];
  };
};
const problem = weighted(PROBLEMS);
const place = weighted(PLACES);
const tail = weighted(TAILS);

// ───────────────────────────── generating histories ─────────────────────────────

/** Days weighted by season: heating (Nov–Feb) and summer storms (Jun–Aug) bring more reports. */
function seasonWeight(t: number): number {
  const month = new Date(t + 8 * 60 * MIN).getUTCMonth();
  return [1.4, 1.3, 1.0, 0.9, 0.9, 1.2, 1.5, 1.4, 1.0, 0.9, 1.2, 1.4][month];
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : String(n));
let stampDay = NaN;
let stampPrefix = '';
/** An instant as COPY text in UTC (what toISOString writes, ~10× faster: the day's prefix is reused). */
function stamp(ms: number): string {
  const whole = Math.floor(ms);
  const day = Math.floor(whole / DAY);
  if (day !== stampDay) {
    stampDay = day;
    stampPrefix = new Date(day * DAY).toISOString().slice(0, 11);
  }
  let rest = whole - day * DAY;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const sec = Math.floor(rest / 1000);
  return `${stampPrefix}${pad2(h)}:${pad2(m)}:${pad2(sec)}.${pad3(rest - sec * 1000)}Z`;
}

export class Generator {
  private ticketId = 0;
  private eventId = 0;
  private legId = 0;
  private notificationId = 0;
  private readonly rnd = mulberry32(5_000_000);
  private readonly categoryTotal: number;

  constructor(
    private readonly city: City,
    private readonly opts: HistoryOptions,
  ) {
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
    const { spanStart, spanEnd } = this.opts;
    for (;;) {
      const day = spanStart + Math.floor(this.rnd() * ((spanEnd - spanStart) / DAY)) * DAY;
      if (this.rnd() * 1.5 > seasonWeight(day)) continue;
      // Daytime hours: 7:00–22:00 mostly, a few at night.
      const minute = this.rnd() < 0.9 ? 420 + Math.floor(this.rnd() * 900) : Math.floor(this.rnd() * 1440);
      const at = day + minute * MIN;
      if (at < spanEnd) return at;
    }
  }

  /** Log-uniform minutes in [a, b]: most legs quick, a long tail. */
  private minutes(a: number, b: number): number {
    return Math.round(Math.exp(Math.log(a) + this.rnd() * (Math.log(b) - Math.log(a))) * 60) / 60;
  }

  /** What a resident writes: where (a building and unit, or a place), what is wrong, and a tail. */
  private text(cp: Compound, building: { name: string } | null): { description: string; address: string } {
    const r = this.rnd();
    // Building numbers 1–30 in the text whatever the demo compound has: 6号楼 matches ~1 in 40.
    const where = r < 0.35 ? `${1 + Math.floor(this.rnd() * 30)}号楼${1 + Math.floor(this.rnd() * 6)}单元` : r < 0.8 ? place(this.rnd()) : '';
    const description = `${where}${problem(this.rnd())}${this.rnd() < 0.2 ? `，${problem(this.rnd())}` : ''}${tail(this.rnd())}`;
    const address = `${cp.name}${building ? building.name : ''}${building && this.rnd() < 0.7 ? `${1 + Math.floor(this.rnd() * 6)}单元` : ''}`;
    return { description, address };
  }

  chunk(count: number): { tickets: string; events: string; legs: string; notifications: string } {
    const now = this.opts.now;
    const notifyFrom = this.opts.notificationDays > 0 ? this.opts.spanEnd - this.opts.notificationDays * DAY : Infinity;
    const t: string[] = [];
    const e: string[] = [];
    const d: string[] = [];
    const n: string[] = [];
    const iso = stamp;
    const opt = (ms: number | null) => (ms === null ? '\\N' : iso(ms));
    const event = (ticket: number, action: string, from: string | null, to: string, at: number, data: object) =>
      e.push(`${(this.eventId += 1)}\t${ticket}\t${action}\t${from ?? '\\N'}\t${to}\t${this.city.actor}\tadmin\t${JSON.stringify(data)}\t${iso(at)}\n`);
    /** A leg; returns when it closed, or null while open. */
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
      // The last days' reports are still in flight: the community has not dispatched, the handler not
      // accepted or not resolved yet (their clocks run on, many past due).
      const inFlight = now - created < BACKLOG_DAYS * DAY ? this.rnd() : 1;
      const hold = (stage: number, start: number, took: number) => (inFlight < stage ? (now - start) / MIN + this.minutes(1, 5000) : took);
      const r = this.rnd();
      const channel = r < 0.6 ? 'mini_program' : r < 0.8 ? 'hotline_12345' : r < 0.9 ? 'walk_in' : 'grid_patrol';
      const toDepartment = cat.department !== null || this.rnd() < 0.05;
      let handler: number | null = toDepartment ? (cat.department ?? this.pick(this.city.departments)) : cp.company;
      const kind = toDepartment ? 'department' : 'company';
      const party = kind;
      let status = 'closed';
      let dispatchedAt: number | null = null;
      let acceptedAt: number | null = null;
      let resolvedAt: number | null = null;
      let closedAt: number | null = null;
      let last = created;
      event(id, 'report', null, 'submitted', created, { channel });
      const dispatched = leg(id, 'dispatch', 'community', null, created, 30, hold(0.15, created, this.rnd() < 0.08 ? this.minutes(31, 600) : this.minutes(1, 30)));
      if (handler === null || this.rnd() < 0.03 || dispatched === null) {
        // Cancelled or rejected before dispatch, or still waiting.
        handler = null;
        status = dispatched === null ? 'submitted' : 'cancelled';
        if (dispatched !== null) closedAt = last = dispatched;
      } else {
        event(id, 'dispatch', 'submitted', 'dispatched', dispatched, { handlerKind: kind, handlerOrgId: handler });
        dispatchedAt = last = dispatched;
        let start = leg(id, 'accept', party, handler, dispatched, 60, hold(0.3, dispatched, this.rnd() < 0.1 ? this.minutes(61, 1440) : this.minutes(2, 60)));
        status = start === null ? 'dispatched' : 'accepted';
        if (start !== null) acceptedAt = last = start;
        for (let round = 0; start !== null && round < 3; round++) {
          const allowed = 1440 * (1 + Math.floor(this.rnd() * 3));
          if (kind === 'company' && this.rnd() < 0.02) {
            // 吹哨: the company's overdue leg is taken away; a department resolves.
            const whistled = leg(id, 'resolve', party, handler, start, allowed, allowed + this.minutes(60, 4000), 'cancelled');
            if (whistled === null) break;
            handler = this.pick(this.city.departments);
            event(id, 'escalate', 'accepted', 'dispatched', whistled, { handlerKind: 'department', handlerOrgId: handler, whistle: true });
            status = 'dispatched';
            last = whistled;
            start = leg(id, 'accept', 'department', handler, whistled, 60, this.minutes(2, 120));
            if (start !== null) status = 'accepted';
            continue;
          }
          const resolved = leg(id, 'resolve', party, handler, start, allowed, hold(0.7, start, this.rnd() < 0.15 ? allowed + this.minutes(10, 10000) : this.minutes(20, allowed)));
          if (resolved === null) break;
          event(id, 'resolve', 'accepted', 'resolved', resolved, { handlerOrgId: handler });
          status = 'resolved';
          resolvedAt = last = resolved;
          const s = this.rnd();
          const answered = leg(id, 'survey', 'resident', null, resolved, 4320, s < 0.7 ? this.minutes(10, 4320) : 4320, s < 0.7 ? 'met' : 'cancelled');
          if (answered === null) break;
          if (s >= 0.7) {
            const visited = leg(id, 'visit', 'community', null, answered, 10080, s < 0.85 ? this.minutes(60, 10080) : 10080, s < 0.85 ? 'met' : 'cancelled');
            if (visited === null) break;
            if (s >= 0.85) {
              event(id, 'expire', 'resolved', 'closed', visited, { unrated: true });
              status = 'closed';
              closedAt = last = visited;
              break;
            }
          }
          const q = this.rnd();
          const rating = q < 0.8 ? 'satisfied' : q < 0.93 ? 'basically_satisfied' : 'dissatisfied';
          const at = s < 0.7 ? answered : answered + 1;
          event(id, s < 0.7 ? 'rate' : 'visit', 'resolved', rating === 'dissatisfied' ? 'accepted' : 'closed', at, { rating, handlerOrgId: handler });
          status = rating === 'dissatisfied' ? 'accepted' : 'closed';
          last = at;
          if (rating !== 'dissatisfied') {
            closedAt = at;
            break;
          }
          start = at;
        }
      }
      const building = cp.buildings.length && this.rnd() < 0.7 ? this.pick(cp.buildings) : null;
      const { description, address } = this.text(cp, building);
      const reporter = cp.residents.length ? this.pick(cp.residents) : this.pick(this.city.reporters);
      // ~100 m around the compound's gate, for the last COORDINATE_DAYS' reports only: the demo has 17
      // compounds, so a city's worth of located tickets would pile ~300,000 onto each gate (a density no
      // real compound has), and a GiST build over millions of earth points alone outlasts the load.
      const located = cp.lat !== null && cp.lng !== null && now - created < COORDINATE_DAYS * DAY;
      const lat = located ? (cp.lat as number) + (this.rnd() - 0.5) * 0.002 : null;
      const lng = located ? (cp.lng as number) + (this.rnd() - 0.5) * 0.002 : null;
      const onPlan = building !== null && this.rnd() < 0.33;
      const plan = onPlan ? `${Math.round(this.rnd() * 8000) / 10}\t${Math.round(this.rnd() * 6000) / 10}` : '\\N\t\\N';
      t.push(
        `${id}\tBR${id}\t${status}\t${cat.id}\tnormal\t${channel}\t${copyField(description)}\t${reporter}\t${cp.district_id}\t${cp.street_id}\t` +
          `${cp.community_id}\t${copyField(cp.grid_id)}\t${cp.id}\t${building?.id ?? '\\N'}\t${lat ?? '\\N'}\t${lng ?? '\\N'}\t${copyField(address)}\t${plan}\t` +
          `${handler === null ? '\\N' : kind}\t${handler ?? '\\N'}\t${iso(created)}\t${iso(last)}\t${opt(dispatchedAt)}\t${opt(acceptedAt)}\t${opt(resolvedAt)}\t${opt(closedAt)}\n`,
      );
      if (created >= notifyFrom) {
        this.notificationId += 1;
        n.push(
          `${reporter}\t${id}\tstatus\t工单进度\t${copyField(`您的工单 BR${id} 状态更新`)}\tbench:${id}\t${iso(last)}\t` +
            `${this.rnd() < 0.7 ? iso(last + 3_600_000) : '\\N'}\n`,
        );
      }
    }
    return { tickets: t.join(''), events: e.join(''), legs: d.join(''), notifications: n.join('') };
  }

  get counts() {
    return { tickets: this.ticketId, events: this.eventId, legs: this.legId, notifications: this.notificationId };
  }
}

export interface LoadResult {
  /** The COPY itself. */
  ms: number;
  /** Building the secondary indexes dropped for the COPY. */
  indexMs: number;
  indexes: number;
  events: number;
  legs: number;
  notifications: number;
}

export async function loadTickets(db: Client, n: number, opts: HistoryOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => undefined);
  const gen = new Generator(await loadCity(db), opts);
  // Unique indexes stay (they are constraints); every other index of the loaded tables is rebuilt after.
  const indexes = (
    await db.query<{ name: string; def: string }>(
      `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
         FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
        WHERE t.relname = ANY($1) AND t.relnamespace = 'public'::regnamespace AND NOT x.indisunique AND NOT x.indisprimary`,
      [LOADED_TABLES],
    )
  ).rows;
  for (const ix of indexes) await db.query(`DROP INDEX "${ix.name}"`);
  // The dirty-marking triggers are for live changes; a bulk load is followed by a rebuild instead.
  await db.query(`SET session_replication_role = replica`);
  const started = performance.now();
  for (let done = 0; done < n; done += CHUNK_TICKETS) {
    const c = gen.chunk(Math.min(CHUNK_TICKETS, n - done));
    await copyIn(db, `COPY tickets (id, no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                                    community_id, grid_id, compound_id, building_id, lat, lng, address, plan_x, plan_y, handler_kind, handler_org_id,
                                    created_at, updated_at, dispatched_at, accepted_at, resolved_at, closed_at) FROM STDIN`, [c.tickets]);
    await copyIn(db, `COPY ticket_events (id, ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at) FROM STDIN`, [c.events]);
    await copyIn(db, `COPY ticket_deadlines (id, ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                             started_at, due_at, status, breached_at, closed_at) FROM STDIN`, [c.legs]);
    if (c.notifications) {
      await copyIn(db, `COPY notifications (user_id, ticket_id, kind, title, body, dedupe_key, created_at, read_at) FROM STDIN`, [c.notifications]);
    }
    if ((done / CHUNK_TICKETS) % 25 === 0) log(`  ${Math.min(n, done + CHUNK_TICKETS).toLocaleString('en-US')} tickets loaded (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  await db.query(`SET session_replication_role = origin`);
  // The lists' deadline key, which the (disabled) ticket_deadlines triggers would have kept.
  await db.query(`
    UPDATE tickets t SET due_key = m.due
      FROM (SELECT ticket_id, date_trunc('milliseconds', min(due_at)) AS due FROM ticket_deadlines
             WHERE status = 'open' AND leg <> 'survey' AND due_at IS NOT NULL GROUP BY ticket_id) m
     WHERE t.id = m.ticket_id`);
  const ms = performance.now() - started;
  const counts = gen.counts;
  await db.query(
    `SELECT setval('tickets_id_seq', $1), setval('ticket_events_id_seq', $2), setval('ticket_deadlines_id_seq', $3)`,
    [counts.tickets, counts.events, counts.legs],
  );
  const indexStart = performance.now();
  await db.query(`SET maintenance_work_mem = '1GB'`);
  for (const ix of indexes) {
    const one = performance.now();
    await db.query(ix.def);
    log(`  index ${ix.name}: ${((performance.now() - one) / 1000).toFixed(1)} s`);
  }
  await db.query(`RESET maintenance_work_mem`);
  const indexMs = performance.now() - indexStart;
  await db.query('VACUUM ANALYZE tickets, ticket_events, ticket_deadlines, notifications');
  return { ms, indexMs, indexes: indexes.length, events: counts.events, legs: counts.legs, notifications: counts.notifications };
}
