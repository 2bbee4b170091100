import { me } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

let codes: unknown[] = [];
let tokenValid = true;

function api(method: string, url: string, body: unknown, header: Record<string, string>) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (method === 'POST' && path === '/api/auth/wechat') {
    codes.push(body);
    return { statusCode: 200, data: { token: 'wx-token', expiresIn: 43200, userId: 2, created: true } };
  }
  if (!tokenValid || header.Authorization !== 'Bearer wx-token') {
    return { statusCode: 401, data: { code: 'UNAUTHENTICATED', message: 'token expired' } };
  }
  if (path === '/api/me') return { statusCode: 200, data: me };
  if (path.startsWith('/api/tickets')) return { statusCode: 200, data: { items: [], nextCursor: null } };
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
}

describe('compiled mini-program: login', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api, { login: () => ({ code: 'wx-code-123', errMsg: 'login:ok' }) });
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  it('signs a resident in with wx.login → /api/auth/wechat and keeps the token in storage', async () => {
    const page = await weapp.mount('pages/login/index');
    expect(page.text()).toContain('工作人员登录');
    await page.tap(page.byText('微信一键登录（居民）'));
    await page.settle(60);
    expect(codes).toEqual([{ code: 'wx-code-123' }]);
    expect(weapp.storage.get('rb.token')).toBe('wx-token');
    expect(weapp.calls.filter((c) => c.api === 'reLaunch').pop()?.options.url).toBe('/pages/index/index');
  });

  it('sends the user back to the login page when the API answers 401', async () => {
    tokenValid = false;
    const before = weapp.calls.filter((c) => c.api === 'reLaunch').length;
    const page = await weapp.mount('pages/tickets/index');
    await page.settle(60);
    const relaunches = weapp.calls.filter((c) => c.api === 'reLaunch').slice(before);
    expect(relaunches.map((c) => c.options.url)).toContain('/pages/login/index');
    expect(weapp.storage.has('rb.token')).toBe(false);
  });
});
