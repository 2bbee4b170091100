import { closedTicket, me, resolvedTicket } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

let rated: unknown[] = [];

function api(method: string, url: string, body: unknown) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: me };
  if (method === 'GET' && path === '/api/tickets/77') return { statusCode: 200, data: rated.length ? closedTicket : resolvedTicket };
  if (method === 'POST' && path === '/api/tickets/77/rate') {
    rated.push(body);
    return { statusCode: 200, data: closedTicket };
  }
  if (path === '/api/tickets/404') return { statusCode: 404, data: { code: 'NOT_FOUND', message: 'ticket not found' } };
  return { statusCode: 500, data: { code: 'INTERNAL_ERROR', message: path } };
}

describe('compiled mini-program: the ticket detail page', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api);
    weapp.storage.set('rb.token', 'token-of-resident');
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  beforeEach(() => {
    rated = [];
  });

  it('shows the ticket, its timeline with who/when/notes, and photos fetched with the token', async () => {
    const page = await weapp.mount('pages/ticket/index', { id: '77' });
    await page.settle(60);
    const text = page.text();
    expect(text).toContain('井盖缺失');
    expect(text).toContain('待评价');
    expect(text).toContain('HG260305000077');
    expect(page.byClass('timeline__item')).toHaveLength(4);
    expect(text).toContain('王芳 · 社区工作人员');
    // The resident reads plain words: 已提交, 已派给… (not 点单 / 派往).
    expect(text).toContain('已提交');
    expect(text).toContain('已派给宁夏塞上阳光物业');
    expect(text).not.toContain('点单');
    expect(text).toContain('已更换井盖');
    // Only the open leg's clock: the resident's survey window.
    expect(page.byClass('deadline')).toHaveLength(1);
    expect(page.text(page.byClass('deadline')[0])).toContain('评价时限');
    expect(page.text(page.byClass('countdown')[0])).toBe('剩余 3天5小时');
    const downloads = weapp.calls.filter((c) => c.api === 'downloadFile').map((c) => c.options);
    expect(downloads.map((d) => d.url).sort()).toEqual(['http://127.0.0.1:3000/api/uploads/p1', 'http://127.0.0.1:3000/api/uploads/p2']);
    expect(downloads.every((d) => d.header.Authorization === 'Bearer token-of-resident')).toBe(true);
  });

  it('offers only the API’s allowedActions, and rates 满意 to close the ticket', async () => {
    const page = await weapp.mount('pages/ticket/index', { id: '77' });
    const buttons = page.byClass('btn').map((b) => page.text(b));
    expect(buttons).toEqual(['评价']);
    await page.tap(page.byText('评价'));
    expect(page.text()).toContain('对办理结果满意吗？');
    await page.tap(page.byText('满意'));
    await page.tap(page.byText('提交评价'));
    await page.settle(60);
    expect(rated).toEqual([{ rating: 'satisfied' }]);
    expect(page.text()).toContain('已办结');
    expect(page.byClass('timeline__item')).toHaveLength(5);
    expect(page.byClass('action-bar')).toHaveLength(0);
    expect(page.byClass('deadline')).toHaveLength(0);
  });

  it('says in Chinese when the ticket cannot be seen', async () => {
    const page = await weapp.mount('pages/ticket/index', { id: '404' });
    await page.settle(60);
    expect(page.text()).toContain('内容不存在或无权查看');
  });
});
