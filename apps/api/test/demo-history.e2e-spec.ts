import { randomBytes } from 'node:crypto';
import {
  ladderFor, previousQuarter, quarterOf, quarterPeriod, shanghaiDate, transition, TICKET_TRANSITIONS,
  type DeadlineLeg, type DeadlineParty, type Rating, type Role, type TicketAction, type TicketStatus,
} from '@red-butler/domain';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { DeadlineEffects, type FireResult } from '../src/deadlines/deadline-effects.service';
import { DeadlineLedger } from '../src/deadlines/deadline-ledger.service';
import type { DeadlineEvent } from '../src/deadlines/ticket-deadline.entity';
import { TicketClocks } from '../src/deadlines/ticket-clocks.service';
import { Notifier } from '../src/notifications/notifier.service';
import { rankRows } from '../src/rankings/ranking.service';
import { reportBuckets, reportPeriod } from '../src/reports/report-period.util';
import { WHOLE_SYSTEM } from '../src/reports/report-scope';
import { slaFigures, type SlaCountsRow } from '../src/reports/sla-figures';
import { slaReportQuery } from '../src/reports/sla-report.sql';
import { DEMO_CAST } from '../src/seed/demo-cast';
import { HISTORY_REPORTER, historyStart, historyTicketCount, seedHistory } from '../src/seed/demo-history';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { SlaService } from '../src/sla/sla.service';
import { Actors } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/**
 * The demo history, each in a database of its own (the shared test database stays without it, so
 * other suites' figures do not move). `now` is injected: two fixed instants chosen for their
 * edges — shortly after midnight on 1 January (a new year and quarter, a public holiday) and on
 * 1 October (a quarter's first day, in the National Day week) — and, for the checks through the
 * real API, the moment the test runs. The same checks hold for each.
 */
const MIN = 60_000;
const total = (now: Date) => historyTicketCount(now) + DEMO_CAST.length;
const TRANSITION_ACTIONS = new Set(TICKET_TRANSITIONS.map((r) => r.action));
const SUPERVISED = new Set<DeadlineLeg>(['dispatch', 'accept', 'resolve']);
const OPEN_LEG_OF: Partial<Record<TicketStatus, DeadlineLeg[]>> = {
  submitted: ['dispatch'], dispatched: ['accept'], accepted: ['resolve'], resolved: ['survey', 'visit'], closed: [],
};

async function historyDb(): Promise<{ db: DataSource; url: string }> {
  const url = withDatabaseName(loadConfig().DATABASE_URL, `rb_test_hist_${randomBytes(4).toString('hex')}`);
  await migrate(url);
  const db = createDataSource(url);
  await db.initialize();
  await seed(db, readSeedFile());
  return { db, url };
}

interface LegRow {
  id: string; ticket_id: number; t_status: TicketStatus; leg: DeadlineLeg; party: DeadlineParty; status: 'open' | 'met' | 'cancelled';
  started_at: Date; due_at: Date | null; warn_at: Date | null; warned_at: Date | null; breached_at: Date | null; closed_at: Date | null;
  escalation_level: number; escalation_minutes: number; next_event: DeadlineEvent | null; next_event_at: Date | null; paused_at: Date | null;
}
const legRows = (db: DataSource): Promise<LegRow[]> => db.query(
  `SELECT d.id, d.ticket_id, t.status AS t_status, d.leg, d.party, d.status, d.started_at, d.due_at, d.warn_at, d.warned_at, d.breached_at,
          d.closed_at, d.escalation_level, d.escalation_minutes, d.next_event, d.next_event_at, d.paused_at
     FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id ORDER BY d.ticket_id, d.id`);

const t = (d: Date | null) => d?.getTime() ?? null;
const levelsBy = (party: DeadlineParty, due: Date, at: Date, minutes: number) =>
  Math.min(ladderFor(party).length, 1 + Math.floor((at.getTime() - due.getTime()) / (minutes * MIN)));

