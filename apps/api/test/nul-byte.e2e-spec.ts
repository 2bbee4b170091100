import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/** Found by a fuzzer: PostgreSQL refuses U+0000, and every text input that reached it was a 500. */
describe('a NUL character anywhere in the input is a 400 naming the field', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const refused = (res: { status: number; body: { code?: string; details?: Array<{ field: string }> } }, field: string) => {
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.details?.[0].field).toBe(field);
  };

  it('before sign-in: login and dev-login usernames', async () => {
    refused(await t.http().post('/api/auth/login').send({ username: 'ad\u0000min', password: 'whatever-password' }), 'username');
    refused(await t.http().post('/api/auth/dev-login').send({ username: 'admin\u0000' }), 'username');
  });

  it('query parameters and nested body fields, and no ticket is written', async () => {
    refused(await as.get('resident', '/api/org/compounds?q=%00'), 'q');
    refused(await as.get('community', '/api/tickets?text=%E4%BA%95%00'), 'text');
    const mine = async () => Number((await t.db.query("SELECT count(*) FROM tickets WHERE reporter_id = $1", [await as.id('resident')]))[0].count);
    const before = await mine();
    const body = { categoryId: ids.category('sewer_blocked'), compoundId: ids.unit('hupanjiayuan') };
    refused(await as.post('resident', '/api/tickets', { ...body, description: '下水道\u0000反水' }), 'description');
    refused(await as.post('resident', '/api/tickets', { ...body, description: '下水道反水', location: { lat: 38.48, lng: 106.23, address: '6号楼\u0000' } }), 'location.address');
    expect(await mine()).toBe(before);
  });

  it('Open311 answers in its own error list', async () => {
    const json = await t.http().get('/open311/v2/requests.json?service_code=%00');
    expect(json.status).toBe(400);
    expect(json.body).toEqual([{ code: 400, description: expect.stringContaining('service_code') }]);
    const xml = await t.http().get('/open311/v2/requests.xml?status=open%00');
    expect(xml.status).toBe(400);
    expect(xml.text).toContain('<errors>');
    expect(xml.text).toContain('status');
  });
});
