import { randomBytes } from 'node:crypto';
import { transition, TICKET_TRANSITIONS, type Rating, type Role, type TicketAction, type TicketStatus } from '@red-butler/domain';
import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { rankRows } from '../src/rankings/ranking.service';
import { reportBuckets, reportPeriod } from '../src/reports/report-period.util';
import { WHOLE_SYSTEM } from '../src/reports/report-scope';
import { slaFigures, type SlaCountsRow } from '../src/reports/sla-figures';
import { slaReportQuery } from '../src/reports/sla-report.sql';
import { HISTORY_REPORTER, HISTORY_TICKETS, seedHistory } from '../src/seed/demo-history';
import { readSeedFile, seed } from '../src/seed/seed.service';

/**
 * The demo history in a database of its own (the shared test database stays without it, so other
 * suites' figures do not move). `now` is a fixed instant, so the generated tickets are the same on
 * every run: 2026-11-20 → the window is 2026-07-01 … 2026-11-08.
 */
const NOW = new Date('2026-11-20T04:00:00Z');
const TRANSITION_ACTIONS = new Set(TICKET_TRANSITIONS.map((r) => r.action));

describe('demo history (seed)', () => {
  let db: DataSource;
  let url: string;

  beforeAll(async () => {
    url = withDatabaseName(loadConfig().DATABASE_URL, `rb_test_hist_${randomBytes(4).toString('hex')}`);
    await migrate(url);
    db = createDataSource(url);
    await db.initialize();
    await seed(db, readSeedFile());
  }, 120_000);
  afterAll(async () => {
    await db?.destroy();
    await dropDatabase(url);
  });

  it('writes the tickets once, by the dedicated demo reporter, inside the window', async () => {
    expect(await seedHistory(db, NOW)).toBe(HISTORY_TICKETS);
    expect(await seedHistory(db, NOW)).toBe(0);
    const [r]: Array<{ n: number; reporters: number; first: Date; last: Date; open: number }> = await db.query(
      `SELECT count(*)::int AS n, count(DISTINCT reporter_id)::int AS reporters, min(created_at) AS first, max(created_at) AS last,
              count(*) FILTER (WHERE status <> 'closed')::int AS open
         FROM tickets t WHERE reporter_id = (SELECT id FROM users WHERE username = $1)`, [HISTORY_REPORTER]);
    expect(r).toMatchObject({ n: HISTORY_TICKETS, reporters: 1, open: 0 });
    expect(r.first.getTime()).toBeGreaterThanOrEqual(new Date('2026-07-01T00:00:00+08:00').getTime());
    expect(r.last.getTime()).toBeLessThan(NOW.getTime() - 12 * 24 * 3600_000);
  }, 60_000);

  it('has timelines the state machine accepts, step by step, ending in the ticket’s status', async () => {
    const events: Array<{ ticket_id: number; action: TicketAction; from_status: TicketStatus | null; to_status: TicketStatus; actor_role: Role; is_reporter: boolean; rating: Rating | null; status: TicketStatus }> =
      await db.query(
        `SELECT e.ticket_id, e.action, e.from_status, e.to_status, e.actor_role, e.actor_id = t.reporter_id AS is_reporter,
                e.data->>'rating' AS rating, t.status
           FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
          WHERE t.reporter_id = (SELECT id FROM users WHERE username = $1)
          ORDER BY e.ticket_id, e.created_at, e.id`, [HISTORY_REPORTER]);
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
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it('closes every clock, marks each late leg overdue once, and ties each phone visit to its survey', async () => {
    const [r]: Array<{ open: number; late: number; marked: number; visits: number; unrated: number }> = await db.query(
      `WITH h AS (SELECT id FROM tickets WHERE reporter_id = (SELECT id FROM users WHERE username = $1))
       SELECT (SELECT count(*)::int FROM ticket_deadlines d JOIN h ON h.id = d.ticket_id WHERE d.status = 'open') AS open,
              (SELECT count(*)::int FROM ticket_deadlines d JOIN h ON h.id = d.ticket_id
                WHERE d.breached_at IS NOT NULL AND d.leg IN ('dispatch', 'accept', 'resolve')) AS late,
              (SELECT count(*)::int FROM ticket_events e JOIN h ON h.id = e.ticket_id WHERE e.action = 'overdue') AS marked,
              (SELECT count(*)::int FROM visit_tasks v JOIN h ON h.id = v.ticket_id
                 JOIN ticket_deadlines s ON s.id = v.survey_deadline_id AND s.leg = 'survey' AND s.status = 'cancelled') AS visits,
              (SELECT count(*)::int FROM ticket_deadlines d JOIN h ON h.id = d.ticket_id WHERE d.leg = 'survey' AND d.status = 'cancelled') AS unrated`,
      [HISTORY_REPORTER]);
    expect(r.open).toBe(0);
    expect(r.late).toBeGreaterThan(50);
    expect(r.marked).toBe(r.late);
    expect(r.visits).toBe(r.unrated);
  });

  it('gives the demo a ranking: several companies with stars, one 样本不足', async () => {
    const period = reportPeriod('2026-07-01', '2026-09-30');
    const { sql, params } = slaReportQuery({ scope: WHOLE_SYSTEM, period, buckets: reportBuckets(period, null), groupBy: 'company', interval: null });
    const rows: Array<SlaCountsRow & { group_id: number; group_name: string }> = await db.query(sql, params);
    const ranked = rankRows(rows.map((x) => ({ group: { id: x.group_id, name: x.group_name }, ...slaFigures(x) })));
    const starred = ranked.filter((x) => x.stars !== null);
    expect(starred.length).toBeGreaterThanOrEqual(4);
    expect(new Set(starred.map((x) => x.stars)).size).toBeGreaterThanOrEqual(3);
    expect(starred[0].stars).toBe(5);
    expect(starred[starred.length - 1].stars).toBe(1);
    expect(ranked.some((x) => x.insufficientSample)).toBe(true);
  });
});
