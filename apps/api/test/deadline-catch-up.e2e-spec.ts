import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { DeadlineEffects } from '../src/deadlines/deadline-effects.service';
import type { DeadlineEvent } from '../src/deadlines/ticket-deadline.entity';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/**
 * What the deadline engine does when it comes back after a stall or an outage (issue #17): no
 * warning for a deadline already past, and an overdue event on the timeline for a leg that was
 * closed late while no worker ran. The clock is moved by writing the leg's times into the past.
 */
describe('deadline engine catching up after a stall', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let worker: INestApplicationContext;
  let effects: DeadlineEffects;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })), { logger: false });
    effects = worker.get(DeadlineEffects);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const report = async () =>
    (await as.post('resident', '/api/tickets', { categoryId: ids.category('manhole_cover_missing'), description: '井盖缺失，很危险' })).body.id as number;
  const openLeg = async (ticketId: number, leg: string) => {
    const [row]: Array<{ id: string; next_event: DeadlineEvent; next_event_at: Date; warn_at: Date | null; due_at: Date }> = await t.db.query(
      `SELECT id, next_event, next_event_at, warn_at, due_at FROM ticket_deadlines WHERE ticket_id = $1 AND leg = $2 AND status = 'open'`,
      [ticketId, leg],
    );
    return row;
  };
  /** The leg as if its times had passed while no worker ran: warning `warnAgoS` and deadline `dueAgoS` seconds ago. */
  const backdate = async (deadlineId: string, warnAgoS: number, dueAgoS: number) => {
    const [row]: Array<{ next_event: DeadlineEvent; next_event_at: Date }> = await t.db.query(
      `WITH u AS (UPDATE ticket_deadlines
                     SET warn_at = date_trunc('milliseconds', now()) - make_interval(secs => $2),
                         due_at = date_trunc('milliseconds', now()) - make_interval(secs => $3),
                         next_event_at = CASE WHEN next_event = 'warn' THEN date_trunc('milliseconds', now()) - make_interval(secs => $2)
                                              ELSE date_trunc('milliseconds', now()) - make_interval(secs => $3) END
                   WHERE id = $1 RETURNING next_event, next_event_at)
       SELECT * FROM u`,
      [deadlineId, warnAgoS, dueAgoS],
    );
    return row;
  };
  // What the demo community desk received: other suites add staff to the same community meanwhile,
  // and each of them is told too.
  const notices = async (ticketId: number) =>
    (await t.db.query(
      `SELECT kind, body FROM notifications
        WHERE ticket_id = $1 AND kind IN ('deadline_warning', 'deadline_overdue') AND user_id = (SELECT id FROM users WHERE username = 'community')
        ORDER BY id`,
      [ticketId],
    )) as Array<{ kind: string; body: string }>;
  const overdueEvents = async (ticketId: number) =>
    (await t.db.query(`SELECT data, from_status, to_status, actor_role FROM ticket_events WHERE ticket_id = $1 AND action = 'overdue' ORDER BY id`, [ticketId])) as Array<{
      data: Record<string, unknown>;
      from_status: string;
      to_status: string;
      actor_role: string;
    }>;

  it('a warning reached only after its deadline is skipped, not sent: the overdue notice comes alone', async () => {
    const id = await report();
    const leg = await openLeg(id, 'dispatch');
    expect(leg.next_event).toBe('warn');
    // The worker stalled: the warning was due 5 min ago, the deadline itself 1 min ago.
    const due = await backdate(leg.id, 300, 60);
    expect(due.next_event).toBe('warn');
    expect(await effects.fire(leg.id, 'warn', due.next_event_at)).toBe('fired');
    expect(await effects.fire(leg.id, 'warn', due.next_event_at)).toBe('skipped'); // a retry changes nothing

    const sent = await notices(id);
    expect(sent.map((n) => n.kind)).toEqual(['deadline_overdue']);
    const [row]: Array<{ warned_at: Date | null; warn_skipped_at: Date | null; breached_at: Date | null; next_event: string }> = await t.db.query(
      'SELECT warned_at, warn_skipped_at, breached_at, next_event FROM ticket_deadlines WHERE id = $1',
      [leg.id],
    );
    expect(row.warned_at).toBeNull();
    expect(row.warn_skipped_at).not.toBeNull();
    expect(row.breached_at).not.toBeNull();
    expect(row.next_event).toBe('escalate');
    expect((await overdueEvents(id)).length).toBe(1);

    // A warning that is late but still ahead of its deadline says something true: it is sent.
    {
      const ahead = await report();
      const aheadLeg = await openLeg(ahead, 'dispatch');
      const warnDue = await backdate(aheadLeg.id, 60, -60);
      expect(await effects.fire(aheadLeg.id, 'warn', warnDue.next_event_at)).toBe('fired');
      expect((await notices(ahead)).map((n) => n.kind)).toEqual(['deadline_warning']);
    }
  });

  it('a leg closed after its deadline while no worker ran gets its overdue event once, in the closing step', async () => {
    const id = await report();
    const leg = await openLeg(id, 'dispatch');
    const due = await backdate(leg.id, 600, 120);
    // The community dispatches two minutes late; the worker never marked the leg.
    expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    const events = await overdueEvents(id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ from_status: 'submitted', to_status: 'submitted', actor_role: 'system' });
    expect(events[0].data).toMatchObject({ leg: 'dispatch', party: 'community', recordedAtClose: true });
    const [row]: Array<{ status: string; breached_at: Date; due_at: Date }> = await t.db.query('SELECT status, breached_at, due_at FROM ticket_deadlines WHERE id = $1', [leg.id]);
    expect(row.status).toBe('met');
    expect(row.breached_at.getTime()).toBe(row.due_at.getTime());
    // The timeline (in order): report, overdue, dispatch.
    const timeline = ((await as.get('community', `/api/tickets/${id}`)).body.timeline as Array<{ action: string }>).map((e) => e.action);
    expect(timeline).toEqual(['report', 'overdue', 'dispatch']);
    // The job the worker queued before it went down, run late: the leg is closed, nothing happens.
    expect(await effects.fire(leg.id, due.next_event, due.next_event_at)).toBe('skipped');
    expect(await overdueEvents(id)).toHaveLength(1);
    // No overdue notice for a party that has just acted.
    expect(await notices(id)).toEqual([]);
  });

  it('a leg the worker already marked overdue gets no second event when it closes; a leg closed in time gets none', async () => {
    const marked = await report();
    const leg = await openLeg(marked, 'dispatch');
    const due = await backdate(leg.id, 600, 1);
    expect(await effects.fire(leg.id, 'warn', due.next_event_at)).toBe('fired'); // skip + breach, one overdue event
    await as.post('community', `/api/tickets/${marked}/dispatch`, { companyId: ids.org('saishang-wuye') });
    expect(await overdueEvents(marked)).toHaveLength(1);

    const onTime = await report();
    await as.post('community', `/api/tickets/${onTime}/dispatch`, { companyId: ids.org('saishang-wuye') });
    expect(await overdueEvents(onTime)).toEqual([]);
  });

  it('a late leg taken away by 吹哨 (cancelled) is recorded overdue too: the reports count it late', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    const accept = await openLeg(id, 'accept');
    await backdate(accept.id, 600, 30);
    const escalated = await as.post('community', `/api/tickets/${id}/escalate`, { departmentId: ids.org('urban-mgmt'), reason: '涉及占道施工，需城管处置' });
    expect(escalated.status).toBe(200);
    const events = await overdueEvents(id);
    expect(events.map((e) => e.data.leg)).toEqual(['accept']);
    expect(events[0]).toMatchObject({ from_status: 'dispatched', to_status: 'dispatched' });
    const [row]: Array<{ status: string }> = await t.db.query('SELECT status FROM ticket_deadlines WHERE id = $1', [accept.id]);
    expect(row.status).toBe('cancelled');
  });
});
