import { me } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

let codes: unknown[] = [];
let redeemed: unknown[] = [];
let tokenValid = true;

function api(method: string, url: string, body: unknown, header: Record<string, string>) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (method === 'POST' && path === '/api/auth/wechat') {
    codes.push(body);
    return { statusCode: 200, data: { token: 'wx-token', expiresIn: 43200, userId: 2, created: true } };
  }
  if (method === 'POST' && path === '/api/auth/redeem-code') {
    redeemed.push(body);
    return { statusCode: 200, data: { token: 'wx-token', expiresIn: 43200, userId: 9 } };
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

  it('sets a password with an invitation code from the login screen and signs in', async () => {
    const page = await weapp.mount('pages/login/index');
    await page.tap(page.byText('首次登录或忘记密码？使用验证码设置密码'));
    await page.input(page.byProp(/^验证码（管理员提供）$/), 'K7WQ-M3PX');
    await page.input(page.byProp(/^新密码（至少10位）$/), 'Long-enough-1');
    await page.input(page.byProp(/^再次输入新密码$/), 'Long-enough-1');
    // Two fields say 账号: the redeem form's comes last.
    const accounts = page.nodes().filter(({ node }) => Object.values(node).some((v) => v === '账号'));
    await page.input(accounts[accounts.length - 1].node, 'zhang.lijuan');
    await page.tap(page.byText('设置密码并登录'));
    await page.settle(60);
    expect(redeemed).toEqual([{ username: 'zhang.lijuan', code: 'K7WQ-M3PX', newPassword: 'Long-enough-1' }]);
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
