import {
  computeDeadline,
  DEFAULT_WORKING_CALENDAR,
  ladderFor,
  previousQuarter,
  quarterOf,
  quarterPeriod,
  shanghaiDate,
  warnAt,
  type DeadlineLeg,
  type DeadlineParty,
  type Priority,
  type SlaClock,
  type TicketAction,
  type TicketStatus,
} from '@red-butler/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { mulberry32 } from '../common/seeded-random.util';
import type { PolicyRow } from '../sla/sla.service';

/**
 * 演示历史数据: about 1,300 finished tickets from the start of the previous quarter until twelve
 * days ago, so that a fresh demo shows SLA figures, a quarter ranking with stars and (once the
 * worker has published them) the 红黑榜. Written straight into the tables, but row for row what
 * the ticket loop and the deadline engine would have written: the events of every step, one clock
 * per leg with the policy's terms and the working calendar's deadlines, `overdue`/`supervise`
 * events for late legs, phone visits and 未评价 closes.
 *
 * Deterministic: a seeded generator; the dates are relative to `now` (the demo must look recent).
 * Each company has a profile so the ranking has a spread (and one company too small to rate).
 */
export const HISTORY_TICKETS = 1300;
export const HISTORY_REPORTER = 'demo-history';
const HISTORY_STAFF = 'demo-history-staff';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

interface Profile {
  volume: number;
  acceptLate: number;
  resolveLate: number;
  dissatisfied: number;
}

/** Property companies (by code): how much work they get relative to their households, how well they do. */
const PROFILES: Record<string, Profile> = {
  'saishang-wuye': { volume: 0.55, acceptLate: 0.01, resolveLate: 0.02, dissatisfied: 0.02 },
  'zhongfang-wuye': { volume: 0.8, acceptLate: 0.03, resolveLate: 0.05, dissatisfied: 0.04 },
  'yuehai-wuye': { volume: 1, acceptLate: 0.05, resolveLate: 0.1, dissatisfied: 0.07 },
  'fengjie-wuye': { volume: 1, acceptLate: 0.05, resolveLate: 0.08, dissatisfied: 0.1 },
  'baohu-wuye': { volume: 1.2, acceptLate: 0.3, resolveLate: 0.55, dissatisfied: 0.45 },
  // A community-run station serving few households: 样本不足 in the demo ranking.
  'hongguanjia-station': { volume: 0.1, acceptLate: 0.05, resolveLate: 0.05, dissatisfied: 0.05 },
};
const DEPARTMENT_PROFILE: Profile = { volume: 1, acceptLate: 0.08, resolveLate: 0.12, dissatisfied: 0.08 };
const COMPANY_CATEGORIES = ['street_light_out', 'pipe_leak', 'elevator_fault', 'door_access_broken', 'sewer_blocked', 'corridor_clutter',
  'garbage_collection', 'greenery_trim', 'illegal_parking', 'roof_leak', 'manhole_cover_missing'];
const DEPARTMENT_SHARE = 0.15;

/** Draws from a seeded PRNG, so the demo history is the same on every machine. */
function generator(seed: number) {
  const next = mulberry32(seed);
  return {
    next,
    chance: (p: number) => next() < p,
    between: (lo: number, hi: number) => lo + next() * (hi - lo),
    pick: <T>(items: T[], weight: (t: T) => number = () => 1): T => {
      const total = items.reduce((s, i) => s + weight(i), 0);
      let r = next() * total;
      for (const i of items) if ((r -= weight(i)) < 0) return i;
      return items[items.length - 1];
    },
  };
}
type Rng = ReturnType<typeof generator>;

type Policy = Omit<PolicyRow, 'max_pause_minutes'>;
interface Compound { id: number; district_id: number; street_id: number; community_id: number; grid_id: number; households: number }
interface Contract { compound_id: number; organization_id: number; code: string; name: string; starts_on: string; ends_on: string }
interface Category { id: number; code: string; default_priority: Priority; department_id: number | null; handler_kind: string }
interface Org { id: number; code: string; name: string; kind: string; is_fallback: boolean }

