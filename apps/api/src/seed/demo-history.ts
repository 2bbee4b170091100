import { previousQuarter, quarterOf, quarterPeriod, shanghaiDate, type Priority } from '@red-butler/domain';
import type { DataSource, EntityManager } from 'typeorm';
import type { PolicyRow } from '../sla/sla.service';
import { castStory, DEMO_CAST } from './demo-cast';
import { generator } from './demo-random.util';
import { DAY, HOUR, tellStory, type Handler, type Profile, type StoryResult } from './demo-story';

/**
 * 演示历史数据: ten tickets a day from the start of the previous quarter up to `now` (900–1,800), so that a
 * fresh demo shows SLA figures for any recent period, a complete previous quarter for the ranking
 * and the 红黑榜, and work on every demo account's first screen. Written straight into the tables,
 * but row for row what the ticket loop and the deadline engine would have written (demo-story.ts):
 * the events of every step, one clock per leg with the policy's terms and the working calendar's
 * deadlines, `overdue`/`supervise` events for late legs, phone visits and 未评价 closes. Tickets
 * whose life reaches past `now` are cut there and stay open, their running legs exactly as the
 * engine would have left them, so the worker carries on from there. Scripted tickets
 * (demo-cast.ts) make sure each demo desk has open work in every state.
 *
 * Deterministic: seeded generators, all dates relative to `now`.
 */
/** Reports per day of the window: the previous quarter always holds ~900, enough for a spread of stars. */
export const HISTORY_TICKETS_PER_DAY = 10;
export const HISTORY_REPORTER = 'demo-history';
const HISTORY_STAFF = 'demo-history-staff';

/** Property companies (by code): how much work they get relative to their households, how well they do. */
const PROFILES: Record<string, Profile & { volume: number }> = {
  'saishang-wuye': { volume: 0.4, acceptLate: 0.005, resolveLate: 0.005, dissatisfied: 0.01 },
  'zhongfang-wuye': { volume: 0.8, acceptLate: 0.03, resolveLate: 0.05, dissatisfied: 0.04 },
  'yuehai-wuye': { volume: 1, acceptLate: 0.05, resolveLate: 0.1, dissatisfied: 0.07 },
  'fengjie-wuye': { volume: 1, acceptLate: 0.05, resolveLate: 0.08, dissatisfied: 0.1 },
  'baohu-wuye': { volume: 1.2, acceptLate: 0.3, resolveLate: 0.55, dissatisfied: 0.45 },
  // A community-run station serving few households: 样本不足 in the demo ranking.
  'hongguanjia-station': { volume: 0.1, acceptLate: 0.05, resolveLate: 0.05, dissatisfied: 0.05 },
};
const DEPARTMENT_PROFILE: Profile & { volume: number } = { volume: 1, acceptLate: 0.08, resolveLate: 0.12, dissatisfied: 0.08 };
const COMPANY_CATEGORIES = ['street_light_out', 'pipe_leak', 'elevator_fault', 'door_access_broken', 'sewer_blocked', 'corridor_clutter',
  'garbage_collection', 'greenery_trim', 'illegal_parking', 'roof_leak', 'manhole_cover_missing'];
const DEPARTMENT_SHARE = 0.15;
const WORKER = 'worker';

interface Compound { id: number; code: string; district_id: number; street_id: number; community_id: number; grid_id: number; households: number }
interface Contract { compound_id: number; organization_id: number; starts_on: string; ends_on: string }
interface Category { id: number; code: string; default_priority: Priority; department_id: number | null; handler_kind: string }
interface Org { id: number; code: string; name: string; kind: string; is_fallback: boolean }
interface Person { id: number; phone: string | null; compound_id: number | null; building_id: number | null }

interface Plan {
  no: string; category: Category; compound: Compound; reporter: Person; building_id: number | null; description: string;
  created: Date; story: StoryResult;
}

