/**
 * `pnpm bench worker-recovery` — issue #17: how fast the worker gets back to firing on time.
 *
 *   1. restart with a backlog: B legs overdue by a minute (the worker was down) and 20 that come due
 *      4 s after the worker is spawned (`node dist/worker.js`, the production build). Printed: spawn →
 *      first breach committed (the target is ≤ 5 s), the 20 on-time legs' lag while the backlog
 *      drains (target < 1 s), and how long the backlog takes to drain (legs per second);
 *   2. FLUSHDB mid-wave: W legs due over the next 20 s, queued as delayed jobs, then the Redis
 *      database is wiped under the running worker. Printed: the lag of the legs due in each 5 s
 *      after the wipe (target: back under 1 s within 15 s);
 *   3. exactly-once: one overdue event per leg, for every leg of both phases.
 *
 * A throwaway database (migrated, seeded) and a Redis database of its own (--redis-db, default 14),
 * flushed. Options: --backlog N (5000), --wave N (1000), --redis-db N. Exit code 0 whenever the run
 * completes (targets missed print FAIL).
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import IORedis from 'ioredis';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { makeDueDeadlines, overdueCounts } from '../test/support/clock-fixtures';

const API_DIR = resolve(__dirname, '..');
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL ✗');

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} expects a whole number`);
  return n;
}

async function until<T>(probe: () => Promise<T>, done: (v: T) => boolean, timeoutMs: number, pollMs = 50): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (done(v)) return v;
    await sleep(pollMs);
  }
  return null;
}

async function lags(db: DataSource, deadlineIds: string[]): Promise<Array<{ due: number; lag: number }>> {
  const rows: Array<{ due_ms: string; lag_ms: string }> = await db.query(
    `SELECT extract(epoch FROM due_at) * 1000 AS due_ms, extract(epoch FROM breached_at - due_at) * 1000 AS lag_ms
       FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`,
    [deadlineIds],
  );
  return rows.map((r) => ({ due: Number(r.due_ms), lag: Number(r.lag_ms) }));
}

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] : NaN;
};

async function main(): Promise<void> {
  const backlogN = option('--backlog', 5000);
  const waveN = option('--wave', 1000);
  const redisDb = option('--redis-db', 14);
  const entry = existsSync(join(API_DIR, 'dist/worker.js')) ? ['dist/worker.js'] : ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'];
  console.log(`\n红管家 worker recovery — ${entry[0]} (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)})`);
  const url = withDatabaseName(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/red_butler', `rb_bench_recovery_${randomBytes(4).toString('hex')}`);
  const redisUrl = new URL(process.env.REDIS_URL || 'redis://127.0.0.1:6379');
  redisUrl.pathname = `/${redisDb}`;
  await migrate(url);
  const db = createDataSource(url);
  await db.initialize();
  await seed(db, readSeedFile());
  const redis = new IORedis(redisUrl.toString(), { maxRetriesPerRequest: null });
  await redis.flushdb();
  let worker: ChildProcess | null = null;
  try {
    // ── 1. restart with a backlog ──
    const backlog = await makeDueDeadlines(db, { count: backlogN, firstDueInMs: -60_000, spreadMs: 1, tag: 'bb' });
    const spawnedAt = Date.now();
    const onTime = await makeDueDeadlines(db, { count: 20, firstDueInMs: 4000, spreadMs: 50, tag: 'bo' });
    worker = spawn(process.execPath, entry, {
      cwd: API_DIR,
      env: { ...process.env, DATABASE_URL: url, REDIS_URL: redisUrl.toString(), WORKER_HEALTH_PORT: '0', LOG_LEVEL: 'error', NODE_ENV: 'development' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const first = await until(() => db.query(`SELECT count(*)::int AS n FROM ticket_deadlines WHERE id = ANY($1) AND breached_at IS NOT NULL`, [backlog.deadlineIds]) as Promise<Array<{ n: number }>>, (r) => r[0].n > 0, 60_000);
    const firstMs = first ? Date.now() - spawnedAt : NaN;
    const onTimeDone = await until(() => lags(db, onTime.deadlineIds), (r) => r.length === 20, 60_000, 100);
    const onTimeLags = (onTimeDone ?? []).map((r) => r.lag);
    const drained = await until(() => overdueCounts(db, backlog.ticketIds), (c) => c.fired + c.doubled === backlogN, 600_000, 200);
    const drainMs = Date.now() - spawnedAt;
    console.log(`  spawn → first backlog breach committed: ${firstMs.toFixed(0)} ms  (≤ 5,000 ms) ${verdict(firstMs <= 5000)}`);
    console.log(`  20 legs due 4 s after spawn, during the drain: lag p50 ${pct(onTimeLags, 50).toFixed(0)} ms, max ${pct(onTimeLags, 100).toFixed(0)} ms  (< 1,000 ms) ${verdict(pct(onTimeLags, 100) < 1000)}`);
    console.log(`  backlog of ${backlogN.toLocaleString('en-US')} drained ${drained ? `in ${(drainMs / 1000).toFixed(1)} s (${((backlogN / drainMs) * 1000).toFixed(0)} legs/s)` : 'NOT within 10 min ✗'}`);

    // ── 2. FLUSHDB mid-wave ──
    const wave = await makeDueDeadlines(db, { count: waveN, firstDueInMs: 3000, spreadMs: Math.max(1, Math.floor(20_000 / waveN)), tag: 'bw' });
    await until(() => redis.zcard('bull:deadlines:delayed'), (n) => n >= waveN * 0.5, 30_000);
    await sleep(1000);
    await redis.flushdb();
    const wipedAt = Date.now();
    await until(() => overdueCounts(db, wave.ticketIds), (c) => c.fired + c.doubled === waveN, 120_000, 200);
    const after = (await lags(db, wave.deadlineIds)).filter((r) => r.due >= wipedAt);
    for (const [from, to] of [[0, 5], [5, 10], [10, 15], [15, 20]]) {
      const slice = after.filter((r) => r.due >= wipedAt + from * 1000 && r.due < wipedAt + to * 1000).map((r) => r.lag);
      if (slice.length === 0) continue;
      const ok = to <= 15 || pct(slice, 100) < 1000;
      console.log(`  legs due ${from}–${to} s after the wipe (n=${slice.length}): lag p50 ${pct(slice, 50).toFixed(0)} ms, max ${pct(slice, 100).toFixed(0)} ms${to > 15 ? `  (< 1,000 ms) ${verdict(ok)}` : ''}`);
    }

    // ── 3. exactly once ──
    const all = await overdueCounts(db, [...backlog.ticketIds, ...onTime.ticketIds, ...wave.ticketIds]);
    const total = backlogN + 20 + waveN;
    console.log(`  exactly once: ${all.fired} of ${total} legs with one overdue event, ${all.doubled} doubled, ${all.missing} missing ${verdict(all.fired === total)}`);
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((r) => worker?.once('exit', r));
      worker.kill('SIGTERM');
      await Promise.race([exited, sleep(10_000)]);
      if (worker.exitCode === null) worker.kill('SIGKILL');
    }
    await redis.flushdb();
    await redis.quit();
    await db.destroy();
    await dropDatabase(url);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
