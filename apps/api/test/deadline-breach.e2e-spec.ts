import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { DeadlineEffects, type FireResult } from '../src/deadlines/deadline-effects.service';
import type { DeadlineEvent } from '../src/deadlines/ticket-deadline.entity';
import { WorkerModule } from '../src/worker/worker.module';
import { makeDueDeadlines } from './support/clock-fixtures';

/**
 * A breach in one statement (breach.sql.ts, issue #14): the same rows as the step-by-step path,
 * exactly once under retries and concurrent workers, one round trip. The clock is injected: every
 * leg is due at a fixed instant and fired "at" it.
 */
const DUE = new Date('2031-05-06T07:08:09.123Z');
type Party = 'company' | 'community' | 'department';

describe('a breach in one statement', () => {
  let db: DataSource;
  let worker: INestApplicationContext;
  let effects: DeadlineEffects;
  let tags = 0;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await db.initialize();
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })), { logger: false });
    effects = worker.get(DeadlineEffects);
  });
  afterAll(async () => {
    // Legs of this file left open (escalation due in 2031) must not be fired by a later suite's worker.
    await db.query(`UPDATE ticket_deadlines SET status = 'cancelled', next_event = NULL, next_event_at = NULL WHERE due_at = $1 AND status = 'open'`, [DUE]);
    await worker.close();
    await db.destroy();
  });

  async function dueLegs(count: number, party: Party): Promise<Array<{ id: string; ticketId: number }>> {
    const made = await makeDueDeadlines(db, { count, firstDueInMs: 3_600_000, party, tag: `br${Date.now().toString(36)}${tags++}` });
    await db.query(`UPDATE ticket_deadlines SET due_at = $2, next_event_at = $2 WHERE id = ANY($1::bigint[])`, [made.deadlineIds, DUE]);
    return made.deadlineIds.map((id, i) => ({ id, ticketId: made.ticketIds[i] }));
  }

  /** Everything a breach writes for one leg, with the leg's and ticket's own numbers taken out. */
  async function written(leg: { id: string; ticketId: number }) {
    const [d]: Array<Record<string, unknown>> = await db.query(
      `SELECT status, escalation_level, next_event, next_event_at, breached_at, warned_at, warn_skipped_at FROM ticket_deadlines WHERE id = $1`,
      [leg.id],
    );
    const [{ no }]: Array<{ no: string }> = await db.query(`SELECT no FROM tickets WHERE id = $1`, [leg.ticketId]);
    const events: Array<Record<string, unknown>> = await db.query(
      `SELECT action, from_status, to_status, actor_id, actor_role, note, data FROM ticket_events WHERE ticket_id = $1 AND action <> 'report' ORDER BY id`,
      [leg.ticketId],
    );
    const notices: Array<Record<string, unknown>> = await db.query(
      `SELECT user_id, kind, title, replace(body, $2, '<no>') AS body, regexp_replace(dedupe_key, '^escalate:' || $3 || ':', 'escalate:<id>:') AS dedupe_key, push_status, push_template, read_at
         FROM notifications WHERE ticket_id = $1 ORDER BY user_id`,
      [leg.ticketId, no, leg.id],
    );
    return { deadline: d, events, notices };
  }

  const stepByStep = (id: string, event: DeadlineEvent, at: Date, now: Date): Promise<FireResult> =>
    (effects as unknown as { stepByStep: (...a: unknown[]) => Promise<FireResult> }).stepByStep(id, event, at, now);

  it.each<Party>(['company', 'community', 'department'])('writes the same rows as the step-by-step path (%s leg)', async (party) => {
    const [one, reference] = await dueLegs(2, party);
    const now = new Date(DUE.getTime() + 40);
    expect(await effects.fire(one.id, 'breach', DUE, now)).toBe('fired');
    expect(await stepByStep(reference.id, 'breach', DUE, now)).toBe('fired');
    const [a, b] = [await written(one), await written(reference)];
    expect(a).toEqual(b);
    // And what that is: overdue, 督办 level 1, the next level after the policy's 600 minutes, notices.
    expect(a.deadline).toMatchObject({ escalation_level: 1, next_event: 'escalate', breached_at: now, next_event_at: new Date(now.getTime() + 600 * 60_000) });
    expect(a.events).toEqual([expect.objectContaining({ action: 'overdue', actor_role: 'system', data: expect.objectContaining({ dueAt: DUE.toISOString(), party }) })]);
    // The demo data has no staff for the fixtures' community; a company or department leg has its desk.
    if (party !== 'community') expect(a.notices.length).toBeGreaterThan(0);
    for (const n of a.notices) expect(n).toMatchObject({ kind: 'deadline_overdue', body: `工单 <no> 的${party === 'community' ? '派单' : '接单'}已于 2031-05-06 15:08 超期。`, dedupe_key: 'escalate:<id>:1' });
  });

  it('run by six workers at once and retried, a breach writes each row once', async () => {
    const [leg] = await dueLegs(1, 'company');
    const now = new Date(DUE.getTime() + 5);
    const results = await Promise.all(Array.from({ length: 6 }, () => effects.fire(leg.id, 'breach', DUE, now)));
    expect(results.filter((r) => r === 'fired')).toHaveLength(1);
    expect(results.filter((r) => r === 'skipped')).toHaveLength(5);
    expect(await effects.fire(leg.id, 'breach', DUE, new Date(now.getTime() + 1000))).toBe('skipped'); // a late retry
    const w = await written(leg);
    expect(w.events).toHaveLength(1);
    expect(w.deadline).toMatchObject({ escalation_level: 1, next_event: 'escalate' });
    const users = w.notices.map((n) => n.user_id);
    expect(users.length).toBeGreaterThan(0);
    expect(new Set(users).size).toBe(users.length); // one notice per recipient
  });

  it('is one round trip to the database', async () => {
    const [leg] = await dueLegs(1, 'company');
    await db.query('SELECT 1'); // the worker's pool is warm in production
    await effects.fire('0', 'breach', DUE, DUE); // no such leg: warms this process's pool too
    const query = jest.spyOn(Client.prototype, 'query');
    try {
      expect(await effects.fire(leg.id, 'breach', DUE, DUE)).toBe('fired');
      expect(query).toHaveBeenCalledTimes(1);
    } finally {
      query.mockRestore();
    }
  });

  it('leaves survey legs to the step-by-step path: the visit task still comes', async () => {
    const [leg] = await dueLegs(1, 'company');
    await db.query(`UPDATE tickets SET status = 'resolved' WHERE id = $1`, [leg.ticketId]);
    await db.query(`UPDATE ticket_deadlines SET leg = 'survey', party = 'resident' WHERE id = $1`, [leg.id]);
    expect(await effects.fire(leg.id, 'breach', DUE, DUE)).toBe('fired');
    const tasks: unknown[] = await db.query(`SELECT 1 FROM visit_tasks WHERE survey_deadline_id = $1`, [leg.id]);
    expect(tasks).toHaveLength(1);
    const [d]: Array<{ status: string }> = await db.query(`SELECT status FROM ticket_deadlines WHERE id = $1`, [leg.id]);
    expect(d.status).toBe('cancelled');
  });
});