/** Every leg as the engine would have left it at `now`; a list of what disagrees. */
function legProblems(legs: LegRow[], now: Date): string[] {
  const problems: string[] = [];
  const bad = (l: LegRow, what: string) => problems.push(`ticket ${l.ticket_id} ${l.leg} (${l.status}): ${what}`);
  for (const l of legs) {
    const until = l.status === 'open' ? now : l.closed_at;
    if (!until || until > now || l.started_at > now) {
      bad(l, 'closed or started after now');
      continue;
    }
    if (l.status !== 'open' && l.next_event) bad(l, 'a closed leg with a next event');
    if (l.paused_at) {
      if (l.status !== 'open' || l.due_at || l.next_event !== 'resume' || !l.next_event_at || l.next_event_at <= now) bad(l, 'paused, but not waiting to resume');
      continue;
    }
    const due = l.due_at as Date;
    const warned = l.warn_at && l.warn_at <= until ? l.warn_at : null;
    if (t(l.warned_at) !== t(warned)) bad(l, `warned_at ${l.warned_at?.toISOString()} expected ${warned?.toISOString()}`);
    if (SUPERVISED.has(l.leg)) {
      const breached = due <= until ? due : null;
      if (t(l.breached_at) !== t(breached)) bad(l, `breached_at ${l.breached_at?.toISOString()} expected ${breached?.toISOString()}`);
      const level = breached ? levelsBy(l.party, due, until, l.escalation_minutes) : 0;
      if (l.escalation_level !== level) bad(l, `escalation level ${l.escalation_level}, expected ${level}`);
    } else if (l.status === 'open' ? due <= now : (l.status === 'cancelled') !== (t(l.breached_at) === t(due) && t(l.closed_at) === t(due))) {
      bad(l, 'survey/visit window and its ending disagree');
    }
    if (l.status !== 'open') continue;
    const ladder = ladderFor(l.party).length;
    const [event, at] = l.warn_at && !l.warned_at ? ['warn', l.warn_at]
      : !l.breached_at ? ['breach', due]
        : l.escalation_level < ladder ? ['escalate', new Date(due.getTime() + l.escalation_level * l.escalation_minutes * MIN)] : [null, null];
    if (l.next_event !== event || t(l.next_event_at) !== t(at as Date | null)) bad(l, `next ${l.next_event}@${l.next_event_at?.toISOString()}, expected ${event}@${(at as Date | null)?.toISOString()}`);
    if (l.next_event_at && l.next_event_at <= now) bad(l, 'next event already due');
  }
  return problems;
}

/** The timeline of every ticket replays through the state machine and ends in the ticket's status. */
async function timelineProblems(db: DataSource): Promise<string[]> {
  const events: Array<{ ticket_id: number; action: TicketAction; from_status: TicketStatus | null; to_status: TicketStatus; actor_role: Role; is_reporter: boolean; rating: Rating | null; status: TicketStatus }> =
    await db.query(
      `SELECT e.ticket_id, e.action, e.from_status, e.to_status, e.actor_role, e.actor_id = t.reporter_id AS is_reporter,
              e.data->>'rating' AS rating, t.status
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
        ORDER BY e.ticket_id, e.created_at, e.id`);
  const problems: string[] = [];
  let ticket = -1;
  let state: TicketStatus | null = null;
  let final: TicketStatus | null = null;
  const finish = () => ticket !== -1 && state !== final && problems.push(`ticket ${ticket} ends ${state}, row says ${final}`);
  for (const e of events) {
    if (e.ticket_id !== ticket) {
      finish();
      ticket = e.ticket_id;
      state = null;
      final = e.status;
    }
    if (e.from_status !== state) problems.push(`ticket ${ticket}: ${e.action} from ${e.from_status}, but it was ${state}`);
    if (TRANSITION_ACTIONS.has(e.action)) {
      const r = transition(state, e.action, { roles: [e.actor_role], isReporter: e.is_reporter }, { rating: e.rating ?? undefined });
      if (!r.ok || r.to !== e.to_status) problems.push(`ticket ${ticket}: ${e.action} ${state}→${e.to_status} refused (${r.ok ? r.to : r.code})`);
    }
    state = e.to_status;
  }
  finish();
  return problems;
}

function engine(db: DataSource): DeadlineEffects {
  const ledger = new DeadlineLedger(new SlaService(db));
  return new DeadlineEffects(db, ledger, new TicketClocks(ledger), new Notifier());
}