interface LegRow {
  leg: DeadlineLeg; party: DeadlineParty; party_org_id: number | null; clock: SlaClock; allowed_minutes: number; warn_ratio: number;
  escalation_minutes: number; started_at: Date; due_at: Date; warn_at: Date | null; status: 'met' | 'cancelled';
  warned_at: Date | null; breached_at: Date | null; closed_at: Date; escalation_level: number;
}
interface EventRow { action: TicketAction; from_status: TicketStatus | null; to_status: TicketStatus; actor: 'reporter' | 'staff' | 'system'; actor_role: string; data: Record<string, unknown>; created_at: Date }
interface TicketPlan {
  no: string; category_id: number; priority: Priority; compound: Compound; handler_kind: 'company' | 'department'; handler_org_id: number;
  reopen_count: number; rating: string | null; created_at: Date; dispatched_at: Date; accepted_at: Date; resolved_at: Date | null;
  closed_at: Date; legs: LegRow[]; events: EventRow[]; visit: { status: 'done' | 'expired'; due_at: Date; created_at: Date; closed_at: Date; attempts: number } | null;
}

/** One ticket's life, leg by leg, as the loop and the engine would have recorded it. */
class TicketStory {
  readonly legs: LegRow[] = [];
  readonly events: EventRow[] = [];

  constructor(private readonly rng: Rng, private readonly policy: Policy) {}

  /** A leg from `start`; `late`: closed after its deadline (with the engine's overdue and 督办 marks). */
  leg(leg: DeadlineLeg, party: DeadlineParty, org: number | null, start: Date, minutes: number, late: boolean, status: TicketStatus, clock = this.policy.clock): LegRow {
    const input = { calendar: DEFAULT_WORKING_CALENDAR, clock, start, minutes };
    const due = computeDeadline(input) as Date;
    const warn = warnAt(input, this.policy.warn_ratio);
    const span = due.getTime() - start.getTime();
    const closed = late
      ? new Date(due.getTime() + this.rng.between(20 * MIN, Math.max(40 * MIN, Math.min(3 * DAY, span))))
      : new Date(start.getTime() + Math.max(MIN, span * this.rng.between(0.1, 0.85)));
    const row: LegRow = {
      leg, party, party_org_id: org, clock, allowed_minutes: minutes, warn_ratio: this.policy.warn_ratio,
      escalation_minutes: this.policy.escalation_minutes, started_at: start, due_at: due, warn_at: warn, status: 'met',
      warned_at: warn && closed > warn ? warn : null, breached_at: late ? due : null, closed_at: closed, escalation_level: 0,
    };
    if (late && party !== 'resident') {
      const ladder = ladderFor(party);
      const levels = Math.min(ladder.length, 1 + Math.floor((closed.getTime() - due.getTime()) / (this.policy.escalation_minutes * MIN)));
      row.escalation_level = levels;
      this.event('overdue', status, status, 'system', 'system', { leg, party, partyOrgId: org, dueAt: due }, due);
      for (let level = 2; level <= levels; level++) {
        this.event('supervise', status, status, 'system', 'system', { leg, level, to: ladder[level - 1] },
          new Date(due.getTime() + (level - 1) * this.policy.escalation_minutes * MIN));
      }
    }
    this.legs.push(row);
    return row;
  }

  event(action: TicketAction, from: TicketStatus | null, to: TicketStatus, actor: EventRow['actor'], role: string, data: Record<string, unknown>, at: Date) {
    this.events.push({ action, from_status: from, to_status: to, actor, actor_role: role, data, created_at: at });
  }
}

