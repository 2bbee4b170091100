import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { DeadlineEffects } from '../src/deadlines/deadline-effects.service';
import { DeadlineSweep } from '../src/deadlines/deadline-sweep.service';
import { WorkerModule } from '../src/worker/worker.module';
import { fireJobId, QUEUES } from '../src/worker/jobs';
import { redisOptions } from '../src/worker/redis-connection';
import { makeDueDeadlines } from './support/clock-fixtures';

/**
 * The incremental deadline sweep (issue #14) on real PostgreSQL and Redis: a pass reads only rows
 * that changed since the previous pass or came into the horizon, and re-reads the whole horizon
 * after Redis lost its jobs. The sweep's clock is injected and set in 2001, so only this file's legs
 * fall in its horizon or its backlog (the other suites' legs are due around today). No worker runs:
 * the jobs stay in Redis, where the test looks for them by their deterministic ids. Runs in band
 * with the worker suites (it wipes the same Redis database).
 */
const T0 = Date.parse('2001-03-01T00:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const S = 1000;
const MIN = 60 * S;

describe('the incremental deadline sweep', () => {
  const config = loadConfig(process.env);
  let db: DataSource;
  let redis: IORedis;
  let deadlines: Queue;
  let notifications: Queue;
  let worker: INestApplicationContext;
  let effects: DeadlineEffects;
  let tags = 0;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await db.initialize();
    redis = new IORedis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    deadlines = new Queue(QUEUES.deadlines, { connection: redisOptions(config.REDIS_URL, 'worker') });
    notifications = new Queue(QUEUES.notifications, { connection: redisOptions(config.REDIS_URL, 'worker') });
    // The worker's services, not started: no BullMQ worker takes the jobs this file queues.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })), { logger: false });
    effects = worker.get(DeadlineEffects);
  });
  beforeEach(async () => {
    await redis.flushdb();
  });
  // Each test sees only its own legs in 2001; nothing of this file stays open for a later worker to fire.
  afterEach(async () => {
    await db.query(`UPDATE ticket_deadlines SET status = 'cancelled', next_event = NULL, next_event_at = NULL WHERE next_event_at < '2002-01-01' AND status = 'open'`);
  });
  afterAll(async () => {
    await worker.close();
    await Promise.all([deadlines.close(), notifications.close()]);
    await redis.flushdb();
    await redis.quit();
    await db.destroy();
  });

  interface Leg {
    id: string;
    ticketId: number;
  }

  /** Open accept legs whose breach is due at the given offsets from T0. */
  async function legsDue(...offsets: number[]): Promise<Leg[]> {
    const made = await makeDueDeadlines(db, { count: offsets.length, firstDueInMs: 3_600_000, tag: `sweep${Date.now().toString(36)}${tags++}` });
    await moveTo(made.deadlineIds, offsets);
    return made.deadlineIds.map((id, i) => ({ id, ticketId: made.ticketIds[i] }));
  }

  function moveTo(ids: string[], offsets: number[], q: { query: DataSource['query'] } = db): Promise<unknown> {
    return q.query(
      `UPDATE ticket_deadlines d SET due_at = m.at, next_event_at = m.at
         FROM (SELECT unnest($1::bigint[]) AS id, unnest($2::timestamptz[]) AS at) m WHERE d.id = m.id`,
      [ids, offsets.map((o) => at(o))],
    );
  }

  const queued = async (leg: Leg, offset: number) => (await deadlines.getJob(fireJobId(leg.ticketId, leg.id, 'breach', at(offset)))) !== undefined;
  const pass = (sweep: DeadlineSweep, offset: number) => sweep.run(deadlines, notifications, at(offset));

  it('reads the horizon once, then only what comes into it: a pass with nothing new reads no row', async () => {
    const [soon, later] = await legsDue(30 * S, 5 * MIN);
    const sweep = new DeadlineSweep(db, config);
    const first = await pass(sweep, 0);
    expect(first).toMatchObject({ fullPass: true, rowsRead: 1, deadlines: 1 });
    expect(await queued(soon, 30 * S)).toBe(true);
    expect(await queued(later, 5 * MIN)).toBe(false);
    // Nothing changed, nothing came into the horizon: no row read.
    for (const t of [2 * S, 4 * S, 6 * S]) expect(await pass(sweep, t)).toMatchObject({ fullPass: false, rowsRead: 0, deadlines: 0, backlog: 0 });
    // `soon` fired (a worker would have); `later` comes into the 60 s horizon after 4 min: read
    // once, on the pass that reaches it.
    await db.query(`UPDATE ticket_deadlines SET status = 'met', closed_at = now(), next_event = NULL, next_event_at = NULL WHERE id = $1`, [soon.id]);
    expect(await pass(sweep, 4 * MIN + 10 * S)).toMatchObject({ rowsRead: 1, deadlines: 1 });
    expect(await queued(later, 5 * MIN)).toBe(true);
    expect(await pass(sweep, 4 * MIN + 12 * S)).toMatchObject({ rowsRead: 0 });
  });

  it('a deadline moved into the window already covered is queued at its new time, and fires once', async () => {
    const [leg] = await legsDue(10 * MIN);
    const sweep = new DeadlineSweep(db, config);
    await pass(sweep, 0); // covers up to T0 + 60 s
    await pass(sweep, 2 * S);
    await moveTo([leg.id], [20 * S]); // into (T0, T0 + 62 s], which no time window reads again
    expect(await pass(sweep, 4 * S)).toMatchObject({ rowsRead: 1, deadlines: 1 });
    expect(await queued(leg, 20 * S)).toBe(true);
    expect(await pass(sweep, 6 * S)).toMatchObject({ rowsRead: 0 });
    // The job, run at its time and again (a retry, a second worker), breaches the leg once.
    expect(await effects.fire(leg.id, 'breach', at(20 * S), at(20 * S))).toBe('fired');
    expect(await effects.fire(leg.id, 'breach', at(20 * S), at(20 * S))).toBe('skipped');
    const [{ n }]: Array<{ n: number }> = await db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'overdue'`, [leg.ticketId]);
    expect(n).toBe(1);
  });

  it('a row written by a transaction that began before a pass and committed after it is read by the next pass', async () => {
    const [slow, quick] = await legsDue(10 * MIN, 10 * MIN);
    const sweep = new DeadlineSweep(db, config);
    await pass(sweep, 0);
    const writer = db.createQueryRunner();
    await writer.connect();
    try {
      await writer.startTransaction();
      await moveTo([slow.id], [30 * S], writer); // its transaction id is taken now, before the pass
      // A later transaction that commits at once: a watermark of "highest id or time seen" would
      // pass over the slow one, still uncommitted, for good.
      await moveTo([quick.id], [40 * S]);
      const during = await pass(sweep, 2 * S);
      expect(during).toMatchObject({ rowsRead: 1 });
      expect(await queued(quick, 40 * S)).toBe(true);
      expect(await queued(slow, 30 * S)).toBe(false); // not committed: invisible
      await writer.commitTransaction();
    } finally {
      if (writer.isTransactionActive) await writer.rollbackTransaction();
      await writer.release();
    }
    expect(await pass(sweep, 4 * S)).toMatchObject({ rowsRead: 1, deadlines: 1 });
    expect(await queued(slow, 30 * S)).toBe(true);
    expect(await pass(sweep, 6 * S)).toMatchObject({ rowsRead: 0 });
  });

  it('after Redis is wiped the next pass re-reads and re-queues the whole horizon', async () => {
    const [a, b] = await legsDue(20 * S, 50 * S);
    const sweep = new DeadlineSweep(db, config);
    expect(await pass(sweep, 0)).toMatchObject({ fullPass: true, rowsRead: 2 });
    expect(await pass(sweep, 2 * S)).toMatchObject({ fullPass: false, rowsRead: 0 });
    await redis.flushdb(); // FLUSHALL on a private server; this database only here
    expect(await queued(a, 20 * S)).toBe(false);
    expect(await pass(sweep, 4 * S)).toMatchObject({ fullPass: true, rowsRead: 2, deadlines: 2 });
    expect(await queued(a, 20 * S)).toBe(true);
    expect(await queued(b, 50 * S)).toBe(true);
    expect(await pass(sweep, 6 * S)).toMatchObject({ fullPass: false, rowsRead: 0 });
    // A Redis that came back (the worker's reconnect handler says so): a full pass too.
    sweep.forget();
    expect(await pass(sweep, 8 * S)).toMatchObject({ fullPass: true, rowsRead: 2 });
  });

  it('keeps the backlog slice: overdue legs are fed as prioritized jobs, on-time ones as delayed', async () => {
    const [late, onTime] = await legsDue(-10 * MIN, 30 * S);
    const sweep = new DeadlineSweep(db, config);
    const r = await pass(sweep, 0);
    expect(r).toMatchObject({ deadlines: 1, backlog: 1, rowsRead: 2 });
    const lateJob = await deadlines.getJob(fireJobId(late.ticketId, late.id, 'breach', at(-10 * MIN)));
    const onTimeJob = await deadlines.getJob(fireJobId(onTime.ticketId, onTime.id, 'breach', at(30 * S)));
    expect(lateJob?.opts.priority).toBe(1);
    expect(onTimeJob?.opts.priority ?? 0).toBe(0);
  });
});
