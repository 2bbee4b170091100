import { categories, compounds, me } from './fixtures';
import { loadWeapp, type Weapp } from './weapp.harness';

const created = { id: 77, no: 'HG260305000077', status: 'submitted', priority: 'emergency', createdAt: '2026-03-05T02:04:00Z', replayed: false };
const uploadId = '0b9d1c1e-0000-4000-8000-000000000001';
let posted: Array<{ body: any; header: Record<string, string> }> = [];

function api(method: string, url: string, body: unknown, header: Record<string, string>) {
  const path = url.replace('http://127.0.0.1:3000', '');
  if (path === '/api/me') return { statusCode: 200, data: me };
  if (path === '/api/categories') return { statusCode: 200, data: { items: categories } };
  if (path === '/api/org/compounds') return { statusCode: 200, data: { items: compounds } };
  if (method === 'POST' && path === '/api/uploads') return { statusCode: 201, data: { id: uploadId, url: `/api/uploads/${uploadId}`, mimeType: 'image/jpeg', sizeBytes: 1000 } };
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
});
