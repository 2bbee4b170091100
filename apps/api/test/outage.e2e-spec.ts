import type { ArgumentsHost } from '@nestjs/common';
import IORedis from 'ioredis';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { ApiExceptionFilter } from '../src/common/api-exception.filter';
import { createDataSource } from '../src/database/data-source';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { Actors, codeIds } from './support/actors';
import { startPrivateServices, type PrivateServices } from './support/private-services';
import { startApp, type TestApp } from './support/test-app';

/**
 * The API against a private PostgreSQL and Redis that the test stops and starts (the machine's shared
 * servers are never touched): while PostgreSQL is away every request is a 503 DATABASE_UNAVAILABLE
 * with Retry-After, answered within the connect timeout; readiness says not ready; once PostgreSQL
 * accepts connections again requests succeed within 5 s at their usual latency. Redis away: the API
 * keeps serving (rate limits from memory), readiness says not ready, and Redis is used again once back.
 */
const CONNECT_TIMEOUT_MS = 1000;
const STATEMENT_TIMEOUT_MS = 2000;
/** A request must answer within this even when the server hangs: the query timeout (statement + 1 s) plus slack. */
const ANSWER_BOUND_MS = STATEMENT_TIMEOUT_MS + 1000 + 2000;
const RECOVERY_BOUND_MS = 5000;
const RATE_PREFIX = 'rb:outage-rate:';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('outages: the API while its PostgreSQL or Redis is stopped (private servers)', () => {
  let svc: PrivateServices;
  let t: TestApp;
  let as: Actors;
  let ticketBody: object;
  let token: string;

  beforeAll(async () => {
    svc = await startPrivateServices();
    await migrate(svc.databaseUrl);
    const db = createDataSource(svc.databaseUrl);
    await db.initialize();
    await seed(db, readSeedFile());
    await db.destroy();
    t = await startApp({
      DATABASE_URL: svc.databaseUrl,
      REDIS_URL: svc.redisUrl,
      DATABASE_CONNECT_TIMEOUT_MS: String(CONNECT_TIMEOUT_MS),
      DATABASE_STATEMENT_TIMEOUT_MS: String(STATEMENT_TIMEOUT_MS),
      RATE_LIMIT_PREFIX: RATE_PREFIX,
    });
    as = new Actors(t);
    const ids = await codeIds(t);
    ticketBody = { categoryId: ids.category('street_light_out'), description: '路灯不亮，晚上很黑', compoundId: ids.unit('hupanjiayuan') };
    token = await as.token('resident');
  }, 120_000);
  // A failed test must not leave the next one without its servers.
  afterEach(() => svc.run('ensureRunning'));
  afterAll(async () => {
    try {
      await t?.close();
    } finally {
      await svc?.stop();
    }
  });

  const create = () => t.http().post('/api/tickets').set('authorization', `Bearer ${token}`).timeout(ANSWER_BOUND_MS).send(ticketBody);
  const list = () => t.http().get('/api/tickets').set('authorization', `Bearer ${token}`).timeout(ANSWER_BOUND_MS);
  const ready = () => t.http().get('/api/health/ready').timeout(ANSWER_BOUND_MS);
  const timed = async (f: () => Promise<Response>): Promise<{ res: Response; ms: number }> => {
    const t0 = performance.now();
    const res = await f();
    return { res, ms: performance.now() - t0 };
  };
  const expectUnavailable = (res: Response) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  };

  it('PostgreSQL stopped: 503 DATABASE_UNAVAILABLE with Retry-After (API and Open311), not ready, no 500; started: back within 5 s at usual latency', async () => {
    const before: number[] = [];
    for (let i = 0; i < 15; i++) {
      const { res, ms } = await timed(create);
      expect(res.status).toBe(201);
      before.push(ms);
    }
    const baselineMs = median(before);

    await svc.run('stopPostgres');
    for (const req of [create, list, create]) expectUnavailable(await req());
    // A burst (a backlog of clients retrying at once): every one answered, none a 500.
    const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? create() : list())));
    for (const res of burst) expectUnavailable(res);

    const open311 = await t.http().get('/open311/v2/requests.json').timeout(ANSWER_BOUND_MS);
    expect(open311.status).toBe(503);
    expect(open311.body).toEqual([{ code: 503, description: expect.stringMatching(/database unavailable/) }]);
    expect(Number(open311.headers['retry-after'])).toBeGreaterThan(0);

    const probe = await ready();
    expect(probe.status).toBe(503);
    expect(probe.body).toMatchObject({ status: 'not_ready', checks: { database: { status: 'down' } } });
    expect(probe.body.failed).toContain('database');
    // Liveness asks no dependency: the process is fine, it must not be restarted.
    expect((await t.http().get('/api/health')).status).toBe(200);

    // Started again: requests succeed within 5 s, then at their usual latency.
    await svc.run('startPostgres'); // returns once the server accepts connections (pg_ctl -w)
    const started = performance.now();
    let first: Response | undefined;
    while (performance.now() - started < RECOVERY_BOUND_MS + 2000) {
      const res = await create();
      if (res.status === 201) {
        first = res;
        break;
      }
      expectUnavailable(res); // until then: 503s, never a 500
      await sleep(100);
    }
    expect(first?.status).toBe(201);
    expect(performance.now() - started).toBeLessThan(RECOVERY_BOUND_MS);

    const concurrent = await Promise.all(Array.from({ length: 20 }, () => create()));
    expect(concurrent.map((r) => r.status)).toEqual(Array(20).fill(201));
    const after: number[] = [];
    for (let i = 0; i < 15; i++) {
      const { res, ms } = await timed(create);
      expect(res.status).toBe(201);
      after.push(ms);
    }
    // No backlog left behind: as fast as before the outage (a generous ratio; the fault was seconds).
    expect(median(after)).toBeLessThan(baselineMs * 3 + 50);
    expect((await ready()).status).toBe(200);
  }, 60_000);

  it('PostgreSQL hung (accepts TCP, answers nothing): 503s within the timeouts, not a hang; then back within 5 s', async () => {
    expect((await create()).status).toBe(201); // the pool holds live connections the hang will strand
    await svc.run('pausePostgres');
    try {
      const first = await Promise.all([create(), list(), create()]);
      for (const res of first) expectUnavailable(res);
      // Known down now: later requests fail fast instead of each waiting out a timeout.
      const { res, ms } = await timed(list);
      expectUnavailable(res);
      expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS);
      expect((await ready()).status).toBe(503);
    } finally {
      await svc.run('resumePostgres');
    }
    const resumed = performance.now();
    let ok = false;
    while (!ok && performance.now() - resumed < RECOVERY_BOUND_MS + 2000) {
      const res = await create();
      ok = res.status === 201;
      if (!ok) {
        expectUnavailable(res);
        await sleep(100);
      }
    }
    expect(ok).toBe(true);
    expect(performance.now() - resumed).toBeLessThan(RECOVERY_BOUND_MS);
    expect((await Promise.all(Array.from({ length: 20 }, () => create()))).map((r) => r.status)).toEqual(Array(20).fill(201));
  }, 60_000);

  it('a transaction whose connection died between two statements answers 503, not 500 (QueryRunnerProviderAlreadyReleasedError)', async () => {
    const killer = new Client({ connectionString: svc.databaseUrl });
    await killer.connect();
    let thrown: unknown;
    try {
      await t.db.transaction(async (em) => {
        const [{ pid }]: Array<{ pid: number }> = await em.query('SELECT pg_backend_pid() AS pid');
        // What a fast shutdown does to an idle-in-transaction session: the server ends it.
        await killer.query('SELECT pg_terminate_backend($1)', [pid]);
        const runner = em.queryRunner!;
        for (let i = 0; i < 100 && !runner.isReleased; i++) await sleep(20);
        await em.query('SELECT 1');
      });
    } catch (error) {
      thrown = error;
    } finally {
      await killer.end();
    }
    expect(thrown).toBeInstanceOf(QueryRunnerProviderAlreadyReleasedError);

    const sent: { status?: number; headers: Record<string, string>; body?: unknown } = { headers: {} };
    const reply = {
      status: (s: number) => ((sent.status = s), reply),
      header: (k: string, v: string) => ((sent.headers[k] = v), reply),
      send: (b: unknown) => ((sent.body = b), reply),
    };
    const host = { switchToHttp: () => ({ getRequest: () => ({ url: '/api/tickets/1/steps' }), getResponse: () => reply }) } as unknown as ArgumentsHost;
    new ApiExceptionFilter().catch(thrown, host);
    expect(sent).toEqual({ status: 503, headers: { 'retry-after': expect.stringMatching(/^\d+$/) }, body: expect.objectContaining({ code: 'DATABASE_UNAVAILABLE' }) });
    // The pool is not poisoned: the next request gets a live connection.
    expect((await create()).status).toBe(201);
  });

  it('Redis stopped: requests still served (rate limits from memory), readiness not ready; Redis back: used again', async () => {
    const redis = new IORedis(svc.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    redis.on('error', () => undefined);
    try {
      const keys = async () => (await redis.keys(`${RATE_PREFIX}*`)).length;
      await redis.connect();
      await redis.flushdb(); // the private server: nobody else's data
      expect((await list()).status).toBe(200);
      expect(await keys()).toBeGreaterThan(0);
      redis.disconnect();

      await svc.run('stopRedis');
      for (let i = 0; i < 3; i++) expect((await create()).status).toBe(201);
      expect((await list()).status).toBe(200);
      const probe = await ready();
      expect(probe.status).toBe(503);
      expect(probe.body.failed).toEqual(['redis']);
      // The queue dashboard cannot work without Redis: it says so (503, Retry-After), not a 500.
      const board = await t.http().get('/admin/queues/api/queues').set('authorization', `Bearer ${await as.token('admin')}`).timeout(ANSWER_BOUND_MS);
      expect({ status: board.status, code: board.body.code }).toEqual({ status: 503, code: 'REDIS_UNAVAILABLE' });
      expect(Number(board.headers['retry-after'])).toBeGreaterThan(0);

      await svc.run('startRedis'); // an empty Redis, as after a restart without persistence
      await redis.connect();
      const started = performance.now();
      while ((await ready()).status !== 200 && performance.now() - started < RECOVERY_BOUND_MS + 25_000) await sleep(200);
      expect((await ready()).status).toBe(200);
      expect((await list()).status).toBe(200);
      expect(await keys()).toBeGreaterThan(0);
      expect((await t.http().get('/admin/queues/api/queues').set('authorization', `Bearer ${await as.token('admin')}`)).status).toBe(200);
    } finally {
      redis.disconnect();
    }
  }, 60_000);
});
