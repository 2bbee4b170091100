import { randomBytes } from 'node:crypto';
import * as passwords from '../src/auth/password.util';
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

  const newUser = async (prefix: string, password: string, role?: string) => {
    const username = `${prefix}-${randomBytes(3).toString('hex')}`;
    const [row]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name, password_hash) VALUES ($1, '认证测试', $2) RETURNING id`,
      [username, await hashPassword(password)],
    );
    if (role) await t.db.query('INSERT INTO role_bindings (user_id, role) VALUES ($1, $2)', [row.id, role]);
    return username;
  };

  it('the 5th wrong password answers exactly like an unknown user, and so does the lock after it', async () => {
    const username = await newUser('enum', 'right-password-1');
    const checks = jest.spyOn(passwords, 'verifyPassword');
    try {
      for (let i = 1; i <= 6; i++) {
        checks.mockClear();
        const known = await login(username, `wrong-${i}`);
        const knownChecks = checks.mock.calls.length;
        checks.mockClear();
        const unknown = await login(`${username}-gone`, `wrong-${i}`);
        // Same status, code and message; the same work (one scrypt, or none once locked), so similar timing.
        expect({ status: known.status, body: known.body, checks: knownChecks }).toEqual({
          status: unknown.status,
          body: unknown.body,
          checks: checks.mock.calls.length,
        });
        expect(known.body.code).toBe(i <= 5 ? 'INVALID_CREDENTIALS' : 'LOGIN_LOCKED');
        expect(knownChecks).toBe(i <= 5 ? 1 : 0);
      }
    } finally {
      checks.mockRestore();
    }
    // Locked means locked: the right password from the same address is refused without a check,
    // for 15 minutes (Retry-After).
    const right = await login(username, 'right-password-1');
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('LOGIN_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
  });

  it('a burst of 30 concurrent wrong guesses gets at most 5 password checks; the right password is then refused', async () => {
    const username = await newUser('burst', 'right-password-2');
    const checks = jest.spyOn(passwords, 'verifyPassword');
    let burst: Awaited<ReturnType<typeof login>>[];
    try {
      burst = await Promise.all(Array.from({ length: 30 }, (_, i) => login(username, `wrong-${i}`)));
      expect(checks.mock.calls.length).toBeLessThanOrEqual(5);
    } finally {
      checks.mockRestore();
    }
    const codes = burst.map((r) => r.body.code);
    expect(codes.filter((c) => c === 'INVALID_CREDENTIALS')).toHaveLength(5);
    expect(codes.filter((c) => c === 'LOGIN_LOCKED')).toHaveLength(25);
    const right = await login(username, 'right-password-2');
    expect(right.status).toBe(429);
    expect(right.body.code).toBe('LOGIN_LOCKED');
  });

  it('a success in between resets the failure count', async () => {
    const username = await newUser('resettest', 'pw-123456');
    for (let i = 0; i < 4; i++) await login(username, 'bad');
    expect((await login(username, 'pw-123456')).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(username, 'bad')).body.code).toBe('INVALID_CREDENTIALS');
  });

  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  it('logout revokes the token, on every device of the user, and the queue dashboard too', async () => {
    const username = await newUser('logout', 'pw-logout-1', 'admin');
    const phone = (await login(username, 'pw-logout-1')).body.token;
    const desk = (await login(username, 'pw-logout-1')).body.token;
    expect((await t.http().get('/api/me').set(bearer(phone))).status).toBe(200);
    expect((await t.http().get('/admin/queues/api/queues').set(bearer(desk))).status).toBe(200);
    const out = await t.http().post('/api/auth/logout').set(bearer(phone));
    expect(out.status).toBe(204);
    for (const token of [phone, desk]) {
      const me = await t.http().get('/api/me').set(bearer(token));
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('UNAUTHENTICATED');
    }
    expect((await t.http().get('/admin/queues/api/queues').set(bearer(desk))).status).toBe(401);
    expect((await t.http().post('/api/auth/logout').set(bearer(phone))).status).toBe(401);
    // Signing in again gives a working token.
    const again = (await login(username, 'pw-logout-1')).body.token;
    expect((await t.http().get('/api/me').set(bearer(again))).status).toBe(200);
  });

  it('a password change revokes the old tokens and hands back a fresh one', async () => {
    const username = await newUser('pwchange', 'old-password-1');
    const here = (await login(username, 'old-password-1')).body.token;
    const elsewhere = (await login(username, 'old-password-1')).body.token;
    const change = (token: string, body: object) => t.http().post('/api/me/password').set(bearer(token)).send(body);

    const wrong = await change(here, { currentPassword: 'not-it-at-all', newPassword: 'new-password-1' });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'INVALID_CREDENTIALS', details: [{ field: 'currentPassword' }] });
    const demo = await change(here, { currentPassword: 'old-password-1', newPassword: DEMO_PASSWORD });
    expect(demo.status).toBe(400);
    expect(demo.body.message).toContain('newPassword');
    const short = await change(here, { currentPassword: 'old-password-1', newPassword: 'short' });
    expect(short.status).toBe(400);
    expect(short.body.message).toContain('newPassword');

    const changed = await change(here, { currentPassword: 'old-password-1', newPassword: 'new-password-1' });
    expect(changed.status).toBe(200);
    for (const token of [here, elsewhere]) expect((await t.http().get('/api/me').set(bearer(token))).status).toBe(401);
    expect((await t.http().get('/api/me').set(bearer(changed.body.token))).status).toBe(200);
    expect((await login(username, 'old-password-1')).status).toBe(401);
    expect((await login(username, 'new-password-1')).status).toBe(200);
  });

  it('a WeChat resident has no password to change', async () => {
    const token = (await t.http().post('/api/auth/wechat').send({ code: `good-${randomBytes(4).toString('hex')}` })).body.token;
    const res = await t.http().post('/api/me/password').set(bearer(token)).send({ currentPassword: 'x', newPassword: 'something-long' });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('currentPassword');
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

  it('health answers without a token and, outside production, Swagger UI and the OpenAPI document are served', async () => {
    const health = await t.http().get('/api/health');
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ status: 'ok' });
    const ui = await t.http().get('/api/docs/');
    expect(ui.status).toBe(200);
    expect(ui.headers['content-type']).toContain('text/html');
    const docs = await t.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/tickets', '/api/tickets/{id}/dispatch', '/api/uploads', '/api/auth/login', '/api/auth/logout']));
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

/** Lockout per (account, address): an attacker's failures must not lock the real user out. */
describe('login lockout behind a trusted proxy', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp({ TRUSTED_PROXIES: 'loopback' });
  });
  afterAll(() => t.close());

  const login = (username: string, password: string, ip: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password });
  const newUser = async (password: string) => {
    const username = `victim-${randomBytes(3).toString('hex')}`;
    await t.db.query(`INSERT INTO users (username, display_name, password_hash) VALUES ($1, '锁定测试', $2)`, [username, await hashPassword(password)]);
    return username;
  };

  it('five failures from the attacker’s address lock the attacker out, not the victim signing in elsewhere', async () => {
    const username = await newUser('victim-password-1');
    for (let i = 0; i < 5; i++) expect((await login(username, `guess-${i}`, '203.0.113.66')).body.code).toBe('INVALID_CREDENTIALS');
    const attacker = await login(username, 'victim-password-1', '203.0.113.66');
    expect(attacker.status).toBe(429);
    expect(attacker.body.code).toBe('LOGIN_LOCKED');
    const victim = await login(username, 'victim-password-1', '198.51.100.20');
    expect(victim.status).toBe(200);
    expect(victim.body.token).toEqual(expect.any(String));
  });

  it('guesses from many addresses meet an account-wide back-off of seconds, not a 15-minute lock', async () => {
    const username = await newUser('victim-password-2');
    // Ten addresses, one guess each: all checked.
    for (let i = 1; i <= 10; i++) expect((await login(username, `guess-${i}`, `203.0.113.${i}`)).body.code).toBe('INVALID_CREDENTIALS');
    // The 11th is checked and starts a 1-second back-off for the account; during it nobody's guess is checked.
    expect((await login(username, 'guess-11', '203.0.113.11')).body.code).toBe('INVALID_CREDENTIALS');
    const throttled = await login(username, 'guess-12', '203.0.113.12');
    expect(throttled.status).toBe(429);
    expect(throttled.body.code).toBe('LOGIN_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBe(1);
    const victimTooSoon = await login(username, 'victim-password-2', '198.51.100.21');
    expect(victimTooSoon.body.code).toBe('LOGIN_THROTTLED');
    // The real user retries after the Retry-After and gets in; the refused attempt did not count against them.
    await new Promise((r) => setTimeout(r, 1100));
    expect((await login(username, 'victim-password-2', '198.51.100.21')).status).toBe(200);
  });
});
