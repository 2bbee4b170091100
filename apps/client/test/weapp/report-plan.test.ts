import { PLAN } from '../../src/components/site-plan/site-plan.fixture';
import { categories, compounds, me } from './fixtures';
import { loadWeapp, type Weapp, type WxNode } from './weapp.harness';

const created = { id: 81, no: 'HG260305000081', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false };
const withTwoBuildings = compounds.map((c) => (c.id === 30 ? { ...c, buildings: [{ id: 31, name: '6号楼' }, { id: 32, name: '9号楼' }] } : c));
let posted: Array<{ body: any }> = [];
let planRequests: Array<Record<string, string>> = [];
let online = true;

function api(method: string, url: string, body: unknown, header: Record<string, string>) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: me };
  if (path === '/api/categories') return { statusCode: 200, data: { items: categories } };
  if (path === '/api/org/compounds') return { statusCode: 200, data: { items: withTwoBuildings } };
  if (path === '/api/compounds/30/plan') {
    planRequests.push(header);
    if (!online) return { statusCode: 0, data: null, networkError: true };
    return { statusCode: 200, data: { compoundId: 30, revision: 2, updatedAt: '2026-12-01T00:00:00Z', plan: PLAN } };
  }
  if (path.startsWith('/api/tickets/nearby')) return { statusCode: 200, data: { items: [] } };
  if (path === '/api/messages/consent') return { statusCode: 200, data: { items: [] } };
  if (method === 'POST' && path === '/api/tickets') {
    posted.push({ body });
    return { statusCode: 201, data: created };
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
}

/** The <image> showing the plan: its src is the SVG as a base64 data URI (no inline <svg> on WeChat). */
function planImage(nodes: Array<{ node: WxNode }>): { node: WxNode; svg: string } {
  for (const { node } of nodes) {
    const src = Object.values(node).find((v) => typeof v === 'string' && v.startsWith('data:image/svg+xml;base64,')) as string | undefined;
    if (src) return { node, svg: Buffer.from(src.split(',')[1], 'base64').toString('utf8') };
  }
  throw new Error('no plan image on the page');
}

describe('compiled mini-program: the report page with the 小区平面图', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api, { requestSubscribeMessage: () => ({ errMsg: 'requestSubscribeMessage:ok' }) });
    weapp.storage.set('rb.token', 'token-of-resident');
    // Where the render thread laid the plan out: 240 × 200 px at (10, 100), one px per plan unit.
    weapp.rects.set('#site-plan-picker', { left: 10, top: 100, width: 240, height: 200 });
  });
  afterAll(() => weapp.unloadAll());
  beforeEach(() => {
    posted = [];
    planRequests = [];
    online = true;
  });

  it('renders the plan as an image, and a tap pins the spot and selects the building under it', async () => {
    const page = await weapp.mount('pages/report/index');
    const { svg } = planImage(page.nodes());
    expect(svg).toContain('viewBox="0 0 240 200"');
    expect(svg).toContain('>9号楼</text>');
    expect(page.text()).toContain('点一下平面图上出问题的地方');

    await page.tap(page.byText('井盖缺失'));
    await page.input(page.byProp(/^请描述问题/), '9号楼前井盖丢失');
    // The tree is patched as the form changes: look the image up again right before tapping it.
    await page.tapAt(planImage(page.nodes()).node, { clientX: 10 + 120, clientY: 100 + 48 });
    // Taro runs a selector query's exec after the page's pending render, or after 100 ms without one.
    await page.settle(200);
    expect(weapp.calls.some((c) => c.api === 'createSelectorQuery' && c.options.selectors.includes('#site-plan-picker'))).toBe(true);
    expect(page.text()).toContain('已标记：9号楼');
    expect(planImage(page.nodes()).svg).toContain('<path d="M120 48 ');

    await page.tap(page.byText('提交'));
    await page.settle(60);
    expect(posted).toHaveLength(1);
    expect(posted[0].body).toMatchObject({ categoryId: 1, compoundId: 30, buildingId: 32, planPoint: { x: 120, y: 48 } });
    expect(posted[0].body.location).toBeUndefined();
  });

  it('keeps the plan on the device: without a network the form still shows it', async () => {
    expect(weapp.storage.get('rb.sitePlan.30')).toMatchObject({ body: { revision: 2 } });
    online = false;
    const page = await weapp.mount('pages/report/index');
    expect(planRequests).toHaveLength(1);
    const { svg } = planImage(page.nodes());
    expect(svg).toContain('>6号楼</text>');
    expect(page.text()).toContain('离线：使用手机上保存的平面图');
  });
});
