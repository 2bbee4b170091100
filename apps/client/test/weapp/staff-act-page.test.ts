import { resolvedTicket } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

const submitted = {
  ...resolvedTicket,
  status: 'submitted',
  handler: null,
  assignee: null,
  allowedActions: ['dispatch', 'reject', 'merge', 'escalate'],
  suggestedHandler: { kind: 'company', id: 40, name: '宁夏塞上阳光物业', reason: 'contract' },
  timeline: resolvedTicket.timeline.slice(0, 1),
};
const community = { id: 5, displayName: '王芳', phone: null, roles: ['community_staff'], scopes: [], compound: null, building: null };
let dispatched: unknown[] = [];

function api(method: string, url: string, body: unknown) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: community };
  if (path === '/api/tickets/77' && method === 'GET') return { statusCode: 200, data: submitted };
  if (path === '/api/tickets/77/dispatch-targets') return { statusCode: 200, data: { items: [{ id: 40, name: '宁夏塞上阳光物业', shortName: null, reason: 'contract' }] } };
  if (path === '/api/org/departments') return { statusCode: 200, data: { items: [{ id: 60, code: 'cg', name: '金凤区综合执法局（城管）', shortName: '城管', phone: null, isFallback: false }] } };
  if (path === '/api/tickets/77/dispatch') {
    dispatched.push(body);
    return { statusCode: 200, data: { ...submitted, status: 'dispatched', allowedActions: [] } };
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
}

describe('compiled mini-program: the staff subpackage', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api);
    weapp.storage.set('rb.token', 'token-of-community');
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  beforeEach(() => {
    dispatched = [];
  });

  it('派单 to the suggested company from the action page', async () => {
    const page = await weapp.mount('staff/pages/act/index', { id: '77', action: 'dispatch' });
    expect(page.text()).toContain('建议：宁夏塞上阳光物业');
    await page.tap(page.byText('确认派单'));
    await page.settle(60);
    expect(dispatched).toEqual([{ companyId: 40 }]);
    expect(weapp.calls.some((c) => c.api === 'navigateBack' || c.api === 'redirectTo')).toBe(true);
  });

  it('吹哨: choosing a department in the sheet dispatches to it instead', async () => {
    const page = await weapp.mount('staff/pages/act/index', { id: '77', action: 'dispatch' });
    await page.tap(page.byText('请选择'));
    const sheets = page.byClass('sheet');
    expect(sheets).toHaveLength(1);
    await page.tap(page.byText('金凤区综合执法局（城管）'));
    expect(page.byClass('sheet')).toHaveLength(0);
    await page.tap(page.byText('确认派单'));
    await page.settle(60);
    expect(dispatched).toEqual([{ departmentId: 60 }]);
  });

  it('refuses an action the ticket does not allow', async () => {
    const page = await weapp.mount('staff/pages/act/index', { id: '77', action: 'accept' });
    expect(page.text()).toContain('工单当前状态不允许“接单”');
  });
});
