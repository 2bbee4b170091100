import { loadWeapp, type Weapp } from './weapp.harness';

const supervisor = {
  id: 9, displayName: '吴淑华', phone: null, roles: ['supervisor'], compound: null, building: null,
  scopes: [{ role: 'supervisor', roleLabel: '督办', orgUnit: { id: 1, kind: 'district', name: '金凤区' }, organization: null }],
};
const scope = { id: 1, kind: 'district', name: '金凤区' };
const figures = { received: 0, answered: 0, onTimeResolutionRate: null, satisfactionRate: null, overdue: 0, overdueOpen: 0, resolved: 0, resolvedOnTime: 0 };
const row = (id: number, name: string, over: Record<string, unknown>) => ({
  rank: null, company: { id, name }, onTimeResolutionRate: 1, satisfactionRate: 1, complaintRate: null, answered: 1, households: 0, received: 1,
  score: null, stars: null, complaintScore: null, insufficientSample: true, missing: [], ...over,
});

function api(method: string, url: string) {
  const path = url.replace('http://127.0.0.1:3000', '');
  const [route, query] = path.split('?');
  const quarter = new URLSearchParams(query).get('quarter') ?? '';
  if (route === '/api/me') return { statusCode: 200, data: supervisor };
  if (route === '/api/org/compounds') return { statusCode: 200, data: { items: [] } };
  if (route === '/api/reports/sla') {
    const q = new URLSearchParams(query);
    return { statusCode: 200, data: { period: { from: q.get('from'), to: q.get('to') }, scope, groupBy: q.get('groupBy'), interval: q.get('interval'), definitions: {}, rows: [], totals: figures } };
  }
  if (route === '/api/reports/overdue') return { statusCode: 200, data: { scope, total: 0, items: [] } };
  if (route === '/api/reports/ranking') {
    return {
      statusCode: 200,
      data: {
        quarter, period: { from: '2026-07-01', to: '2026-09-30' }, complete: true, scope,
        formula: { components: [{ key: 'onTimeResolutionRate', zh: '按时办结率', weight: 0.4 }], minRated: 30, zh: '评分办法' },
        rows: [row(11, '塞上阳光物业', { rank: 1, score: 97.61, stars: 5, insufficientSample: false }), row(13, '阅海物业', {})],
      },
    };
  }
  if (route === '/api/reports/lists') {
    return {
      statusCode: 200,
      data: {
        quarter, district: { id: 1, name: '金凤区' }, history: [],
        current: { version: 1, kind: 'scheduled', reason: null, publishedAt: '2026-10-01T00:10:00Z', redList: [{ company: { id: 11, name: '塞上阳光物业' }, rank: 1, score: 97.61, stars: 5 }], blackList: [] },
      },
    };
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: `${method} ${path}` } };
}

describe('compiled mini-program: the supervisor board', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api, { openDocument: () => ({ errMsg: 'openDocument:ok' }) });
    weapp.storage.set('rb.token', 'token-of-supervisor');
  });

  afterAll(() => weapp.unloadAll());

  it('opens on 近30天: the SLA figures of the last 30 days, today included, per day', async () => {
    const page = await weapp.mount('staff/pages/dashboard/index');
    await page.settle(60);
    expect(page.text()).toContain('近30天');
    const asked = weapp.calls
      .filter((c) => c.api === 'request' && String(c.options.url).includes('/api/reports/sla?'))
      .map((c) => new URLSearchParams(String(c.options.url).split('?')[1]));
    // 近30天 is empty here, so the board also asks for the year by month (the latest non-empty month);
    // the year is empty too, so it stays on 近30天.
    const probes = asked.filter((q) => q.get('interval') === 'month');
    expect(probes).toHaveLength(1);
    const shown = asked.filter((q) => q.get('interval') !== 'month');
    expect(shown.length).toBeGreaterThanOrEqual(2);
    for (const q of shown) {
      const days = (Date.parse(`${q.get('to')}T00:00:00Z`) - Date.parse(`${q.get('from')}T00:00:00Z`)) / 86_400_000 + 1;
      expect(days).toBe(30);
    }
    expect(shown.some((q) => q.get('interval') === 'day')).toBe(true);
    expect(page.text()).not.toContain('已显示最近有数据的');
  });

  it('shows the star ranking and the 红黑榜, and opens the Excel export in the document viewer', async () => {
    const page = await weapp.mount('staff/pages/dashboard/index');
    await page.settle(60);
    const text = page.text();
    expect(text).toContain('★★★★★');
    expect(text).toContain('样本不足');
    expect(text).toContain('第1版');
    expect(text).toContain('红榜');
    // wx.openDocument cannot show CSV: the mini-program offers Excel only.
    expect(text).not.toContain('导出 CSV');
    await page.tap(page.byText('导出 Excel'));
    await page.settle(60);
    const download = weapp.calls.find((c) => c.api === 'downloadFile');
    expect(download?.options.url).toMatch(/\/api\/reports\/ranking\/export\?quarter=\d{4}Q[1-4]&format=xlsx$/);
    expect(download?.options.header).toMatchObject({ Authorization: 'Bearer token-of-supervisor' });
    const open = weapp.calls.find((c) => c.api === 'openDocument');
    expect(open?.options).toMatchObject({ fileType: 'xlsx', showMenu: true });
    expect(open?.options.filePath).toMatch(/^wxfile:\/\/tmp\//);
  });
});
