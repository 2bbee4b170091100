import { me } from './fixtures';
import { tabBarApi } from './tab-bar.fixture';
import { loadWeapp, type Weapp } from './weapp.harness';

describe('compiled mini-program: the resident tab bar (drawn by the page; WeChat draws the title bar)', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(tabBarApi(me));
    weapp.storage.set('rb.token', 'token-of-resident');
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  it('首页 / 报事 / 我的 with 首页 marked, no H5 title bar, and the open report with its next step', async () => {
    const page = await weapp.mount('pages/index/index');
    await page.settle(60);
    expect(page.byClass('tab-bar__item').map((t) => page.text(t))).toEqual(['🏠首页', '📷报事', '👤我的']);
    expect(page.byClass('tab-bar__item--on').map((t) => page.text(t))).toEqual(['🏠首页']);
    expect(page.byClass('nav-bar')).toHaveLength(0);
    expect(page.text()).toContain('下一步：师傅处理中，办好后通知您');
  });

  it('报事 replaces the page stack with the report page, which marks 报事', async () => {
    const home = await weapp.mount('pages/index/index');
    await home.settle(60);
    await home.tap(home.byText('报事'));
    expect(weapp.calls.filter((c) => c.api === 'reLaunch').pop()?.options.url).toBe('/pages/report/index');
    const report = await weapp.mount('pages/report/index');
    await report.settle(60);
    expect(report.byClass('tab-bar__item--on').map((t) => report.text(t))).toEqual(['📷报事']);
  });
});
