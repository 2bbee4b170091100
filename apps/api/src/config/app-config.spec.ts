import { loadConfig } from './app-config';

const STRONG = 'x'.repeat(24) + 'Q9v2LmT8rW4zK1pN';

describe('loadConfig: production refuses unsafe defaults', () => {
  it('refuses a missing JWT_SECRET in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: must be set in production/);
  });

  it('refuses a short or published JWT_SECRET', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'sixteen-chars-ok-but-short' })).toThrow(/at least 32 characters/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'red-butler-development-secret-change-me' })).toThrow(/published example value/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'please-change-me-to-something-long-and-random' })).toThrow(/published example value/);
  });

  it('refuses passwordless login and the development WeChat values', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, AUTH_DEV_LOGIN: 'true' })).toThrow(/AUTH_DEV_LOGIN/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, WECHAT_SECRET: 'wx-dev-secret' })).toThrow(/WECHAT_SECRET: the development value/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, WECHAT_APPID: 'wx-dev-appid' })).toThrow(/WECHAT_APPID/);
  });

  it('names every problem at once', () => {
    let message = '';
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_DEV_LOGIN: '1', WECHAT_APPID: 'wx-dev-appid' });
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toMatch(/JWT_SECRET/);
    expect(message).toMatch(/AUTH_DEV_LOGIN/);
    expect(message).toMatch(/WECHAT_APPID/);
  });

  it('starts with a strong secret: dev login off, WeChat off when unset', () => {
    const config = loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG });
    expect(config.devLoginEnabled).toBe(false);
    expect(config.WECHAT_APPID).toBe('');
    expect(config.WECHAT_SECRET).toBe('');
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, WECHAT_APPID: 'wx8f3a', WECHAT_SECRET: 's3cr3t' }).WECHAT_APPID).toBe('wx8f3a');
  });

  it('DEMO_MODE is the explicit opt-in for a public demo', () => {
    const config = loadConfig({ NODE_ENV: 'production', DEMO_MODE: 'true', JWT_SECRET: 'red-butler-demo-secret-not-for-production' });
    expect(config.devLoginEnabled).toBe(true);
    expect(config.strictProduction).toBe(false);
    expect(config.WECHAT_APPID).toBe('wx-dev-appid');
  });

  it('development keeps its conveniences', () => {
    const config = loadConfig({});
    expect(config.devLoginEnabled).toBe(true);
    expect(config.strictProduction).toBe(false);
    expect(config.swaggerEnabled).toBe(true);
  });

  it('Swagger UI is off in production unless SWAGGER_ENABLED=true', () => {
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG }).swaggerEnabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: STRONG, SWAGGER_ENABLED: 'true' }).swaggerEnabled).toBe(true);
    expect(loadConfig({ SWAGGER_ENABLED: 'false' }).swaggerEnabled).toBe(false);
    expect(() => loadConfig({ SWAGGER_ENABLED: 'maybe' })).toThrow(/SWAGGER_ENABLED/);
  });

  it('PUBLIC_BASE_URL: an http(s) URL without query, its trailing slash dropped; optional', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://hgj.jinfeng.example.gov.cn/' }).PUBLIC_BASE_URL).toBe('https://hgj.jinfeng.example.gov.cn');
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://gov.example.cn/hgj' }).PUBLIC_BASE_URL).toBe('https://gov.example.cn/hgj');
    expect(loadConfig({}).PUBLIC_BASE_URL).toBeUndefined();
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://hgj.example.cn' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'hgj.example.cn' })).toThrow(/PUBLIC_BASE_URL/);
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'https://hgj.example.cn/?x=1' })).toThrow(/PUBLIC_BASE_URL/);
  });
});
