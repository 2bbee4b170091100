import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { type INestApplicationContext, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, ensureDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { AppLogger } from '../src/logging/app-logger';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { WorkerModule } from '../src/worker/worker.module';
import { WorkerHost } from '../src/worker/worker-host.service';
import { Actors, codeIds } from './support/actors';
import { waitFor } from './support/clock-fixtures';
import { startApp, type TestApp } from './support/test-app';

/** A port nobody listens on right now (the ops listeners take 0 as "off", not "any"). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

/** Every line written to stdout while `fn` runs (Nest's console logger writes there). */
async function captureStdout<T>(fn: (lines: string[]) => Promise<T>): Promise<{ result: T; lines: string[] }> {
  const lines: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return (write as (c: string | Uint8Array, ...r: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write;
  try {
    return { result: await fn(lines), lines };
  } finally {
    process.stdout.write = write;
  }
}

function jsonLines(lines: string[]): Array<Record<string, unknown>> {
  return lines.flatMap((l) => {
    try {
      const v = JSON.parse(l) as unknown;
      return typeof v === 'object' && v !== null ? [v as Record<string, unknown>] : [];
    } catch {
      return [];
    }
  });
}

/** `name{labels} value` lines of a Prometheus text exposition whose name and labels match. */
function samples(text: string, name: string, labels: Record<string, string> = {}): number[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)))
    .map((l) => Number(l.slice(l.lastIndexOf(' ') + 1)));
}

