import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { WorkerModule } from '../src/worker/worker.module';
import { WorkerHost } from '../src/worker/worker-host.service';
import { ReportRollupService } from '../src/reports/report-rollup.service';
import { makeDueDeadlines, overdueCounts, waitFor } from './support/clock-fixtures';
import { HistoryGenerator, loadWorld, mulberry32 } from './support/random-history';

const FAST = { SWEEP_INTERVAL_MS: '300', LOG_LEVEL: 'silent' };

async function startWorker(env: Record<string, string> = {}): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, ...FAST, ...env });
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
  await ctx.get(WorkerHost).start();
  return ctx;
}

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...FAST, LOG_LEVEL: 'error' },
    stdio: 'ignore',
  });
}

describe('deadline workers on real Redis and Postgres', () => {
  let db: DataSource;
  let redis: IORedis;

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await db.initialize();
    redis = new IORedis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    await redis.flushdb();
  });
  afterAll(async () => {
    await db.destroy();
    await redis.quit();
  });

  it('(c) a deadline fires within 1 s of its due time', async () => {
    const worker = await startWorker();
    try {
      // The target is the running worker's lag. The first firing after start also pays for opening
      // the pool's connections and the first run of every code path (over 1 s once under faketime
      // on a busy CI machine), so one deadline fires before the measured ones.
      const warm = await makeDueDeadlines(db, { count: 1, firstDueInMs: 500, tag: 'lagwarm' });
      await waitFor(
        'the warm-up breach',
        () => db.query(`SELECT 1 FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`, [warm.deadlineIds]) as Promise<unknown[]>,
        (r) => r.length === 1,
      );
      const { deadlineIds } = await makeDueDeadlines(db, { count: 20, firstDueInMs: 2500, spreadMs: 50, tag: 'lag' });
      const rows = await waitFor(
        'the 20 breaches',
        () => db.query(`SELECT extract(epoch FROM breached_at - due_at) * 1000 AS lag_ms FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`, [deadlineIds]) as Promise<Array<{ lag_ms: number }>>,
        (r) => r.length === 20,
      );
      const lags = rows.map((r) => Number(r.lag_ms));
      expect(Math.min(...lags)).toBeGreaterThanOrEqual(-250); // never early beyond the timer tolerance
      expect(Math.max(...lags)).toBeLessThan(1000);
    } finally {
      await worker.close();
    }
  });

  it('(a) 1,000 pending deadlines survive a Redis wipe and a worker restart: each fires exactly once', async () => {
    let worker = await startWorker();
    const { ticketIds } = await makeDueDeadlines(db, { count: 1000, firstDueInMs: 4000, spreadMs: 2, tag: 'flush' });
    // Let the sweep put them into Redis as delayed jobs, then lose all of Redis and the worker.
    await waitFor('jobs in Redis', () => redis.zcard('bull:deadlines:delayed'), (n) => n >= 1000);
    await worker.close();
    await redis.flushdb();
    expect(await redis.dbsize()).toBe(0);
    worker = await startWorker();
    try {
      const counts = await waitFor('all 1,000 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 1000, 45_000);
      expect(counts).toEqual({ fired: 1000, doubled: 0, missing: 0 });
      const [notices]: Array<{ n: number }> = await db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1) AND kind = 'deadline_overdue'`,
        [ticketIds],
      );
      expect(notices.n).toBe(1000); // the property manager of 宝湖物业, once per breached leg
    } finally {
      await worker.close();
    }
  }, 90_000);

  it('(d) two workers at once still fire every deadline exactly once', async () => {
    const [a, b] = await Promise.all([startWorker(), startWorker()]);
    try {
      const { ticketIds } = await makeDueDeadlines(db, { count: 300, firstDueInMs: 2000, spreadMs: 3, tag: 'twin' });
      const counts = await waitFor('all 300 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 300, 30_000);
      expect(counts).toEqual({ fired: 300, doubled: 0, missing: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 60_000);

  it('(b) a worker killed with SIGKILL mid-batch, then restarted: nothing lost, nothing doubled', async () => {
    const { ticketIds } = await makeDueDeadlines(db, { count: 600, firstDueInMs: 6000, spreadMs: 8, tag: 'kill' });
    const first = spawnWorker();
    try {
      // Kill it once it has done part of the wave, with jobs still queued and running.
      await waitFor('part of the wave', () => overdueCounts(db, ticketIds), (c) => c.fired >= 100, 40_000);
      first.kill('SIGKILL');
      await new Promise((r) => first.once('exit', r));
      const atKill = await overdueCounts(db, ticketIds);
      expect(atKill.fired).toBeLessThan(600);
    } finally {
      if (first.exitCode === null) first.kill('SIGKILL');
    }
    const second = spawnWorker();
    try {
      const counts = await waitFor('all 600 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 600, 60_000);
      expect(counts).toEqual({ fired: 600, doubled: 0, missing: 0 });
    } finally {
      // Graceful shutdown: SIGTERM ends the worker cleanly with exit code 0.
      const exited = new Promise<number | null>((r) => second.once('exit', (code) => r(code)));
      second.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  }, 120_000);

  it('(e) reports.rollup: the worker folds changed tickets into the rollups, also after Redis is wiped', async () => {
    // 2023: no other suite reads reports over it, so a background drain cannot race their comparisons.
    const gen = new HistoryGenerator(db, await loadWorld(db), mulberry32(2023), 2023, `wk${Date.now().toString(36)}-`);
    const rollupRows = (id: number) =>
      db.query(
        `SELECT coalesce(sum(received), 0)::int AS received FROM report_rollups r JOIN tickets t ON t.community_id = r.community_id
          WHERE t.id = $1 AND r.grain = 'day' AND r.dim = 'all' AND r.day = (t.created_at AT TIME ZONE 'Asia/Shanghai')::date`,
        [id],
      ) as Promise<Array<{ received: number }>>;
    const drained = (id: number) =>
      waitFor('the drain', async () => ({
        dirty: (await db.query('SELECT 1 FROM report_dirty_tickets WHERE ticket_id = $1', [id])).length,
        received: (await rollupRows(id))[0].received,
      }), (v) => v.dirty === 0 && v.received > 0, 50_000);
    // The suites run before this one in the same database (recovery, shutdown: hundreds of breached
    // tickets) leave their tickets marked; fold them in first, so the worker below is timed on this
    // test's tickets, not on a backlog whose size depends on which suites ran before.
    await new ReportRollupService(db).drainAll();
    const first = await gen.ticket(1);
    let worker = await startWorker({ REPORT_ROLLUP_INTERVAL_MS: '500' });
    try {
      await drained(first);
    } finally {
      await worker.close();
    }
    await redis.flushdb();
    const second = await gen.ticket(2);
    expect((await db.query('SELECT 1 FROM report_dirty_tickets WHERE ticket_id = $1', [second])).length).toBe(1);
    worker = await startWorker({ REPORT_ROLLUP_INTERVAL_MS: '500' });
    try {
      await drained(second);
    } finally {
      await worker.close();
    }
  }, 120_000);
});
