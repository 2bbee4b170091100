import { categories, compounds, me } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

const created = { id: 77, no: 'HG260305000077', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false };
const uploadId = '0b9d1c1e-0000-4000-8000-000000000001';
let posted: Array<{ body: any; header: Record<string, string> }> = [];
/** The server's consent record (GET/PUT /api/messages/consent). */
let consents: Record<string, string | null> = { status: null, visit: null };
const consentBody = () => ({ items: [{ template: 'status', templateId: 'tmpl-status', decision: consents.status }, { template: 'visit', templateId: 'tmpl-visit', decision: consents.visit }] });

function api(method: string, url: string, body: unknown, header: Record<string, string>) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: me };
  if (path === '/api/categories') return { statusCode: 200, data: { items: categories } };
  if (path === '/api/org/compounds') return { statusCode: 200, data: { items: compounds } };
  if (method === 'POST' && path === '/api/uploads') return { statusCode: 201, data: { id: uploadId, url: `/api/uploads/${uploadId}`, mimeType: 'image/jpeg', sizeBytes: 1000 } };
  if (path === '/api/messages/consent' && method === 'GET') return { statusCode: 200, data: consentBody() };
  if (path === '/api/messages/consent' && method === 'PUT') {
    for (const a of (body as { answers: Array<{ template: string; decision: string }> }).answers) consents[a.template] = a.decision;
    return { statusCode: 200, data: consentBody() };
  }
  if (method === 'POST' && path === '/api/tickets') {
    posted.push({ body, header });
    return { statusCode: 201, data: created };
  }
  return { statusCode: 404, data: { code: 'NOT_FOUND', message: path } };
}

describe('compiled mini-program: the report page', () => {
  let weapp: Weapp;

  beforeAll(() => {
    weapp = loadWeapp(api, {
      chooseMedia: () => ({ type: 'image', tempFiles: [{ tempFilePath: 'wxfile://tmp/photo.jpg', size: 3_000_000, fileType: 'image' }] }),
      compressImage: () => ({ tempFilePath: 'wxfile://tmp/photo-small.jpg' }),
      chooseLocation: () => ({ latitude: 38.4872, longitude: 106.2309, address: '宁夏银川市金凤区湖畔嘉苑', name: '6号楼东侧' }),
      requestSubscribeMessage: () => ({ 'tmpl-status': 'accept', 'tmpl-visit': 'reject', errMsg: 'requestSubscribeMessage:ok' }),
    });
    weapp.storage.set('rb.token', 'token-of-resident');
  });

  afterAll(() => {
    weapp.unloadAll();
  });

  beforeEach(() => {
    posted = [];
  });

  it('renders the category grid with the resident’s compound preselected', async () => {
    const page = await weapp.mount('pages/report/index');
    expect(page.byClass('category-grid__item')).toHaveLength(2);
    expect(page.text()).toContain('井盖缺失');
    expect(page.text()).toContain('湖畔嘉苑');
    expect(page.text()).toContain('在地图上选择位置');
  });

  it('reports with a compressed, uploaded photo, a map location and an Idempotency-Key', async () => {
    const page = await weapp.mount('pages/report/index');
    await page.tap(page.byText('井盖缺失'));
    expect(page.text()).toContain('紧急事项，将优先处理');
    await page.input(page.byProp(/^请描述问题/), '6号楼东侧井盖丢失，晚上很危险');

    await page.tap(page.byText('拍照/相册'));
    await page.settle(60);
    const upload = weapp.calls.find((c) => c.api === 'uploadFile')!.options;
    expect(upload.filePath).toBe('wxfile://tmp/photo-small.jpg');
    expect(upload.name).toBe('file');
    expect(upload.header.Authorization).toBe('Bearer token-of-resident');

    await page.tap(page.byText('在地图上选择位置'));
    await page.tap(page.byText('提交'));
    await page.settle(60);

    expect(posted).toHaveLength(1);
    expect(posted[0].body).toEqual({
      categoryId: 1,
      description: '6号楼东侧井盖丢失，晚上很危险',
      compoundId: 30,
      buildingId: 31,
      location: { lat: 38.4872, lng: 106.2309, address: '宁夏银川市金凤区湖畔嘉苑 6号楼东侧' },
      photoIds: [uploadId],
    });
    expect(posted[0].header['Idempotency-Key']).toMatch(/^rb-[a-z0-9]+-[a-z0-9]{16}$/);
    const redirect = weapp.calls.find((c) => c.api === 'redirectTo');
    expect(redirect?.options.url).toBe('/pages/ticket/index?id=77');
    expect(weapp.storage.has('rb.reportDraft')).toBe(false);
  });

  it('after the report, asks for 状态通知 and 回访邀请 once, remembers a refusal, and never asks for it again', async () => {
    // A first-time user: nothing on the server, nothing on the device (the report above answered too).
    consents = { status: null, visit: null };
    weapp.storage.delete('rb.subscribe-consent');
    const submit = async () => {
      const page = await weapp.mount('pages/report/index');
      await page.tap(page.byText('井盖缺失'));
      await page.input(page.byProp(/^请描述问题/), '6号楼东侧井盖丢失，晚上很危险');
      await page.tap(page.byText('在地图上选择位置'));
      await page.tap(page.byText('提交'));
      await page.settle(60);
    };
    const asked = () => weapp.calls.filter((c) => c.api === 'requestSubscribeMessage').map((c) => c.options.tmplIds);
    const before = asked().length;
    await submit();
    expect(asked().slice(before)).toEqual([['tmpl-status', 'tmpl-visit']]);
    expect(consents).toEqual({ status: 'accept', visit: 'reject' });
    expect(weapp.calls.filter((c) => c.api === 'redirectTo').at(-1)?.options.url).toBe('/pages/ticket/index?id=77');
    // The next report: the refused 回访邀请 is not asked again; 状态通知 is (one message per accept).
    await submit();
    expect(asked().slice(before)).toEqual([['tmpl-status', 'tmpl-visit'], ['tmpl-status']]);
  });
});
