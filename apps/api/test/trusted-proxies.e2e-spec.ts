import { startApp, type TestApp } from './support/test-app';

/** Per-IP limits key on the client address: only a configured proxy may say what that address is. */
describe('X-Forwarded-For is believed only from TRUSTED_PROXIES', () => {
  const login = (t: TestApp, ip: string) =>
    t.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ username: 'nobody-here', password: 'wrong-password' });

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
});