/** Reads the places, companies, categories and policies the stories are told with. */
async function loadWorld(em: EntityManager) {
  const compounds: Compound[] = await em.query(
    `SELECT id, code, district_id, street_id, community_id, grid_id, households FROM org_units WHERE kind = 'compound' AND households IS NOT NULL ORDER BY id`);
  const contracts: Contract[] = await em.query(
    `SELECT compound_id, organization_id, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on
       FROM compound_contracts ORDER BY id`);
  const orgs: Org[] = await em.query('SELECT id, code, name, kind, is_fallback FROM organizations ORDER BY id');
  const categories: Category[] = await em.query('SELECT id, code, default_priority, department_id, handler_kind FROM categories ORDER BY sort_order');
  const policies: Array<PolicyRow & { category_id: number; priority: Priority }> = await em.query('SELECT * FROM sla_policies');
  const people: Array<Person & { username: string }> = await em.query(
    `SELECT id, username, phone, compound_id, building_id FROM users WHERE username IN ('resident', 'resident2', $1)`, [WORKER]);
  const policy = (c: Category) => policies.find((p) => p.category_id === c.id && p.priority === c.default_priority);
  const fallback = orgs.find((o) => o.kind === 'property_company' && o.is_fallback) ?? orgs.find((o) => o.kind === 'property_company');
  const handler = (o: Org): Handler => ({ id: o.id, name: o.name, kind: o.kind === 'department' ? 'department' : 'company' });
  return {
    compounds, orgs, categories, policy, handler,
    person: (username: string) => people.find((p) => p.username === username),
    companyOf: (compoundId: number, day: string): Org | undefined => {
      const k = contracts.find((c) => c.compound_id === compoundId && c.starts_on <= day && c.ends_on >= day);
      return k ? orgs.find((o) => o.id === k.organization_id) : fallback;
    },
    profile: (o: Org) => (o.kind === 'department' ? DEPARTMENT_PROFILE : PROFILES[o.code] ?? DEPARTMENT_PROFILE),
  };
}
type World = Awaited<ReturnType<typeof loadWorld>>;

/** 00:00 Shanghai time on the first day of the previous quarter. */
export function historyStart(now: Date): Date {
  const period = quarterPeriod(previousQuarter(quarterOf(shanghaiDate(now)))) as { from: string };
  return new Date(`${period.from}T00:00:00+08:00`);
}

/** How many tickets the bulk of the history has for this `now` (the scripted ones come on top). */
export function historyTicketCount(now: Date): number {
  return Math.round(((now.getTime() - historyStart(now).getTime()) / DAY) * HISTORY_TICKETS_PER_DAY);
}

/**
 * Writes the history once (skipped when the history reporter already has tickets): the bulk from
 * the first day of the previous quarter up to `now`, and the scripted tickets of demo-cast.ts.
 */
export async function seedHistory(db: DataSource, now = new Date()): Promise<number> {
  return db.transaction(async (em) => {
    const reporterId = await user(em, HISTORY_REPORTER, '演示历史居民', '13900000000');
    const staffId = await user(em, HISTORY_STAFF, '演示历史工作人员', null);
    const [{ n }]: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM tickets WHERE reporter_id = $1', [reporterId]);
    if (n > 0) return 0;
    const [{ id: systemId }]: Array<{ id: number }> = await em.query(`SELECT id FROM users WHERE username = 'system'`);
    const w = await loadWorld(em);
    if (!w.compounds.length || !w.categories.length) return 0;
    const historyReporter: Person = { id: reporterId, phone: '13900000000', compound_id: null, building_id: null };
    const plans = [...bulk(w, now, historyReporter), ...cast(w, now, historyReporter)];
    const nos: Array<{ n: string }> = await em.query(`SELECT nextval('ticket_no_seq')::text AS n FROM generate_series(1, $1)`, [plans.length]);
    plans.forEach((p, i) => (p.no = `HG${shanghaiDate(p.created).slice(2).replace(/-/g, '')}${nos[i].n.padStart(6, '0')}`));
    await write(em, plans, { staff: staffId, system: systemId });
    return plans.length;
  });
}

