import { randomBytes } from 'node:crypto';
import { hashPassword } from '../src/auth/password.util';
import { DEMO_PASSWORD } from '../src/seed/seed.service';
import { startApp, type TestApp } from './support/test-app';
import { startWechatStandIn } from './support/wechat-stand-in';

describe('authentication', () => {
  let t: TestApp;
  let wechat: Awaited<ReturnType<typeof startWechatStandIn>>;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    t = await startApp({ WECHAT_API_BASE: wechat.url, WECHAT_APPID: 'wx-test-app', WECHAT_SECRET: 'wx-test-secret' });
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });

  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });

  it('staff log in with the password and get a bearer token for /api/me', async () => {
    const res = await login('community', DEMO_PASSWORD);
    expect(res.status).toBe(200);
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${res.body.token}`);
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ roles: ['community_staff'], scopes: [{ role: 'community_staff', orgUnit: { name: '安居苑社区', kind: 'community' } }] });
  });

  it('a resident’s /api/me shows the bound compound', async () => {
    const token = (await t.http().post('/api/auth/dev-login').send({ username: 'resident' })).body.token;
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${token}`);
    expect(me.body).toMatchObject({ roles: ['resident'], compound: { name: '湖畔嘉苑' }, building: { kind: 'building' } });
  });

  it('a wrong password and an unknown user look the same', async () => {
    const wrong = await login('street', 'not-the-password');
    const unknown = await login('no-such-user', 'whatever');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
  });

  it('five failures lock the account, even against the right password', async () => {
    const username = `locktest-${randomBytes(3).toString('hex')}`;
    await t.db.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '锁定测试', $2)`, [username, await hashPassword('right-password')]);
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) codes.push((await login(username, `wrong-${i}`)).body.code);
    expect(codes).toEqual(['INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'INVALID_CREDENTIALS', 'ACCOUNT_LOCKED']);
    const right = await login(username, 'right-password');
    expect(right.status).toBe(401);
    expect(right.body.code).toBe('ACCOUNT_LOCKED');
    // After the lock expires the right password works again and resets the count.
    await t.db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE username = $1`, [username]);
    expect((await login(username, 'right-password')).status).toBe(200);
    const [row]: Array<{ failed_login_count: number }> = await t.db.query('SELECT failed_login_count FROM users WHERE username = $1', [username]);
    expect(row.failed_login_count).toBe(0);
  });

  it('a success in between resets the failure count', async () => {
    const username = `resettest-${randomBytes(3).toString('hex')}`;
    await t.db.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '计数测试', $2)`, [username, await hashPassword('pw-123456')]);
    for (let i = 0; i < 4; i++) await login(username, 'bad');
    expect((await login(username, 'pw-123456')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(username, 'bad')).body.code).toBe('INVALID_CREDENTIALS');
  });

  it('WeChat login: the first code creates a resident account, later codes find it', async () => {
    const tag = randomBytes(4).toString('hex');
    const first = await t.http().post('/api/auth/wechat').send({ code: `good-${tag}` });
    expect(first.status).toBe(200);
    expect(first.body.created).toBe(true);
    const asked = wechat.requests.at(-1) as URL;
    expect(Object.fromEntries(asked.searchParams)).toEqual({ appid: 'wx-test-app', secret: 'wx-test-secret', js_code: `good-${tag}`, grant_type: 'authorization_code' });
    const again = await t.http().post('/api/auth/wechat').send({ code: `good-${tag}` });
    expect(again.body).toMatchObject({ created: false, userId: first.body.userId });
    const me = await t.http().get('/api/me').set('authorization', `Bearer ${again.body.token}`);
    expect(me.body).toMatchObject({ roles: ['resident'], compound: null });
    // The new resident picks a home compound, and reports default to it.
    const compounds = await t.http().get('/api/org/compounds').set('authorization', `Bearer ${again.body.token}`);
    const home = compounds.body.items[0];
    const updated = await t.http().patch('/api/me').set('authorization', `Bearer ${again.body.token}`).send({ compoundId: home.id, buildingId: home.buildings[0].id, phone: '13600001234' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ compound: { id: home.id }, building: { id: home.buildings[0].id }, phone: '13600001234' });
  });

  it('concurrent first logins of one person make one account', async () => {
    const tag = randomBytes(4).toString('hex');
    const results = await Promise.all(Array.from({ length: 5 }, () => t.http().post('/api/auth/wechat').send({ code: `good-${tag}` })));
    expect(new Set(results.map((r) => r.body.userId)).size).toBe(1);
    const rows: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM users WHERE wechat_openid = $1', [`openid-${tag}`]);
    expect(rows[0].n).toBe(1);
  });

  it('a code WeChat refuses is a 401 with a code, and the body is validated', async () => {
    const res = await t.http().post('/api/auth/wechat').send({ code: 'expired' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('WECHAT_LOGIN_FAILED');
    const empty = await t.http().post('/api/auth/wechat').send({});
    expect(empty.status).toBe(400);
    expect(empty.body.message).toContain('code');
  });

  it('without a token, with a forged one, or with a bad header: 401', async () => {
    expect((await t.http().get('/api/me')).status).toBe(401);
    expect((await t.http().get('/api/tickets')).body.code).toBe('UNAUTHENTICATED');
    expect((await t.http().get('/api/me').set('authorization', 'Bearer abc.def.ghi')).status).toBe(401);
    expect((await t.http().get('/api/me').set('authorization', 'Basic Zm9vOmJhcg==')).status).toBe(401);
  });

  it('health answers without a token and the OpenAPI document is served', async () => {
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const docs = await t.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/tickets/{id}/dispatch', '/api/uploads', '/api/auth/login']));
  });
});

describe('dev-login switch', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ AUTH_DEV_LOGIN: 'false' });
  });
  afterAll(() => t.close());

  it('is refused when AUTH_DEV_LOGIN is off', async () => {
    const res = await t.http().post('/api/auth/dev-login').send({ username: 'resident' });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('DEV_LOGIN_DISABLED');
  });
});
