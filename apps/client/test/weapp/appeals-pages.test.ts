import { resolvedTicket } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

// A ticket reopened by a 不满意, seen by the manager of the company that was rated.
const deadline = '2026-03-12T04:00:00.000Z';
const reopened = {
  ...resolvedTicket,
  status: 'accepted',
  rating: 'dissatisfied',
  ratingComment: '还是不亮',
  allowedActions: ['progress', 'resolve', 'pause'],
  deadlines: [],
  appeals: [],
  appealable: { ratingEventId: 41, ratedAt: '2026-03-05T04:00:00.000Z', deadline },
};
const appeal = {
  id: 12,
  ticket: { id: 77, no: 'HG260305000077', category: '井盖缺失', compound: '湖畔嘉苑', community: '安居苑社区' },
  ratingEventId: 41, rating: 'dissatisfied', ratingComment: '还是不亮', ratedAt: '2026-03-05T04:00:00.000Z',
  handler: { id: 40, name: '宁夏塞上阳光物业' }, reason: '居民要求更换整条路的井盖，超出报修范围', status: 'pending',
  filedBy: { id: 7, displayName: '赵经理' }, filedAt: '2026-03-05T06:00:00.000Z', decidedBy: null, decidedAt: null, decisionNote: null,
};
const users = {
  'token-of-manager': { id: 7, displayName: '赵经理', phone: null, roles: ['property_manager'], scopes: [], compound: null, building: null },
  'token-of-street': { id: 11, displayName: '孙科长', phone: null, roles: ['street_staff'], scopes: [], compound: null, building: null },
};
let token: keyof typeof users = 'token-of-manager';
let posted: Array<{ path: string; body: unknown }> = [];
let decided = false;

function api(method: string, url: string, body: unknown) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: users[token] };
  if (method === 'GET' && path === '/api/tickets/77') return { statusCode: 200, data: reopened };
  if (method === 'POST') posted.push({ path, body });
  if (method === 'POST' && path === '/api/tickets/77/appeals') return { statusCode: 201, data: appeal };
  if (method === 'GET' && path === '/api/appeals?status=pending') {
    return { statusCode: 200, data: { items: decided ? [] : [{ ...appeal, canDecide: true }], nextCursor: null } };
  }
  if (method === 'POST' && path === '/api/appeals/12/decision') {
    decided = true;
    return { statusCode: 200, data: { ...appeal, status: 'upheld' } };
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
}

describe('compiled mini-program: 申诉 and 申诉裁定', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api);
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  beforeEach(() => {
    posted = [];
  });

  it('the rated handler sees 申诉 with its deadline on the ticket and files the reason', async () => {
    token = 'token-of-manager';
    weapp.storage.set('rb.token', token);
    const ticketPage = await weapp.mount('pages/ticket/index', { id: '77' });
    await ticketPage.settle(60);
    expect(ticketPage.text()).toContain('前向街道申诉');
    await ticketPage.tap(ticketPage.byText('申诉'));
    expect(weapp.calls.filter((c) => c.api === 'navigateTo').pop()?.options.url).toBe('/staff/pages/appeal/index?id=77');

    const page = await weapp.mount('staff/pages/appeal/index', { id: '77' });
    await page.settle(60);
    expect(page.text()).toContain('居民评价：不满意“还是不亮”');
    await page.input(page.byProp(/^如：居民要求更换整栋楼的水管/), '居民要求更换整条路的井盖，超出报修范围');
    await page.tap(page.byText('提交申诉'));
    await page.settle(60);
    expect(posted).toEqual([{ path: '/api/tickets/77/appeals', body: { reason: '居民要求更换整条路的井盖，超出报修范围', ratingEventId: 41 } }]);
  });

  it('street staff uphold a pending appeal with a note, and the list empties', async () => {
    token = 'token-of-street';
    weapp.storage.set('rb.token', token);
    const page = await weapp.mount('staff/pages/appeals/index', {});
    await page.settle(60);
    expect(page.text()).toContain('居民要求更换整条路的井盖，超出报修范围');
    expect(page.text()).toContain('申诉单位：宁夏塞上阳光物业 · 赵经理');
    await page.input(page.byProp(/^裁定意见，如/), '经核实，诉求超出报修范围');
    await page.tap(page.byText('申诉成立'));
    await page.settle(60);
    expect(posted).toEqual([{ path: '/api/appeals/12/decision', body: { decision: 'upheld', note: '经核实，诉求超出报修范围' } }]);
    expect(page.text()).toContain('没有待裁定的申诉');
  });
});