function plan(rng: Rng, no: string, created: Date, compound: Compound, category: Category, policy: Policy, handler: Org, profile: Profile): TicketPlan {
  const s = new TicketStory(rng, policy);
  const kind = handler.kind === 'department' ? 'department' : 'company';
  const handlerRole = kind === 'company' ? 'property_manager' : 'department_staff';
  const workerRole = kind === 'company' ? 'property_worker' : 'department_staff';
  const h = handler.id;
  s.event('report', null, 'submitted', 'reporter', 'resident', { channel: 'mini_program' }, created);
  const dispatch = s.leg('dispatch', 'community', null, created, policy.dispatch_minutes, rng.chance(0.03), 'submitted');
  s.event('dispatch', 'submitted', 'dispatched', 'staff', 'community_staff',
    { handlerKind: kind, handlerOrgId: h, handlerName: handler.name, whistle: kind === 'department' }, dispatch.closed_at);
  const accept = s.leg('accept', kind, h, dispatch.closed_at, policy.accept_minutes, rng.chance(profile.acceptLate), 'dispatched');
  s.event('accept', 'dispatched', 'accepted', 'staff', handlerRole, { assigneeId: null, handlerOrgId: h }, accept.closed_at);

  let reopen = 0;
  let rating: string | null = null;
  let visit: TicketPlan['visit'] = null;
  let resolveStart = accept.closed_at;
  let closedAt: Date;
  for (;;) {
    const resolve = s.leg('resolve', kind, h, resolveStart, policy.resolve_minutes, rng.chance(reopen ? profile.resolveLate / 2 : profile.resolveLate), 'accepted');
    s.event('resolve', 'accepted', 'resolved', 'staff', workerRole, { handlerOrgId: h }, resolve.closed_at);
    const dissatisfied = reopen === 0 && rng.chance(profile.dissatisfied);
    const answer = dissatisfied ? 'dissatisfied' : rng.chance(0.78) ? 'satisfied' : 'basically_satisfied';
    const start = resolve.closed_at;
    const surveyDue = new Date(start.getTime() + policy.survey_minutes * MIN);
    const way = dissatisfied ? 0 : rng.next();
    const survey: LegRow = {
      leg: 'survey', party: 'resident', party_org_id: null, clock: 'clock', allowed_minutes: policy.survey_minutes, warn_ratio: policy.warn_ratio,
      escalation_minutes: policy.escalation_minutes, started_at: start, due_at: surveyDue, warn_at: null, status: 'met',
      warned_at: null, breached_at: null, closed_at: surveyDue, escalation_level: 0,
    };
    s.legs.push(survey);
    if (way < 0.86) {
      // Rated in the app.
      const at = new Date(start.getTime() + rng.between(30 * MIN, policy.survey_minutes * MIN * 0.6));
      survey.closed_at = at;
      if (dissatisfied) {
        s.event('rate', 'resolved', 'accepted', 'reporter', 'resident', { rating: answer, handlerOrgId: h }, at);
        reopen++;
        resolveStart = at;
        continue;
      }
      s.event('rate', 'resolved', 'closed', 'reporter', 'resident', { rating: answer, handlerOrgId: h }, at);
      rating = answer;
      closedAt = at;
      break;
    }
    // No rating in the app: the survey window runs out and the community owes a phone visit.
    survey.status = 'cancelled';
    survey.breached_at = surveyDue;
    const visitDue = new Date(surveyDue.getTime() + policy.visit_minutes * MIN);
    const visitLeg: LegRow = {
      leg: 'visit', party: 'community', party_org_id: null, clock: 'clock', allowed_minutes: policy.visit_minutes, warn_ratio: policy.warn_ratio,
      escalation_minutes: policy.escalation_minutes, started_at: surveyDue, due_at: visitDue, warn_at: null, status: 'met',
      warned_at: null, breached_at: null, closed_at: visitDue, escalation_level: 0,
    };
    s.legs.push(visitLeg);
    const firstCall = new Date(surveyDue.getTime() + rng.between(2 * HOUR, 2 * DAY));
    if (way < 0.96) {
      s.event('visit', 'resolved', 'closed', 'staff', 'grid_worker', { reached: true, rating: answer, handlerOrgId: h }, firstCall);
      visitLeg.closed_at = firstCall;
      visit = { status: 'done', due_at: visitDue, created_at: surveyDue, closed_at: firstCall, attempts: 1 };
      rating = answer;
      closedAt = firstCall;
      break;
    }
    // Nobody answered the phone either: closed as 未评价 at the end of the visit window.
    s.event('visit', 'resolved', 'resolved', 'staff', 'grid_worker', { reached: false, rating: null, handlerOrgId: h }, firstCall);
    visitLeg.status = 'cancelled';
    visitLeg.breached_at = visitDue;
    s.event('expire', 'resolved', 'closed', 'system', 'system', { unrated: true }, visitDue);
    visit = { status: 'expired', due_at: visitDue, created_at: surveyDue, closed_at: visitDue, attempts: 1 };
    closedAt = visitDue;
    break;
  }
  const lastResolve = [...s.events].reverse().find((e) => e.action === 'resolve') as EventRow;
  return {
    no, category_id: category.id, priority: category.default_priority, compound, handler_kind: kind, handler_org_id: h,
    reopen_count: reopen, rating, created_at: created, dispatched_at: dispatch.closed_at, accepted_at: accept.closed_at,
    resolved_at: lastResolve.created_at, closed_at: closedAt, legs: s.legs, events: s.events, visit,
  };
}

/**
 * Writes the history once (skipped when the history reporter already has tickets). `now` fixes the
 * window: from the first day of the previous quarter to twelve days ago, so every ticket has had
 * time to finish (the longest path — survey window then visit window — takes ten days).
 */
