import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import type { INestApplicationContext, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { WorkerModule } from '../src/worker/worker.module';
import { WorkerHost } from '../src/worker/worker-host.service';
import { makeDueDeadlines, overdueCounts, waitFor } from './support/clock-fixtures';

/**
 * Issue #17, "recover by itself": the worker keeps firing through a wiped Redis (FLUSHDB of the test
 * database) and through a Redis restarted without persistence (a private redis-server, killed and
 * started again on the same port), without being restarted itself; it starts while Redis is away;
 * a backlog of overdue legs never holds up a deadline that comes due while it drains.
 */
const FAST = { SWEEP_INTERVAL_MS: '300', REPORT_ROLLUP_INTERVAL_MS: '500' };

interface Line {
  level: string;
  message: string;
}

/** A Nest logger that keeps every line with its level, so a test can read what the worker said. */
class CapturingLogger implements LoggerService {
  readonly lines: Line[] = [];
  private add = (level: string) => (message: unknown) => void this.lines.push({ level, message: typeof message === 'string' ? message : JSON.stringify(message) });
  log = this.add('log');
  error = this.add('error');
  warn = this.add('warn');
  debug = this.add('debug');
  verbose = this.add('verbose');
  fatal = this.add('fatal');
}

async function startWorker(env: Record<string, string> = {}, logger: LoggerService | false = false): Promise<INestApplicationContext> {
  const config = loadConfig({ ...process.env, ...FAST, LOG_LEVEL: 'silent', ...env });
  const ctx = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger });
  await ctx.get(WorkerHost).start();
  return ctx;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** A private redis-server without persistence, so it can be killed and restarted empty. */