/** The bulk: office-hour-ish reports spread over the window, each told to its end or to `now`. */
function bulk(w: World, now: Date, reporter: Person): Plan[] {
  const windowStart = historyStart(now).getTime();
  const days = Math.ceil((now.getTime() - windowStart) / DAY);
  const count = historyTicketCount(now);
  const worker = w.person(WORKER)?.id ?? null;
  const companyCats = w.categories.filter((c) => COMPANY_CATEGORIES.includes(c.code) && w.policy(c));
  const departmentCats = w.categories.filter((c) => c.handler_kind === 'department' && c.department_id !== null && w.policy(c));
  const rng = generator(20261126);
  const plans: Plan[] = [];
  for (let i = 0; i < count; i++) {
    // Between 07:30 and 20:30 Shanghai time, on any day of the window up to now.
    let created: Date;
    do created = new Date(windowStart + Math.floor(rng.between(0, days)) * DAY + rng.between(7.5 * HOUR, 20.5 * HOUR));
    while (created > now);
    const day = shanghaiDate(created);
    const department = rng.chance(DEPARTMENT_SHARE);
    const compound = rng.pick(w.compounds, (c) => c.households * (department ? 1 : PROFILES[w.companyOf(c.id, day)?.code ?? '']?.volume ?? 1));
    const category = rng.pick(department ? departmentCats : companyCats, (c) => (c.code === 'manhole_cover_missing' ? 0.2 : 1));
    const org = department ? w.orgs.find((o) => o.id === category.department_id) : w.companyOf(compound.id, day);
    if (!org) continue;
    const story = tellStory(rng, now, {
      created, handler: w.handler(org), assigneeId: org.code === 'saishang-wuye' ? worker : null,
      policy: w.policy(category) as PolicyRow, profile: w.profile(org),
    });
    if (story) plans.push({ no: '', category, compound, reporter, building_id: null, description: '演示历史工单', created, story });
  }
  return plans;
}

/** The scripted tickets; one that cannot be put in its state at this `now` is left out (the test names it). */
function cast(w: World, now: Date, historyReporter: Person): Plan[] {
  const plans: Plan[] = [];
  const day = shanghaiDate(now);
  for (const c of DEMO_CAST) {
    const compound = w.compounds.find((x) => x.code === c.compound);
    const category = w.categories.find((x) => x.code === c.category);
    const policy = category && w.policy(category);
    if (!compound || !category || !policy) continue;
    const org = c.department ? w.orgs.find((o) => o.id === category.department_id) : w.companyOf(compound.id, day);
    const whistleTo = c.whistleTo ? w.orgs.find((o) => o.code === c.whistleTo) : undefined;
    const reporter = c.reporter ? w.person(c.reporter) : historyReporter;
    if (!org || !reporter || (c.whistleTo && !whistleTo)) continue;
    const found = castStory(c, now, {
      handler: w.handler(org), assigneeId: org.code === 'saishang-wuye' ? w.person(WORKER)?.id ?? null : null, policy, profile: w.profile(org),
      force: { ...c.force, whistleTo: whistleTo && w.handler(whistleTo) },
      notes: { resolve: '已处理完毕，请居民查看', pause: '需订购配件，预计三天到货', whistle: '涉及违章搭建，物业无执法权，需城管处理' },
    });
    if (!found) continue;
    const building = reporter.compound_id === compound.id ? reporter.building_id : null;
    plans.push({ no: '', category, compound, reporter, building_id: building, description: c.description, created: found.created, story: found.story });
  }
  return plans;
}