export async function seedHistory(db: DataSource, now = new Date(), count = HISTORY_TICKETS): Promise<number> {
  return db.transaction(async (em) => {
    const reporterId = await user(em, HISTORY_REPORTER, '演示历史居民', '13900000000');
    const staffId = await user(em, HISTORY_STAFF, '演示历史工作人员', null);
    const [{ n }]: Array<{ n: number }> = await em.query('SELECT count(*)::int AS n FROM tickets WHERE reporter_id = $1', [reporterId]);
    if (n > 0) return 0;
    const [{ id: systemId }]: Array<{ id: number }> = await em.query(`SELECT id FROM users WHERE username = 'system'`);

    const compounds: Compound[] = await em.query(
      `SELECT id, district_id, street_id, community_id, grid_id, households FROM org_units WHERE kind = 'compound' AND households IS NOT NULL ORDER BY id`);
    const contracts: Contract[] = await em.query(
      `SELECT c.compound_id, c.organization_id, o.code, o.name, to_char(c.starts_on, 'YYYY-MM-DD') AS starts_on, to_char(c.ends_on, 'YYYY-MM-DD') AS ends_on
         FROM compound_contracts c JOIN organizations o ON o.id = c.organization_id ORDER BY c.id`);
    const orgs: Org[] = await em.query('SELECT id, code, name, kind, is_fallback FROM organizations ORDER BY id');
    const categories: Category[] = await em.query('SELECT id, code, default_priority, department_id, handler_kind FROM categories ORDER BY sort_order');
    const policyRows: Array<Policy & { category_id: number; priority: Priority }> = await em.query('SELECT * FROM sla_policies');
    if (!compounds.length || !categories.length) return 0;
    const policy = (c: Category) => policyRows.find((p) => p.category_id === c.id && p.priority === c.default_priority) as Policy;
    const fallback = orgs.find((o) => o.kind === 'property_company' && o.is_fallback) ?? orgs.find((o) => o.kind === 'property_company');
    const companyOf = (compoundId: number, day: string): Org | undefined => {
      const k = contracts.find((c) => c.compound_id === compoundId && c.starts_on <= day && c.ends_on >= day);
      return k ? orgs.find((o) => o.id === k.organization_id) : fallback;
    };
    const companyCats = categories.filter((c) => COMPANY_CATEGORIES.includes(c.code) && policy(c));
    const departmentCats = categories.filter((c) => c.handler_kind === 'department' && c.department_id !== null && policy(c));

    const period = quarterPeriod(previousQuarter(quarterOf(shanghaiDate(now)))) as { from: string };
    const windowStart = new Date(`${period.from}T00:00:00+08:00`).getTime();
    const windowEnd = now.getTime() - 12 * DAY;
    // Whole Shanghai days only, so the last day's reports also end before the window does.
    const days = Math.floor((windowEnd - windowStart) / DAY);
    if (days < 1) return 0;
    const rng = generator(20261126);
    const nos: Array<{ n: string }> = await em.query(`SELECT nextval('ticket_no_seq')::text AS n FROM generate_series(1, $1)`, [count]);

    const plans: TicketPlan[] = [];
    for (let i = 0; i < count; i++) {
      // Office-hour-ish reports between 07:30 and 20:30 Shanghai time.
      const dayStart = windowStart + Math.floor(rng.between(0, days)) * DAY;
      const created = new Date(dayStart + rng.between(7.5 * HOUR, 20.5 * HOUR));
      const day = shanghaiDate(created);
      const department = rng.chance(DEPARTMENT_SHARE);
      const compound = rng.pick(compounds, (c) => c.households * (department ? 1 : PROFILES[companyOf(c.id, day)?.code ?? '']?.volume ?? 1));
      const category = rng.pick(department ? departmentCats : companyCats, (c) => (c.code === 'manhole_cover_missing' ? 0.2 : 1));
      const handler = department ? orgs.find((o) => o.id === category.department_id) : companyOf(compound.id, day);
      if (!handler) continue;
      const profile = department ? DEPARTMENT_PROFILE : PROFILES[handler.code] ?? DEPARTMENT_PROFILE;
      const no = `HG${day.slice(2).replace(/-/g, '')}${nos[i].n.padStart(6, '0')}`;
      plans.push(plan(rng, no, created, compound, category, policy(category), handler, profile));
    }
    await write(em, plans, { reporter: reporterId, staff: staffId, system: systemId });
    return plans.length;
  });
}

