import { startApp, type TestApp } from './support/test-app';

/** Per-IP limits key on the client address: only a configured proxy may say what that address is. */
describe('X-Forwarded-For is believed only from TRUSTED_PROXIES', () => {
  // Each request names another account, so only the per-IP window is tested (logins are limited per account too).
  let n = 0;
  const login = (t: TestApp, ip: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: `nobody-${++n}`, password: 'wrong-password' });

  it('without trusted proxies, rotating a spoofed X-Forwarded-For does not escape the login limit', async () => {
    const t = await startApp({ NODE_ENV: 'production', DEMO_MODE: 'true', RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) statuses.push((await login(t, `203.0.113.${i}`)).status);
      expect(statuses.slice(0, 3).every((s) => s === 401)).toBe(true);
      expect(statuses[3]).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('behind a trusted proxy (loopback here), each forwarded client has its own window', async () => {
    const t = await startApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3', TRUSTED_PROXIES: 'loopback' });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 4; i++) statuses.push((await login(t, `203.0.113.${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401]);
      for (let i = 0; i < 3; i++) await login(t, '198.51.100.7');
      expect((await login(t, '198.51.100.7')).status).toBe(429);
    } finally {
      await t.close();
    }
  });

  it('a login is limited per account too: rotating client addresses does not escape it', async () => {
    const t = await startApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '20', TRUSTED_PROXIES: 'loopback' });
    try {
      const guess = (username: string, ip: string) =>
        t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username, password: 'wrong-password' });
      const statuses: Array<{ status: number; code: string }> = [];
      for (let i = 1; i <= 30; i++) {
        const res = await guess('admin', `203.0.113.${i}`);
        statuses.push({ status: res.status, code: res.body.code });
      }
      // Every address is new, so only the per-account window can be counting: the 21st request is over it.
      expect(statuses.slice(20)).toEqual(Array.from({ length: 10 }, () => ({ status: 429, code: 'RATE_LIMITED' })));
      const res = await guess('admin', '203.0.113.99');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Another account from one of those addresses is not affected.
      expect((await guess('street', '203.0.113.30')).status).toBe(401);
    } finally {
      await t.close();
    }
  });

  it('from an untrusted peer, 30 logins for one account with rotating X-Forwarded-For are refused with 429', async () => {
    const t = await startApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '20' });
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 30; i++) {
        statuses.push((await t.http().post('/api/auth/login').set('X-Forwarded-For', `203.0.113.${i}`).send({ username: 'admin', password: 'wrong' })).status);
      }
      expect(statuses.slice(20).every((s) => s === 429)).toBe(true);
    } finally {
      await t.close();
    }
  });
});