describe.each([
  ['1 January, 00:05 Shanghai time', new Date('2027-01-01T00:05:00+08:00')],
  ['1 October (a quarter’s first day, National Day), 00:05 Shanghai time', new Date('2026-10-01T00:05:00+08:00')],
])('demo history seeded on %s', (_label, now) => {
  let db: DataSource;
  let url: string;
  const quarter = previousQuarter(quarterOf(shanghaiDate(now)));
  const period = quarterPeriod(quarter) as { from: string; to: string };

  beforeAll(async () => {
    ({ db, url } = await historyDb());
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    if (url) await dropDatabase(url);
  });

  it('writes every ticket once, from the previous quarter’s first day up to now and nothing after it', async () => {
    expect(await seedHistory(db, now)).toBe(total(now));
    expect(await seedHistory(db, now)).toBe(0);
    const [r]: Array<{ n: number; first: Date; last: Date; last_event: Date; last_visit: Date; history: number }> = await db.query(
      `SELECT count(*)::int AS n, min(created_at) AS first, max(created_at) AS last,
              (SELECT max(created_at) FROM ticket_events) AS last_event, (SELECT max(created_at) FROM visit_tasks) AS last_visit,
              count(*) FILTER (WHERE reporter_id = (SELECT id FROM users WHERE username = $1))::int AS history
         FROM tickets`, [HISTORY_REPORTER]);
    expect(r.n).toBe(total(now));
    expect(r.history).toBeGreaterThan(historyTicketCount(now));
    expect(r.first.getTime()).toBeGreaterThanOrEqual(historyStart(now).getTime());
    expect(historyStart(now).toISOString()).toBe(new Date(`${period.from}T00:00:00+08:00`).toISOString());
    for (const at of [r.last, r.last_event, r.last_visit]) expect(at.getTime()).toBeLessThanOrEqual(now.getTime());
    // The history reaches today: tickets from the last day.
    expect(r.last.getTime()).toBeGreaterThan(now.getTime() - 24 * 3600_000);
  }, 60_000);

  it('has timelines the state machine accepts, step by step, ending in the ticket’s status — open tickets too', async () => {
    expect((await timelineProblems(db)).slice(0, 5)).toEqual([]);
  });

  it('leaves every leg as the engine would have at now: warned, overdue, 督办 level and next event', async () => {
    const legs = await legRows(db);
    expect(legProblems(legs, now).slice(0, 5)).toEqual([]);
    const open = legs.filter((l) => l.status === 'open');
    expect(open.filter((l) => l.warned_at && !l.breached_at).length).toBeGreaterThan(0);
    expect(open.filter((l) => l.breached_at).length).toBeGreaterThan(0);
    expect(open.filter((l) => l.paused_at).length).toBeGreaterThan(0);
    // One running leg per open ticket, the one its status waits on; closed tickets have none.
    const tickets: Array<{ id: number; status: TicketStatus }> = await db.query('SELECT id, status FROM tickets');
    const problems = tickets.flatMap((x) => {
      const running = open.filter((l) => l.ticket_id === x.id).map((l) => l.leg);
      const ok = x.status === 'resolved' ? running.length === 1 && OPEN_LEG_OF.resolved!.includes(running[0]) : running.join() === (OPEN_LEG_OF[x.status] ?? []).join();
      return ok ? [] : [`ticket ${x.id} ${x.status} runs [${running.join()}]`];
    });
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('marks each late leg overdue once, and ties each phone visit to its survey (open tasks to the open visit leg)', async () => {
    const [r]: Array<{ late: number; marked: number; visits: number; unrated: number; open_tasks: number; open_matched: number }> = await db.query(
      `SELECT (SELECT count(*)::int FROM ticket_deadlines WHERE breached_at IS NOT NULL AND leg IN ('dispatch', 'accept', 'resolve')) AS late,
              (SELECT count(*)::int FROM ticket_events WHERE action = 'overdue') AS marked,
              (SELECT count(*)::int FROM visit_tasks v JOIN ticket_deadlines s ON s.id = v.survey_deadline_id AND s.leg = 'survey' AND s.status = 'cancelled') AS visits,
              (SELECT count(*)::int FROM ticket_deadlines WHERE leg = 'survey' AND status = 'cancelled') AS unrated,
              (SELECT count(*)::int FROM visit_tasks WHERE status = 'open') AS open_tasks,
              (SELECT count(*)::int FROM visit_tasks v JOIN tickets t ON t.id = v.ticket_id AND t.status = 'resolved'
                 JOIN ticket_deadlines d ON d.ticket_id = v.ticket_id AND d.leg = 'visit' AND d.status = 'open' AND d.due_at = v.due_at
                WHERE v.status = 'open') AS open_matched`);
    expect(r.late).toBeGreaterThan(50);
    expect(r.marked).toBe(r.late);
    expect(r.visits).toBe(r.unrated);
    expect(r.open_tasks).toBeGreaterThan(0);
    expect(r.open_matched).toBe(r.open_tasks);
  });

  it('gives the previous quarter a ranking: several companies with stars, one 样本不足', async () => {
    const p = reportPeriod(period.from, period.to);
    const { sql, params } = slaReportQuery({ scope: WHOLE_SYSTEM, period: p, buckets: reportBuckets(p, null), groupBy: 'company', interval: null });
    const rows: Array<SlaCountsRow & { group_id: number; group_name: string }> = await db.query(sql, params);
    const ranked = rankRows(rows.map((x) => ({ group: { id: x.group_id, name: x.group_name }, ...slaFigures(x) })));
    const starred = ranked.filter((x) => x.stars !== null);
    expect(starred.length).toBeGreaterThanOrEqual(4);
    expect(new Set(starred.map((x) => x.stars)).size).toBeGreaterThanOrEqual(3);
    expect(starred[0].stars).toBe(5);
    expect(starred[starred.length - 1].stars).toBe(1);
    expect(ranked.some((x) => x.insufficientSample)).toBe(true);
  });

  it('lets the real deadline engine carry on: each next event fires once, nothing already done fires again', async () => {
    const effects = engine(db);
    const open = (await legRows(db)).filter((l) => l.status === 'open' && l.next_event).sort((a, b) => t(a.next_event_at)! - t(b.next_event_at)!);
    const wrong: string[] = [];
    const expectFire = async (l: LegRow, event: DeadlineEvent, at: Date, firing: Date, want: FireResult) => {
      const got = await effects.fire(l.id, event, at, firing);
      if (got !== want) wrong.push(`ticket ${l.ticket_id} ${l.leg} ${event}@${at.toISOString()}: ${got}, expected ${want}`);
    };
    for (const l of open) {
      // What the engine already did must not happen again; what it would do next happens once.
      if (l.warned_at) await expectFire(l, 'warn', l.warn_at as Date, now, 'skipped');
      if (l.breached_at) await expectFire(l, 'breach', l.due_at as Date, now, 'skipped');
      const at = l.next_event_at as Date;
      await expectFire(l, l.next_event as DeadlineEvent, at, at, 'fired');
      await expectFire(l, l.next_event as DeadlineEvent, at, at, 'skipped');
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(open.length).toBeGreaterThan(20);
    const [r]: Array<{ doubled: number }> = await db.query(
      `SELECT count(*)::int AS doubled FROM (SELECT ticket_id, data->>'dueAt' FROM ticket_events WHERE action = 'overdue' GROUP BY 1, 2 HAVING count(*) > 1) x`);
    expect(r.doubled).toBe(0);
  }, 60_000);
});

describe('demo history seeded now: every demo desk’s first screen has work, through the real API', () => {
  let db: DataSource;
  let url: string;
  let app: TestApp;
  let as: Actors;
  let count = 0;

  beforeAll(async () => {
    ({ db, url } = await historyDb());
    const now = new Date();
    count = await seedHistory(db, now);
    expect(count).toBe(total(now));
    app = await startApp({ DATABASE_URL: url });
    as = new Actors(app);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    if (url) await dropDatabase(url);
  });

  const list = async (user: string, query: string) => {
    const res = await as.get(user, `/api/tickets?${query}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ id: number; status: TicketStatus; assignee: { displayName: string } | null }>;
  };

  it.each(['community', 'community2', 'street'])('%s: the dispatch queue (待派单)', async (user) => {
    expect((await list(user, 'status=submitted&sort=due&limit=100')).length).toBeGreaterThan(0);
  });

  it.each(['property', 'property2', 'dept'])('%s: the inbox has 待接单 and 处理中', async (user) => {
    expect((await list(user, 'status=dispatched&sort=due&limit=100')).length).toBeGreaterThan(0);
    expect((await list(user, 'status=accepted&sort=due&limit=100')).length).toBeGreaterThan(0);
  });

  it('dept: a ticket the community whistled (吹哨) to 城管 waits in its inbox', async () => {
    const items = await list('dept', 'status=dispatched&sort=due&limit=100');
    const whistled: Array<{ id: number }> = await db.query(
      `SELECT DISTINCT ticket_id AS id FROM ticket_events WHERE action = 'escalate' AND (data->>'handlerOrgId')::int = (SELECT id FROM organizations WHERE code = 'urban-mgmt')`);
    expect(items.some((i) => whistled.some((w) => w.id === i.id))).toBe(true);
  });

  it('worker: the tickets assigned to them, 处理中', async () => {
    const items = await list('worker', 'status=accepted&sort=due&limit=100');
    expect(items.length).toBeGreaterThan(0);
    expect(items.every((i) => i.assignee?.displayName === '王大勇')).toBe(true);
  });

  it.each(['grid', 'grid2', 'community'])('%s: phone return visits (电话回访)', async (user) => {
    const res = await as.get(user, '/api/visits');
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
  });

  it('supervisor: what is overdue now, and figures for the last 30 days', async () => {
    const overdue = await as.get('supervisor', '/api/overdue');
    expect(overdue.body.items.length).toBeGreaterThan(0);
    const today = shanghaiDate(new Date());
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 29 * 24 * 3600_000).toISOString().slice(0, 10);
    const report = await as.get('supervisor', `/api/reports/sla?from=${from}&to=${today}`);
    expect(report.status).toBe(200);
    expect(report.body.totals.received).toBeGreaterThan(0);
    expect(report.body.totals.onTimeResolutionRate).not.toBeNull();
  });

  it('company figures: a rate is null ("—") when nothing was there to measure, never 1; a measured one has a denominator', async () => {
    // Short periods leave some companies with nothing; a company with 受理量 0 may still have a
    // resolution or a rating in the period (of a ticket reported before it) — then its rate is real.
    const today = shanghaiDate(new Date());
    const rows: Array<Record<string, number | null> & { group: { name: string } }> = [];
    for (const back of [0, 2, 6]) {
      const from = new Date(Date.parse(`${today}T00:00:00Z`) - back * 24 * 3600_000).toISOString().slice(0, 10);
      const res = await as.get('supervisor', `/api/reports/sla?from=${from}&to=${today}&groupBy=company`);
      expect(res.status).toBe(200);
      rows.push(...res.body.rows);
    }
    const denominators = {
      onTimeResolutionRate: (r: Record<string, number | null>) => Number(r.resolveClosed) + Number(r.resolveWithdrawnLate) + Number(r.openPastDue),
      satisfactionRate: (r: Record<string, number | null>) => Number(r.answered),
      timelyAcceptRate: (r: Record<string, number | null>) => Number(r.acceptClosed),
      timelyDispatchRate: (r: Record<string, number | null>) => Number(r.dispatchClosed),
    };
    const wrong = rows.flatMap((r) => Object.entries(denominators)
      .filter(([rate, d]) => (d(r) === 0) !== (r[rate] === null))
      .map(([rate, d]) => `${r.group.name} ${rate} = ${r[rate]} on ${d(r)}`));
    expect(rows.length).toBeGreaterThanOrEqual(6 * 3);
    expect(wrong).toEqual([]);
  });

  it.each(['resident', 'resident2'])('%s: 我的工单 holds open and closed tickets, one waiting for their rating', async (user) => {
    const items = await list(user, 'limit=50');
    const statuses = new Set(items.map((i) => i.status));
    expect(statuses.has('closed')).toBe(true);
    expect(statuses.has('resolved')).toBe(true);
    expect(['submitted', 'dispatched', 'accepted'].some((s) => statuses.has(s as TicketStatus))).toBe(true);
    const waiting = items.find((i) => i.status === 'resolved') as { id: number };
    const detail = await as.get(user, `/api/tickets/${waiting.id}`);
    expect(detail.body.allowedActions).toContain('rate');
  });

  it('the seed stays idempotent: running it again writes nothing', async () => {
    expect(await seedHistory(db)).toBe(0);
    const [{ n }]: Array<{ n: number }> = await db.query('SELECT count(*)::int AS n FROM tickets');
    expect(n).toBe(count);
    expect(count).toBeGreaterThan(DEMO_CAST.length);
  });
});