async function user(em: EntityManager, username: string, displayName: string, phone: string | null): Promise<number> {
  const [row]: Array<{ id: number }> = await em.query(
    `INSERT INTO users (username, display_name, phone) VALUES ($1, $2, $3)
     ON CONFLICT (username) WHERE username IS NOT NULL DO UPDATE SET display_name = EXCLUDED.display_name RETURNING id`,
    [username, displayName, phone],
  );
  return row.id;
}

/** Set-based writes: one statement per table, the rows as JSON. */
async function write(em: EntityManager, plans: TicketPlan[], actors: { reporter: number; staff: number; system: number }) {
  const tickets = plans.map((p) => ({
    no: p.no, category_id: p.category_id, priority: p.priority, description: '演示历史工单', reporter_id: actors.reporter,
    district_id: p.compound.district_id, street_id: p.compound.street_id, community_id: p.compound.community_id, grid_id: p.compound.grid_id,
    compound_id: p.compound.id, handler_kind: p.handler_kind, handler_org_id: p.handler_org_id, reopen_count: p.reopen_count, rating: p.rating,
    version: p.events.filter((e) => e.from_status !== null && e.from_status !== e.to_status).length + 1,
    created_at: p.created_at, updated_at: p.closed_at, dispatched_at: p.dispatched_at, accepted_at: p.accepted_at,
    resolved_at: p.resolved_at, closed_at: p.closed_at,
  }));
  const ids: Array<{ id: number; no: string }> = await em.query(
    `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id, community_id, grid_id,
                          compound_id, handler_kind, handler_org_id, reopen_count, rating, version, created_at, updated_at, dispatched_at,
                          accepted_at, resolved_at, closed_at)
     SELECT no, 'closed', category_id, priority::priority, 'mini_program', description, reporter_id, district_id, street_id, community_id, grid_id,
            compound_id, handler_kind::handler_kind, handler_org_id, reopen_count, rating::rating, version, created_at, updated_at, dispatched_at,
            accepted_at, resolved_at, closed_at
       FROM jsonb_to_recordset($1::jsonb) AS x(no text, category_id int, priority text, description text, reporter_id int, district_id int,
            street_id int, community_id int, grid_id int, compound_id int, handler_kind text, handler_org_id int, reopen_count int, rating text,
            version int, created_at timestamptz, updated_at timestamptz, dispatched_at timestamptz, accepted_at timestamptz,
            resolved_at timestamptz, closed_at timestamptz)
     RETURNING id, no`,
    [JSON.stringify(tickets)],
  );
  const idOf = new Map(ids.map((r) => [r.no, r.id]));
  const actorId = (a: EventRow['actor']) => actors[a];
  const events = plans.flatMap((p) => p.events
    .map((e) => ({ ...e, ticket_id: idOf.get(p.no), actor_id: actorId(e.actor) }))
    .sort((a, b) => a.created_at.getTime() - b.created_at.getTime()));
  await em.query(
    `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
     SELECT ticket_id, action::ticket_action, from_status::ticket_status, to_status::ticket_status, actor_id, actor_role::role, data, created_at
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id int, action text, from_status text, to_status text, actor_id int, actor_role text,
            data jsonb, created_at timestamptz)`,
    [JSON.stringify(events)],
  );
  const legs = plans.flatMap((p) => p.legs.map((l) => ({ ...l, ticket_id: idOf.get(p.no) })));
  await em.query(
    `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes, started_at,
                                   due_at, warn_at, status, warned_at, breached_at, closed_at, escalation_level, created_at)
     SELECT ticket_id, leg::deadline_leg, party::deadline_party, party_org_id, clock::sla_clock, allowed_minutes, warn_ratio, escalation_minutes,
            started_at, due_at, warn_at, status::deadline_status, warned_at, breached_at, closed_at, escalation_level, started_at
       FROM jsonb_to_recordset($1::jsonb) AS x(ticket_id int, leg text, party text, party_org_id int, clock text, allowed_minutes int,
            warn_ratio real, escalation_minutes int, started_at timestamptz, due_at timestamptz, warn_at timestamptz, status text,
            warned_at timestamptz, breached_at timestamptz, closed_at timestamptz, escalation_level int)`,
    [JSON.stringify(legs)],
  );
  // A phone-visit task per survey that ran out, tied to that survey leg as the engine ties it.
  const visits = plans.filter((p) => p.visit).map((p) => ({ ...p.visit, ticket_id: idOf.get(p.no), community_id: p.compound.community_id }));
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
