import { Actors } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

describe('queue dashboard (bull-board) at /admin/queues', () => {
  let t: TestApp;
  let as: Actors;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
  });
  afterAll(() => t.close());

  it('is closed to anonymous callers and to non-admins', async () => {
    expect((await t.http().get('/admin/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues/api/queues')).status).toBe(401);
    expect((await t.http().get('/admin/queues').set('authorization', `Bearer ${await as.token('supervisor')}`)).status).toBe(403);
    expect((await as.post('community', '/api/admin/queues/session')).status).toBe(403);
  });

  it('opens for an admin, by bearer header or by the session cookie', async () => {
    const page = await t.http().get('/admin/queues').set('authorization', `Bearer ${await as.token('admin')}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');

    const session = await as.post('admin', '/api/admin/queues/session');
    expect(session.status).toBe(200);
    const cookie = session.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^rb_board=.+; Path=\/admin\/queues; HttpOnly; SameSite=Strict; Max-Age=3600/);
    const api = await t.http().get('/admin/queues/api/queues').set('cookie', cookie.split(';')[0]);
    expect(api.status).toBe(200);
    expect(api.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['deadlines', 'notifications', 'reports']);
  });

  it('readiness reports PostgreSQL, Redis and the migrations', async () => {
    const ready = await t.http().get('/api/health/ready');
    expect(ready.body).toEqual({ status: 'ready', failed: [], checks: { database: { status: 'up' }, redis: { status: 'up' }, migrations: { status: 'current' } } });
  });
});

describe('readiness when Redis is unreachable', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ REDIS_URL: 'redis://127.0.0.1:1/0' });
  });
  afterAll(() => t.close());

  it('answers 503 and names Redis; liveness still answers 200', async () => {
    const ready = await t.http().get('/api/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', failed: ['redis'], checks: { database: { status: 'up' }, redis: { status: 'down' }, migrations: { status: 'current' } } });
    expect((await t.http().get('/api/health')).status).toBe(200);
  });
});