async function user(em: EntityManager, username: string, displayName: string, phone: string | null): Promise<number> {
  const [row]: Array<{ id: number }> = await em.query(
    `INSERT INTO users (username, display_name, phone) VALUES ($1, $2, $3)
     ON CONFLICT (username) WHERE username IS NOT NULL DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    [username, displayName, phone],
  );
  return row.id;
}

/** Steps the API takes bump the ticket's version; the engine's marks do not (its 未评价 close does). */
const UNVERSIONED = new Set(['report', 'overdue', 'supervise']);

/** Set-based writes: one statement per table, the rows as JSON. */
async function write(em: EntityManager, plans: Plan[], actors: { staff: number; system: number }) {
  const tickets = plans.map((p) => {
    const s = p.story;
    const stepped = s.events.filter((e) => !UNVERSIONED.has(e.action));
    return {
      no: p.no, status: s.status, category_id: p.category.id, priority: p.category.default_priority, description: p.description,
      reporter_id: p.reporter.id, reporter_phone: p.reporter.phone, district_id: p.compound.district_id, street_id: p.compound.street_id,
      community_id: p.compound.community_id, grid_id: p.compound.grid_id, compound_id: p.compound.id, building_id: p.building_id,
      handler_kind: s.handler?.kind ?? null, handler_org_id: s.handler?.id ?? null, assignee_id: s.assignee_id, reopen_count: s.reopen_count,
      rating: s.rating, version: stepped.length + 1, created_at: p.created, updated_at: stepped.length ? stepped[stepped.length - 1].created_at : p.created,
      dispatched_at: s.dispatched_at, accepted_at: s.accepted_at, resolved_at: s.resolved_at, closed_at: s.closed_at,
    };
  });
  const ids: Array<{ id: number; no: string }> = await em.query(
    `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone, district_id, street_id,
                          community_id, grid_id, compound_id, building_id, handler_kind, handler_org_id, assignee_id, reopen_count, rating,
                          version, created_at, updated_at, dispatched_at, accepted_at, resolved_at, closed_at)
     SELECT no, status::ticket_status, category_id, priority::priority, 'mini_program', description, reporter_id, reporter_phone, district_id,
            street_id, community_id, grid_id, compound_id, building_id, handler_kind::handler_kind, handler_org_id, assignee_id, reopen_count,
            rating::rating, version, created_at, updated_at, dispatched_at, accepted_at, resolved_at, closed_at
       FROM jsonb_to_recordset($1::jsonb) AS x(no text, status text, category_id int, priority text, description text, reporter_id int,
            reporter_phone text, district_id int, street_id int, community_id int, grid_id int, compound_id int, building_id int,
            handler_kind text, handler_org_id int, assignee_id int, reopen_count int, rating text, version int, created_at timestamptz,
            updated_at timestamptz, dispatched_at timestamptz, accepted_at timestamptz, resolved_at timestamptz, closed_at timestamptz)
     RETURNING id, no`,
    [JSON.stringify(tickets)],
  );
  const idOf = new Map(ids.map((r) => [r.no, r.id]));
  const actorOf = (p: Plan, a: 'reporter' | 'staff' | 'system') => (a === 'reporter' ? p.reporter.id : actors[a]);
  const events = plans.flatMap((p) => p.story.events
    .map((e) => ({ ...e, ticket_id: idOf.get(p.no), actor_id: actorOf(p, e.actor) }))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime()));
  await em.query(
    `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, data, created_at)
     SELECT ticket_id, action::ticket_action, from_status::ticket_status, to_status::ticket_status, actor_id, actor_role::role, note, data, created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id int, action text, from_status text, to_status text, actor_id int, actor_role text,
            note text, data jsonb, created_at timestamptz)`,
    [JSON.stringify(events)],
  );
  const legs = plans.flatMap((p) => p.story.legs.map((l) => ({ ...l, ticket_id: idOf.get(p.no) })));
  await em.query(
    `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes, started_at,
                                   due_at, warn_at, status, warned_at, breached_at, closed_at, escalation_level, next_event, next_event_at,
                                   paused_at, remaining_minutes, pause_reason, created_at)
     SELECT ticket_id, leg::deadline_leg, party::deadline_party, party_org_id, clock::sla_clock, allowed_minutes, warn_ratio, escalation_minutes,
            started_at, due_at, warn_at, status::deadline_status, warned_at, breached_at, closed_at, escalation_level,
            next_event::deadline_event, next_event_at, paused_at, remaining_minutes, pause_reason, started_at
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id int, leg text, party text, party_org_id int, clock text, allowed_minutes int,
            warn_ratio real, escalation_minutes int, started_at timestamptz, due_at timestamptz, warn_at timestamptz, status text,
            warned_at timestamptz, breached_at timestamptz, closed_at timestamptz, escalation_level int, next_event text,
            next_event_at timestamptz, paused_at timestamptz, remaining_minutes real, pause_reason text)
      ORDER BY started_at`,
    [JSON.stringify(legs)],
  );
  // A phone-visit task per survey that ran out, tied to that survey leg as the engine ties it.
  const visits = plans.filter((p) => p.story.visit).map((p) => ({ ...p.story.visit, ticket_id: idOf.get(p.no), community_id: p.compound.community_id }));
  await em.query(
    `INSERT INTO visit_tasks (ticket_id, survey_deadline_id, community_id, status, due_at, attempts, created_at, closed_at)
     SELECT x.ticket_id, d.id, x.community_id, x.status::visit_task_status, x.due_at, x.attempts, x.created_at, x.closed_at
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id int, community_id int, status text, due_at timestamptz, attempts int,
            created_at timestamptz, closed_at timestamptz)
       JOIN LATERAL (SELECT id FROM ticket_deadlines s WHERE s.ticket_id = x.ticket_id AND s.leg = 'survey' AND s.status = 'cancelled'
                      ORDER BY s.id DESC LIMIT 1) d ON TRUE`,
    [JSON.stringify(visits)],
  );
}
