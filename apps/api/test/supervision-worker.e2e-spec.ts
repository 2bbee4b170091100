import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Queue } from 'bullmq';
import { loadConfig } from '../src/config/app-config';
import { noticeFireJobId } from '../src/worker/jobs';
import { redisOptions } from '../src/worker/redis-connection';
import { WorkerModule } from '../src/worker/worker.module';
import { WorkerHost } from '../src/worker/worker-host.service';
import { Actors } from './support/actors';
import { waitFor } from './support/clock-fixtures';
import { supervisionWorld } from './support/supervision-fixtures';
import { startApp, type TestApp } from './support/test-app';

async function startWorker(): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, SWEEP_INTERVAL_MS: '300', LOG_LEVEL: 'silent' });
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await ctx.get(WorkerHost).start();
  return ctx;
}

/**
 * 督导通知 deadlines through the real worker: the sweep queues the notice, the job claims the row,
 * exactly once with two workers, and a job lost from Redis is queued again from the row. Runs in
 * band with the other worker suites (scripts/test.mjs: the name ends in worker.e2e-spec), since its
 * workers fire every due row of the shared database.
 */
describe('supervision notices through the real worker', () => {
  let t: TestApp;
  let as: Actors;
  let w: Awaited<ReturnType<typeof supervisionWorld>>;
  const tag = `w${Date.now().toString(36)}`;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    w = await supervisionWorld(t, tag);
  });
  afterAll(() => t.close());

  const trail = async (noticeId: number) =>
    ((await t.db.query(`SELECT kind FROM company_trail WHERE notice_id = $1 ORDER BY id`, [noticeId])) as Array<{ kind: string }>).map((r) => r.kind);
  const status = async (id: number) => ((await t.db.query(`SELECT status FROM supervision_notices WHERE id = $1`, [id])) as Array<{ status: string }>)[0].status;
  const dueIn = (noticeId: number, ms: number) =>
    t.db.query(`UPDATE supervision_notices SET due_at = now() + make_interval(secs => $2 / 1000.0), next_event_at = now() + make_interval(secs => $2 / 1000.0) WHERE id = $1`, [noticeId, ms]);
  /** Issued by the street, answered, rejected: the deadline runs again. */
  const rejectedNotice = async () => {
    const res = await as.post('street', '/api/supervision/notices', {
      organizationId: w.oldCo, compoundId: w.compoundId, problem: '垃圾清运不及时，居民多次投诉', expected: '每日清运并提交台账', workingDays: 2,
    });
    expect(res.status).toBe(201);
    const id = res.body.id as number;
    expect((await as.post(w.oldPm, `/api/supervision/notices/${id}/answers`, { body: '已增加清运频次' })).status).toBe(201);
    expect((await as.post('street', `/api/supervision/notices/${id}/verification`, { verdict: 'rejected', reason: '现场仍有积存垃圾' })).status).toBe(200);
    return id;
  };

  it('two workers: a rejected notice past its deadline is marked overdue once, then 督办 street → district once', async () => {
    const id = await rejectedNotice();
    await dueIn(id, 1500);
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    try {
      await waitFor('overdue', () => status(id), (s) => s === 'overdue', 20_000);
      // 督办 is due one working day later: bring it forward instead of waiting a day.
      await t.db.query(`UPDATE supervision_notices SET next_event_at = now() + interval '1 second' WHERE id = $1`, [id]);
      await waitFor('escalated', async () => (await t.db.query(`SELECT escalation_level FROM supervision_notices WHERE id = $1`, [id]))[0].escalation_level, (l) => l === 2, 20_000);
      await new Promise((r) => setTimeout(r, 1500)); // both workers sweep a few more times
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
    const kinds = await trail(id);
    expect(kinds.filter((k) => k === 'notice_overdue')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'notice_escalated')).toHaveLength(1);
    const [done]: Array<{ next_event: string | null; status: string }> = await t.db.query(`SELECT next_event, status FROM supervision_notices WHERE id = $1`, [id]);
    expect(done).toEqual({ next_event: null, status: 'overdue' });
    const notes: Array<{ username: string; dedupe_key: string }> = await t.db.query(
      `SELECT u.username, n.dedupe_key FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.dedupe_key LIKE $1 AND n.dedupe_key NOT LIKE '%:issued' AND n.dedupe_key NOT LIKE '%:answer:%' AND n.dedupe_key NOT LIKE '%:verdict:%' ORDER BY 1, 2`,
      [`notice:${id}:%`],
    );
    // Once each: the company at overdue, the street desk at level 1, the district's supervisor at 督办.
    expect(notes).toEqual(expect.arrayContaining([
      { username: w.oldPm, dedupe_key: `notice:${id}:overdue` },
      { username: 'street', dedupe_key: `notice:${id}:escalate:1` },
      { username: 'supervisor', dedupe_key: `notice:${id}:escalate:2` },
    ]));
    expect(new Set(notes.map((n) => `${n.username} ${n.dedupe_key}`)).size).toBe(notes.length);
  }, 60_000);

  it('a job lost from Redis is queued again by the next sweep and fires once', async () => {
    const id = await rejectedNotice();
    await dueIn(id, 4000);
    const [{ next_event_at: at }]: Array<{ next_event_at: Date }> = await t.db.query(`SELECT next_event_at FROM supervision_notices WHERE id = $1`, [id]);
    const queue = new Queue('deadlines', { connection: redisOptions(process.env.REDIS_URL as string, 'worker') });
    try {
      let worker = await startWorker();
      await waitFor('queued', async () => (await queue.getJob(noticeFireJobId(id, 'overdue', at))) !== undefined, (q) => q, 10_000);
      await worker.close();
      await queue.remove(noticeFireJobId(id, 'overdue', at));
      expect(await queue.getJob(noticeFireJobId(id, 'overdue', at))).toBeUndefined();
      worker = await startWorker();
      try {
        await waitFor('overdue', () => status(id), (s) => s === 'overdue', 20_000);
      } finally {
        await worker.close();
      }
    } finally {
      await queue.close();
    }
    expect((await trail(id)).filter((k) => k === 'notice_overdue')).toHaveLength(1);
  }, 60_000);
});