class PrivateRedis {
  private child: ChildProcess | null = null;
  constructor(readonly port: number) {}
  get url() {
    return `redis://127.0.0.1:${this.port}/0`;
  }
  async start(): Promise<void> {
    // Without the fake-clock matrix's libfaketime: redis-server hangs under it (its Redis runs unfaked too).
    const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore', env });
    const probe = new IORedis(this.port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    try {
      await waitFor('redis-server', () => probe.connect().then(() => probe.ping(), () => 'down'), (r) => r === 'PONG', 10_000);
    } finally {
      probe.disconnect();
    }
  }
  async kill(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
  }
}

describe('the worker recovers by itself from Redis faults', () => {
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

  it('FLUSHDB while deadlines are due: they fire within 15 s, exactly once, and the job schedulers come back', async () => {
    const worker = await startWorker();
    try {
      await waitFor('the schedulers', () => redis.zrange('bull:reports:repeat', 0, -1), (ids) => ids.includes('reports-rollup') && ids.includes('quarter-lists'));
      const { ticketIds } = await makeDueDeadlines(db, { count: 300, firstDueInMs: 2500, spreadMs: 5, tag: 'wipe' });
      await waitFor('jobs in Redis', () => redis.zcard('bull:deadlines:delayed'), (n) => n >= 300);
      await redis.flushdb();
      const wipedAt = Date.now();
      const counts = await waitFor('all 300 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 300, 15_000);
      expect(counts).toEqual({ fired: 300, doubled: 0, missing: 0 });
      // The reports' drain and the quarterly cron are back in Redis too, within 10 s of the wipe.
      const ids = await waitFor('the schedulers again', () => redis.zrange('bull:reports:repeat', 0, -1), (r) => r.includes('reports-rollup') && r.includes('quarter-lists'), 10_000);
      expect(ids).toEqual(expect.arrayContaining(['reports-rollup', 'quarter-lists']));
      expect(Date.now() - wipedAt).toBeLessThan(15_000);
    } finally {
      await worker.close();
    }
  }, 60_000);

  it('a job whose key vanished mid-run ("Missing key/lock for job") is a warning with its reason, not an error; its effect counts once', async () => {
    await redis.flushdb();
    const logger = new CapturingLogger();
    const worker = await startWorker({}, logger);
    const { ticketIds, deadlineIds } = await makeDueDeadlines(db, { count: 1, firstDueInMs: 1500, tag: 'lost' });
    // Hold the leg's row: its job starts, claims the row and waits on our lock while we wipe Redis.
    const holder = db.createQueryRunner();
    await holder.connect();
    await holder.startTransaction();
    try {
      await holder.query('SELECT 1 FROM ticket_deadlines WHERE id = $1 FOR UPDATE', [deadlineIds[0]]);
      await waitFor('the job running', () => redis.llen('bull:deadlines:active'), (n) => n === 1, 15_000);
      await redis.flushdb();
      await holder.commitTransaction();
      const lost = await waitFor('the lost job reported', async () => logger.lines.filter((l) => /Missing (key|lock) for job/.test(l.message)), (l) => l.length > 0, 15_000);
      expect(lost[0].level).toBe('warn');
      expect(lost[0].message).toMatch(/Redis lost a running job .*harmless/);
      expect(await waitFor('the breach', () => overdueCounts(db, ticketIds), (c) => c.fired === 1)).toEqual({ fired: 1, doubled: 0, missing: 0 });
      // Let the sweep re-queue the still-open row a few times: the claim keeps it at one effect.
      await new Promise((r) => setTimeout(r, 1500));
      expect(await overdueCounts(db, ticketIds)).toEqual({ fired: 1, doubled: 0, missing: 0 });
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      if (holder.isTransactionActive) await holder.rollbackTransaction();
      await holder.release();
      await worker.close();
    }
  }, 60_000);

  describe('on a private redis-server', () => {
    let server: PrivateRedis;
    beforeAll(async () => {
      server = new PrivateRedis(await freePort());
    });
    afterAll(async () => {
      await server.kill();
    });

    it('Redis killed and restarted empty on the same port: firing resumes without a worker restart, exactly once', async () => {
      await server.start();
      const worker = await startWorker({ REDIS_URL: server.url });
      try {
        const { ticketIds } = await makeDueDeadlines(db, { count: 200, firstDueInMs: 6000, spreadMs: 5, tag: 'rst' });
        const probe = new IORedis(server.url, { maxRetriesPerRequest: null });
        try {
          await waitFor('jobs in Redis', () => probe.zcard('bull:deadlines:delayed'), (n) => n >= 200);
        } finally {
          probe.disconnect();
        }
        await server.kill();
        // Down for a moment; the deadlines come due while Redis is away or just after it returns.
        await new Promise((r) => setTimeout(r, 1000));
        await server.start();
        const counts = await waitFor('all 200 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 200, 15_000);
        expect(counts).toEqual({ fired: 200, doubled: 0, missing: 0 });
        // And a deadline that comes due after the restart fires on time again.
        const later = await makeDueDeadlines(db, { count: 5, firstDueInMs: 2500, spreadMs: 10, tag: 'rst2' });
        const rows = await waitFor(
          'the later ones',
          () => db.query(`SELECT extract(epoch FROM breached_at - due_at) * 1000 AS lag_ms FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`, [later.deadlineIds]) as Promise<Array<{ lag_ms: number }>>,
          (r) => r.length === 5,
        );
        expect(Math.max(...rows.map((r) => Number(r.lag_ms)))).toBeLessThan(1000);
      } finally {
        await worker.close();
      }
    }, 60_000);

    it('a worker started while Redis is down starts at once and fires what is due once Redis is up', async () => {
      await server.kill();
      const { ticketIds } = await makeDueDeadlines(db, { count: 50, firstDueInMs: -60_000, spreadMs: 10, tag: 'down' });
      const started = await Promise.race([
        startWorker({ REDIS_URL: server.url }),
        new Promise<'hung'>((r) => setTimeout(() => r('hung'), 10_000)),
      ]);
      expect(started).not.toBe('hung');
      const worker = started as INestApplicationContext;
      try {
        expect((await overdueCounts(db, ticketIds)).fired).toBe(0);
        await server.start();
        const counts = await waitFor('all 50 fired', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === 50, 15_000);
        expect(counts).toEqual({ fired: 50, doubled: 0, missing: 0 });
      } finally {
        await worker.close();
      }
    }, 60_000);
  });

  it('a backlog of overdue legs never holds up a deadline that comes due while it drains; nothing fires twice', async () => {
    await redis.flushdb();
    // 4,000 legs overdue by a minute (the worker was down), and 20 that come due 3 s after it starts.
    const backlog = await makeDueDeadlines(db, { count: 4000, firstDueInMs: -60_000, spreadMs: 1, tag: 'blog' });
    const worker = await startWorker();
    try {
      const onTime = await makeDueDeadlines(db, { count: 20, firstDueInMs: 3000, spreadMs: 50, tag: 'ontime' });
      const rows = await waitFor(
        'the 20 on-time breaches',
        () => db.query(`SELECT extract(epoch FROM breached_at - due_at) * 1000 AS lag_ms FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`, [onTime.deadlineIds]) as Promise<Array<{ lag_ms: number }>>,
        (r) => r.length === 20,
      );
      // They fired while the backlog was still draining: they did not queue behind it (the old FIFO did).
      const atOnTime = await overdueCounts(db, backlog.ticketIds);
      expect(atOnTime.missing).toBeGreaterThan(0);
      const lags = rows.map((r) => Number(r.lag_ms)).sort((a, b) => a - b);
      expect(lags[Math.floor(lags.length / 2)]).toBeLessThan(1000);
      expect(lags[lags.length - 1]).toBeLessThan(3000);
      // The backlog keeps draining, each leg once.
      const later = await waitFor('more of the backlog', () => overdueCounts(db, backlog.ticketIds), (c) => c.fired >= atOnTime.fired + 200, 60_000);
      expect(later.doubled).toBe(0);
    } finally {
      await worker.close();
      // What is left of the backlog must not keep a later suite's worker busy.
      await db.query(`UPDATE ticket_deadlines SET status = 'cancelled', next_event = NULL, next_event_at = NULL WHERE id = ANY($1) AND status = 'open'`, [backlog.deadlineIds]);
    }
    expect((await overdueCounts(db, backlog.ticketIds)).doubled).toBe(0);
  }, 120_000);
});