describe('operating it: health, readiness, metrics, request ids', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let metricsPort: number;

  beforeAll(async () => {
    metricsPort = await freePort();
    t = await startApp({ METRICS_PORT: String(metricsPort) });
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  it('liveness answers 200 without asking anything; readiness is 200 when PostgreSQL, Redis and the schema are current', async () => {
    const live = await t.http().get('/api/health');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      status: 'ready',
      failed: [],
      checks: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'current' } },
    });
  });

  it('readiness is 503 naming the migrations when the database has none applied; liveness stays 200', async () => {
    const url = withDatabaseName(loadConfig().DATABASE_URL, `rb_test_unmigrated_${randomBytes(4).toString('hex')}`);
    await ensureDatabase(url);
    const fresh = await startApp({ DATABASE_URL: url });
    try {
      expect((await fresh.http().get('/api/health')).status).toBe(200);
      const ready = await fresh.http().get('/api/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.failed).toEqual(['migrations']);
      expect(ready.body.checks.database.status).toBe('up');
      expect(ready.body.checks.migrations.status).toBe('pending');
      expect(ready.body.checks.migrations.pending).toEqual(expect.arrayContaining(['RequestIds1795300000700', 'QuarterLists1795300000500']));
    } finally {
      await fresh.close();
      await dropDatabase(url);
    }
  });

  it('readiness is 503 naming Redis when Redis does not answer, within the check budget; liveness stays 200', async () => {
    const down = await startApp({ REDIS_URL: 'redis://127.0.0.1:1/9' });
    try {
      expect((await down.http().get('/api/health')).status).toBe(200);
      const started = Date.now();
      const ready = await down.http().get('/api/health/ready');
      expect(Date.now() - started).toBeLessThan(3000);
      expect(ready.status).toBe(503);
      expect(ready.body.failed).toEqual(['redis']);
      expect(ready.body.checks.redis.status).toBe('down');
      // The probe may be public behind nginx: it names the check, never a host or port.
      expect(JSON.stringify(ready.body)).not.toContain('127.0.0.1');
      expect(ready.body.checks.redis).toEqual({ status: 'down' });
    } finally {
      await down.close();
    }
  });

  it('metrics: served on METRICS_PORT with the listed series after traffic, never on the public port', async () => {
    const created = await as.post('resident', '/api/tickets', { categoryId: ids.category('manhole_cover_missing'), description: '指标测试：井盖松动' });
    expect(created.status).toBe(201);
    const ticketId = created.body.id as number;
    expect((await as.get('resident', `/api/tickets/${ticketId}`)).status).toBe(200);
    expect((await as.get('resident', '/api/tickets/999999999')).status).toBe(404);
    // One open overdue leg of our own, so the count has something to show.
    await t.db.query(`UPDATE ticket_deadlines SET breached_at = now() WHERE ticket_id = $1 AND leg = 'dispatch'`, [ticketId]);

    for (const path of ['/metrics', '/api/metrics']) expect((await t.http().get(path)).status).toBe(404);

    const res = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    // Route patterns, never raw ids.
    expect(samples(text, 'rb_http_request_duration_seconds_count', { method: 'GET', route: '/api/tickets/:id', status_code: '200' })[0]).toBeGreaterThanOrEqual(1);
    expect(samples(text, 'rb_http_request_duration_seconds_count', { route: '/api/tickets/:id', status_code: '404' })[0]).toBeGreaterThanOrEqual(1);
    expect(samples(text, 'rb_http_request_duration_seconds_count', { method: 'POST', route: '/api/tickets', status_code: '201' })[0]).toBeGreaterThanOrEqual(1);
    expect(text).not.toContain(`/api/tickets/${ticketId}"`);
    expect(text).not.toContain('/api/tickets/999999999');
    for (const state of ['in_use', 'idle', 'waiting']) expect(samples(text, 'rb_db_pool_clients', { state })).toHaveLength(1);
    expect(samples(text, 'rb_db_pool_clients', { state: 'idle' })[0] + samples(text, 'rb_db_pool_clients', { state: 'in_use' })[0]).toBeGreaterThanOrEqual(1);
    for (const queue of ['deadlines', 'notifications', 'reports']) {
      for (const state of ['waiting', 'delayed', 'active', 'failed']) expect(samples(text, 'rb_queue_jobs', { queue, state })).toHaveLength(1);
    }
    expect(samples(text, 'rb_overdue_legs_open', { leg: 'dispatch' })[0]).toBeGreaterThanOrEqual(1);
    // Our new ticket is waiting to be folded into the rollups (no worker drains them here).
    expect(samples(text, 'rb_report_rollup_lag_seconds')[0]).toBeGreaterThanOrEqual(0);
    for (const name of ['rb_deadline_fire_lag_seconds', 'rb_wechat_push_failures_total']) expect(text).toContain(`# TYPE ${name} `);
    expect(samples(text, 'rb_metrics_collect_failures_total')).toEqual([]);
    expect((await fetch(`http://127.0.0.1:${metricsPort}/api/tickets`)).status).toBe(404);
  });

  it('request ids: a sane X-Request-Id is echoed, anything else replaced; the JSON access line carries it, the route and the user', async () => {
    const logged = await startApp({ LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
    try {
      const token = await as.token('community');
      const { result, lines } = await captureStdout(async () => {
        const mine = await logged.http().get('/api/tickets?limit=1').set('authorization', `Bearer ${token}`).set('x-request-id', 'ops-test-abc.123');
        const bad = await logged.http().get('/api/health').set('x-request-id', 'no spaces or ünïcode allowed');
        const none = await logged.http().get('/api/nowhere');
        return { mine, bad, none };
      });
      expect(result.mine.status).toBe(200);
      expect(result.mine.headers['x-request-id']).toBe('ops-test-abc.123');
      expect(result.bad.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(result.none.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      const json = jsonLines(lines);
      const access = json.find((l) => l.message === 'request' && l.requestId === 'ops-test-abc.123');
      expect(access).toMatchObject({ level: 'log', context: 'HTTP', method: 'GET', route: '/api/tickets', status: 200, userId: await as.id('community') });
      expect(typeof access?.ms).toBe('number');
      expect(json.find((l) => l.message === 'request' && l.route === 'unmatched')).toMatchObject({ status: 404, requestId: result.none.headers['x-request-id'] });
      // Probes are not access-logged.
      expect(json.some((l) => l.route === '/api/health')).toBe(false);
    } finally {
      await logged.close();
      Logger.overrideLogger(false); // Nest's logger is process-wide: the other apps here stay silent
    }
  });

  describe('the worker', () => {
    // Its own database and Redis index: another suite's worker sweeping the shared test database
    // would otherwise fire this test's deadline first, and its log line would be that process's.
    let own: TestApp;
    let ownAs: Actors;
    let ownEnv: Record<string, string>;
    let worker: INestApplicationContext | null = null;
    let healthPort: number;
    beforeAll(async () => {
      const url = withDatabaseName(loadConfig().DATABASE_URL, `rb_test_ops_${randomBytes(4).toString('hex')}`);
      await migrate(url);
      const db = createDataSource(url);
      await db.initialize();
      await seed(db, readSeedFile());
      await db.destroy();
      const redis = new URL(process.env.REDIS_URL as string);
      redis.pathname = '/12';
      ownEnv = { DATABASE_URL: url, REDIS_URL: redis.toString() };
      own = await startApp(ownEnv);
      ownAs = new Actors(own);
    }, 60_000);
    afterAll(async () => {
      await own.close();
      await dropDatabase(ownEnv.DATABASE_URL);
    });
    afterEach(async () => {
      await worker?.close();
      worker = null;
      Logger.overrideLogger(false);
    });

    it('a deadline opened by a request fires in the worker with that request id: the leg row, the job log line, the notices it writes', async () => {
      const ownIds = await codeIds(own);
      const requestId = `ops-${randomBytes(6).toString('hex')}`;
      const created = await ownAs.post('resident', '/api/tickets', { categoryId: ownIds.category('manhole_cover_missing'), description: '请求编号测试：井盖缺失' }, { 'x-request-id': requestId });
      expect(created.status).toBe(201);
      expect(created.headers['x-request-id']).toBe(requestId);
      const ticketId = created.body.id as number;
      const [leg]: Array<{ id: string; request_id: string }> = await own.db.query(`SELECT id, request_id FROM ticket_deadlines WHERE ticket_id = $1 AND leg = 'dispatch'`, [ticketId]);
      expect(leg.request_id).toBe(requestId);
      // Due in a moment, so the worker's sweep queues it and it fires.
      await own.db.query(`UPDATE ticket_deadlines SET due_at = now() + interval '800 ms', next_event = 'breach', next_event_at = now() + interval '800 ms' WHERE id = $1`, [leg.id]);

      healthPort = await freePort();
      const config = loadConfig({ ...process.env, ...ownEnv, SWEEP_INTERVAL_MS: '300', WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'info', LOG_FORMAT: 'json' });
      const { lines } = await captureStdout(async (captured) => {
        worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: new AppLogger({ json: true, logLevels: ['error', 'warn', 'log'] }) });
        await worker.get(WorkerHost).start();
        await waitFor('the breach', () => own.db.query(`SELECT breached_at FROM ticket_deadlines WHERE id = $1`, [leg.id]) as Promise<Array<{ breached_at: Date | null }>>, (r) => r[0].breached_at !== null, 20_000);
        await waitFor('its log line', async () => jsonLines(captured).some((l) => l.message === 'deadline fired' && l.deadlineId === leg.id), (found) => found, 5000);
      });
      const fired = jsonLines(lines).find((l) => l.message === 'deadline fired' && l.deadlineId === leg.id);
      expect(fired).toMatchObject({ requestId, event: 'breach', context: 'WorkerHost' });
      expect(String(fired?.jobId)).toContain(`sla-${ticketId}-${leg.id}-breach-`);
      // The 超期 notices the effect wrote carry the request on to their push jobs.
      const notices: Array<{ request_id: string }> = await own.db.query(`SELECT request_id FROM notifications WHERE ticket_id = $1 AND kind = 'deadline_overdue'`, [ticketId]);
      expect(notices.length).toBeGreaterThan(0);
      expect(notices.every((n) => n.request_id === requestId)).toBe(true);

      const health = await fetch(`http://127.0.0.1:${healthPort}/health`);
      expect(health.status).toBe(200);
      const body = (await health.json()) as { status: string; lastSweepMsAgo: number; loops: Array<{ queue: string; running: boolean }> };
      expect(body.status).toBe('ok');
      expect(body.lastSweepMsAgo).toBeLessThan(5000);
      expect(body.loops.map((l) => l.queue).sort()).toEqual(['deadlines', 'notifications', 'reports']);
      expect(body.loops.every((l) => l.running)).toBe(true);
      const metrics = await (await fetch(`http://127.0.0.1:${healthPort}/metrics`)).text();
      expect(samples(metrics, 'rb_deadline_fire_lag_seconds_count', { event: 'breach' })[0]).toBeGreaterThanOrEqual(1);
      expect(samples(metrics, 'rb_queue_jobs', { queue: 'deadlines', state: 'delayed' })).toHaveLength(1);
      expect((await fetch(`http://127.0.0.1:${healthPort}/api/health`)).status).toBe(404);
    }, 45_000);

    it('the worker health listener goes away with the worker', async () => {
      healthPort = await freePort();
      const config = loadConfig({ ...process.env, ...ownEnv, SWEEP_INTERVAL_MS: '300', WORKER_HEALTH_PORT: String(healthPort), LOG_LEVEL: 'silent' });
      worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
      await worker.get(WorkerHost).start();
      expect((await fetch(`http://127.0.0.1:${healthPort}/health`)).status).toBe(200);
      await worker.close();
      worker = null;
      await expect(fetch(`http://127.0.0.1:${healthPort}/health`)).rejects.toThrow();
    });
  });
});
