import { staffMe, tabBarApi } from './tab-bar.fixture';
import { loadWeapp, type Weapp } from './weapp.harness';

describe('compiled mini-program: the staff tab bar', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(tabBarApi(staffMe));
    weapp.storage.set('rb.token', 'token-of-manager');
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  it('工作台 / 消息 / 我的, 消息 marked on the message centre; 我的 replaces the page stack', async () => {
    const page = await weapp.mount('pages/messages/index');
    await page.settle(60);
    expect(page.byClass('tab-bar__item').map((t) => page.text(t))).toEqual(['🧰工作台', '🔔消息', '👤我的']);
    expect(page.byClass('tab-bar__item--on').map((t) => page.text(t))).toEqual(['🔔消息']);
    await page.tap(page.byText('我的'));
    expect(weapp.calls.filter((c) => c.api === 'reLaunch').pop()?.options.url).toBe('/pages/mine/index');
  });
});
