import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import IORedis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { WorkerModule } from '../src/worker/worker.module';
import { WorkerHost } from '../src/worker/worker-host.service';
import { makeDueDeadlines, overdueCounts, waitFor } from './support/clock-fixtures';

/**
 * The graceful counterpart of worker.e2e-spec's SIGKILL case: SIGTERM while a wave of deadlines is
 * firing must lose nothing and double nothing, and the worker must exit 0 on its own. Runs with
 * --runInBand beside worker.e2e-spec (both wipe and watch the same Redis database).
 */
// 'warn': a job that fails while the worker stops (say, its database closed under it) shows in the output.
const WORKER_ENV = { SWEEP_INTERVAL_MS: '300', LOG_LEVEL: 'warn', WORKER_CONCURRENCY: '16' };
const WAVE = 1500;

function spawnWorker(): { child: ChildProcess; output: () => string; exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }> } {
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'], {
    cwd: join(__dirname, '..'),
    env: { ...process.env, ...WORKER_ENV },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const keep = (c: Buffer) => (out = (out + c.toString()).slice(-6000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
    child.once('exit', (code, signal) => r({ code, signal, at: Date.now() })),
  );
  return { child, output: () => out, exited };
}

describe('deadline worker: SIGTERM mid-batch', () => {
  let db: DataSource;
  let redis: IORedis;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    db = new DataSource({ type: 'postgres', url: process.env.DATABASE_URL });
    await db.initialize();
    redis = new IORedis(process.env.REDIS_URL as string, { maxRetriesPerRequest: null });
    await redis.flushdb();
  });
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await db.destroy();
    await redis.quit();
  });

  it('stops taking jobs, finishes the running ones, exits 0; a fresh worker fires the rest: each exactly once', async () => {
    const { ticketIds } = await makeDueDeadlines(db, { count: WAVE, firstDueInMs: 5000, spreadMs: 2, tag: 'term' });
    const first = spawnWorker();
    children.push(first.child);
    // SIGTERM once part of the wave has fired, with jobs running and many more queued.
    await waitFor('part of the wave', () => overdueCounts(db, ticketIds), (c) => c.fired >= 200, 30_000).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${first.output()}`);
    });
    const active = await redis.llen('bull:deadlines:active');
    const sentAt = Date.now();
    first.child.kill('SIGTERM');
    const exit = await first.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - sentAt).toBeLessThan(10_000);
    const atStop = await overdueCounts(db, ticketIds);
    expect(atStop.fired).toBeLessThan(WAVE); // it really stopped mid-batch
    expect(atStop.doubled).toBe(0);
    // Nothing the stopping worker started is left stranded as active (its lock would have to expire).
    expect(await redis.llen('bull:deadlines:active')).toBe(0);

    expect(first.output()).not.toMatch(/failed/i);

    // The fresh worker (in this process: it starts faster than a second ts-node process).
    const second = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, ...WORKER_ENV, LOG_LEVEL: 'silent' })), { logger: false });
    try {
      await second.get(WorkerHost).start();
      const counts = await waitFor('the whole wave', () => overdueCounts(db, ticketIds), (c) => c.fired + c.doubled === WAVE, 30_000);
      expect(counts).toEqual({ fired: WAVE, doubled: 0, missing: 0 });
      const [notices]: Array<{ n: number }> = await db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1) AND kind = 'deadline_overdue'`,
        [ticketIds],
      );
      expect(notices.n).toBe(WAVE);
    } finally {
      await second.close();
    }
    console.log(`worker SIGTERM: ${atStop.fired} of ${WAVE} fired at the stop (${active} jobs active when signalled), exit ${exit.at - sentAt} ms after`);
  }, 60_000);
});
