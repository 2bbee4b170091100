import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';
import { xmlProblem } from './support/xml-well-formed';

const BASE = '/open311/v2';
const FORM = 'application/x-www-form-urlencoded';
const RATE_LIMIT = 60;

/** The text of every `<tag>` element, in document order (our XML has no attributes or CDATA). */
function xmlValues(xml: string, tag: string): string[] {
  return [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>|<${tag}/>`, 'g'))].map((m) => decode(m[1] ?? ''));
}
function decode(text: string): string {
  return text.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)));
}
function expectXmlDocument(text: string, root: string): void {
  expect(xmlProblem(text)).toBeNull();
  expect(text.startsWith('<?xml version="1.0" encoding="utf-8"?>')).toBe(true);
  expect(text).toMatch(new RegExp(`^<\\?xml[^>]*\\?><${root}>[\\s\\S]*</${root}>$|^<\\?xml[^>]*\\?><${root}/>$`));
}

const SPEC_REQUEST_FIELDS = [
  'service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible',
  'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode',
  'lat', 'long', 'media_url',
];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/;

describe('Open311 GeoReport v2', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let apiKey: string;
  let apiKeyId: number;
  /** A key an admin granted the full view, for a stated purpose. */
  let fullKey: string;
  // 湖畔嘉苑 (安居苑社区), served by 宁夏塞上阳光物业 under contract.
  const nearHupan = { lat: '38.4947', long: '106.2276' };

  beforeAll(async () => {
    // Behind a trusted proxy, as in docker-compose: X-Forwarded-* headers from loopback are believed.
    t = await startApp({ OPEN311_POSTS_PER_MINUTE: String(RATE_LIMIT), TRUSTED_PROXIES: 'loopback' });
    as = new Actors(t);
    ids = await codeIds(t);
    const issued = await as.post('admin', '/api/admin/open311-keys', { name: '12345 热线 311 客户端' });
    expect(issued.status).toBe(201);
    apiKey = issued.body.key;
    apiKeyId = issued.body.id;
    const full = await as.post('admin', '/api/admin/open311-keys', { name: '金凤区12345热线', scope: 'full', purpose: '12345热线回访来电市民的报事办理情况' });
    expect(full.status).toBe(201);
    fullKey = full.body.key;
  });
  afterAll(() => t.close());

  const get = (path: string) => t.http().get(`${BASE}/${path}`);
  /** A GET with an api_key, appended to whatever query the path has. */
  const getWith = (key: string, path: string) => t.http().get(`${BASE}/${path}${path.includes('?') ? '&' : '?'}api_key=${encodeURIComponent(key)}`);
  const post = (fmt: 'xml' | 'json', fields: Record<string, string>) =>
    t.http().post(`${BASE}/requests.${fmt}`).set('content-type', FORM).send(new URLSearchParams(fields).toString());
  const file = async (fields: Record<string, string> = {}) => {
    const res = await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', ...nearHupan, description: '井盖丢失，夜间危险', ...fields });
    expect(res.status).toBe(201);
    return res.body[0] as { service_request_id: string; token: string };
  };
  const ticketId = async (no: string) => {
    const rows: Array<{ id: number }> = await t.db.query('SELECT id FROM tickets WHERE no = $1', [no]);
    return rows[0].id;
  };
  const expectJsonError = (res: { status: number; body: unknown; headers: Record<string, string> }, status: number, text: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body).toEqual([{ code: status, description: expect.stringMatching(text) }]);
  };
  const expectXmlError = (res: { status: number; text: string; headers: Record<string, string> }, status: number, text: RegExp) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^text\/xml/);
    expectXmlDocument(res.text, 'errors');
    expect(xmlValues(res.text, 'code')).toEqual([String(status)]);
    expect(xmlValues(res.text, 'description')[0]).toMatch(text);
  };

  describe('discovery and services', () => {
    it('discovery.xml and discovery.json name the GeoReport v2 endpoint and both formats', async () => {
      const json = await get('discovery.json');
      expect(json.status).toBe(200);
      expect(json.body).toMatchObject({ changeset: expect.stringMatching(ISO_WITH_OFFSET), contact: expect.any(String), key_service: expect.any(String) });
      expect(json.body.endpoints).toEqual([
        expect.objectContaining({
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/open311\/v2\/$/),
          type: 'production',
          formats: ['text/xml', 'application/json'],
        }),
      ]);
      const xml = await get('discovery.xml');
      expect(xml.status).toBe(200);
      expect(xml.headers['content-type']).toBe('text/xml; charset=utf-8');
      expectXmlDocument(xml.text, 'discovery');
      expect(xml.text).toContain('<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>');
      expect(xmlValues(xml.text, 'format')).toEqual(['text/xml', 'application/json']);
    });

    it('discovery never takes its URL from X-Forwarded-Host; PUBLIC_BASE_URL decides it when set', async () => {
      const forged = await get('discovery.json').set('x-forwarded-host', 'evil.example').set('x-forwarded-proto', 'https');
      expect(forged.body.endpoints[0].url).toBe(`${t.url}/open311/v2/`);
      expect(forged.text).not.toContain('evil.example');

      const configured = await startApp({ TRUSTED_PROXIES: 'loopback', PUBLIC_BASE_URL: 'https://hgj.jinfeng.example.gov.cn/' });
      try {
        for (const fmt of ['json', 'xml'] as const) {
          const res = await configured.http().get(`${BASE}/discovery.${fmt}`).set('x-forwarded-host', 'evil.example');
          expect(res.text).not.toContain('evil.example');
          expect(res.text).toContain('https://hgj.jinfeng.example.gov.cn/open311/v2/');
        }
      } finally {
        await configured.close();
      }
    });

    it('services list every active category with the spec fields, in both formats', async () => {
      const active: Array<{ code: string; name: string; group_name: string }> = await t.db.query(
        'SELECT code, name, group_name FROM categories WHERE active ORDER BY sort_order, id',
      );
      const json = await get('services.json');
      expect(json.status).toBe(200);
      expect(json.body.map((s: { service_code: string }) => s.service_code)).toEqual(active.map((c) => c.code));
      for (const s of json.body) {
        expect(Object.keys(s)).toEqual(['service_code', 'service_name', 'description', 'metadata', 'type', 'keywords', 'group']);
        expect(s.type).toBe('realtime');
      }
      const elevator = json.body.find((s: { service_code: string }) => s.service_code === 'elevator_fault');
      expect(elevator).toMatchObject({ service_name: '电梯故障', metadata: true, group: '电梯' });
      const manhole = json.body.find((s: { service_code: string }) => s.service_code === 'manhole_cover_missing');
      expect(manhole).toMatchObject({ metadata: false, keywords: expect.stringContaining('井盖') });

      const xml = await get('services.xml');
      expectXmlDocument(xml.text, 'services');
      expect(xmlValues(xml.text, 'service_code')).toEqual(active.map((c) => c.code));
      expect(xmlValues(xml.text, 'service_name')).toEqual(active.map((c) => c.name));
      expect(xmlValues(xml.text, 'group')).toEqual(active.map((c) => c.group_name));
      expect(new Set(xmlValues(xml.text, 'metadata'))).toEqual(new Set(['true', 'false']));
    });

    it('a service definition lists 楼栋 and 单元 as attributes; a street-level service has none', async () => {
      const json = await get('services/elevator_fault.json');
      expect(json.status).toBe(200);
      expect(json.body.service_code).toBe('elevator_fault');
      expect(json.body.attributes).toEqual([
        expect.objectContaining({ variable: true, code: 'building', datatype: 'string', required: false, order: 1, description: '楼栋', datatype_description: expect.any(String) }),
        expect.objectContaining({ variable: true, code: 'unit', datatype: 'number', required: false, order: 2, description: '单元' }),
      ]);
      const xml = await get('services/elevator_fault.xml');
      expectXmlDocument(xml.text, 'service_definition');
      expect(xml.text).toContain('<attributes><attribute><variable>true</variable><code>building</code><datatype>string</datatype><required>false</required>');
      expect(xmlValues(xml.text, 'code')).toEqual(['building', 'unit']);

      const none = await get('services/street_vending.json');
      expect(none.body).toEqual({ service_code: 'street_vending', attributes: [] });
    });

    it('an unknown service_code or format is a 404 in the requested format', async () => {
      expectJsonError(await get('services/no_such_service.json'), 404, /service_code no_such_service not found/);
      expectXmlError(await get('services/no_such_service.xml'), 404, /service_code no_such_service not found/);
      expectXmlError(await get('services.csv'), 404, /format/);
      expectJsonError(await get('nothing.json'), 404, /no resource nothing/);
    });
  });

  describe('API keys', () => {
    it('admins issue a key once, list keys without it, and revoke it; a revoked key is refused', async () => {
      const issued = await as.post('admin', '/api/admin/open311-keys', { name: '临时测试客户端' });
      expect(issued.status).toBe(201);
      expect(issued.body.key).toMatch(/^o311_[A-Za-z0-9_-]{40,}$/);
      const stored: Array<{ key_hash: string }> = await t.db.query('SELECT key_hash FROM open311_keys WHERE id = $1', [issued.body.id]);
      expect(stored[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].key_hash).not.toContain(issued.body.key);

      const list = await as.get('admin', '/api/admin/open311-keys');
      expect(list.status).toBe(200);
      const row = list.body.items.find((k: { id: number }) => k.id === issued.body.id);
      expect(row).toMatchObject({ name: '临时测试客户端', keyPrefix: issued.body.key.slice(0, 9), revokedAt: null });
      expect(JSON.stringify(list.body)).not.toContain(issued.body.key);

      const ok = await post('json', { api_key: issued.body.key, service_code: 'street_light_out', ...nearHupan, description: '路灯不亮' });
      expect(ok.status).toBe(201);

      const revoked = await t.http().delete(`/api/admin/open311-keys/${issued.body.id}`).set('authorization', `Bearer ${await as.token('admin')}`);
      expect(revoked.status).toBe(200);
      expect(revoked.body.revokedAt).toEqual(expect.any(String));
      const after = await post('json', { api_key: issued.body.key, service_code: 'street_light_out', ...nearHupan, description: '路灯不亮' });
      expectJsonError(after, 403, /api_key is invalid or revoked/);
      expectXmlError(await post('xml', { api_key: issued.body.key, service_code: 'street_light_out', ...nearHupan }), 403, /api_key/);

      const unknown = await t.http().delete('/api/admin/open311-keys/999999').set('authorization', `Bearer ${await as.token('admin')}`);
      expect(unknown.status).toBe(404);
    });

    it('only admins manage keys', async () => {
      expect((await as.post('community', '/api/admin/open311-keys', { name: 'x客户端' })).status).toBe(403);
      expect((await as.get('supervisor', '/api/admin/open311-keys')).status).toBe(403);
      expect((await as.post('admin', '/api/admin/open311-keys', {})).body.code).toBe('VALIDATION_FAILED');
    });

    it(`each key may file ${RATE_LIMIT} requests a minute`, async () => {
      const issued = await as.post('admin', '/api/admin/open311-keys', { name: '限流测试客户端' });
      for (let i = 0; i < RATE_LIMIT; i++) expect((await post('json', { api_key: issued.body.key })).status).toBe(400);
      expectJsonError(await post('json', { api_key: issued.body.key }), 429, /rate limit/);
      // Another key has its own budget.
      expect((await post('json', { api_key: apiKey })).status).toBe(400);
    });
  });

  describe('POST requests: errors', () => {
    it('refuses a missing or unknown api_key with 403 in both formats', async () => {
      expectJsonError(await post('json', { service_code: 'manhole_cover_missing', ...nearHupan }), 403, /api_key is required/);
      expectXmlError(await post('xml', { service_code: 'manhole_cover_missing', ...nearHupan }), 403, /api_key is required/);
      expectJsonError(await post('json', { api_key: 'o311_guess', service_code: 'manhole_cover_missing', ...nearHupan }), 403, /invalid or revoked/);
    });

    it('names the missing or wrong field with 400 in both formats', async () => {
      expectJsonError(await post('json', { api_key: apiKey, ...nearHupan }), 400, /^service_code: required/);
      expectXmlError(await post('xml', { api_key: apiKey, ...nearHupan }), 400, /^service_code: required/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'no_such', ...nearHupan }), 400, /service_code no_such not found/);
      expectXmlError(await post('xml', { api_key: apiKey, service_code: 'manhole_cover_missing' }), 400, /lat and long, address_string or address_id is required/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', lat: '38.4947' }), 400, /lat\/long: give both/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', lat: '91', long: '106' }), 400, /^lat:/);
      // Beijing: no compound of ours within 500 m.
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', lat: '39.9042', long: '116.4074' }), 400, /no compound we serve within 500 m/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', address_string: '不存在的地方' }), 400, /^address_string:/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', address_id: 'nowhere' }), 400, /^address_id:/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', ...nearHupan, 'attribute[building]': '6' }), 400, /attribute\[building\]: service manhole_cover_missing has no attribute/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'elevator_fault', ...nearHupan, 'attribute[building]': '99号楼' }), 400, /attribute\[building\]: no building 99号楼 in 湖畔嘉苑/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'elevator_fault', ...nearHupan, 'attribute[unit]': 'two' }), 400, /attribute\[unit\]/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'elevator_fault', ...nearHupan, phone: '12' }), 400, /^phone:/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'elevator_fault', ...nearHupan, email: 'not-mail' }), 400, /^email:/);
      expectJsonError(await post('json', { api_key: apiKey, service_code: 'elevator_fault', ...nearHupan, media_url: 'ftp://x/y.jpg' }), 400, /^media_url:/);
    });

    it('control characters in any text field are a 400 naming the field (line breaks only in the description)', async () => {
      const base = { api_key: apiKey, service_code: 'manhole_cover_missing', ...nearHupan };
      expectJsonError(await post('json', { ...base, description: '井盖丢了\u0007\u0007' }), 400, /^description: must not contain control character U\+0007/);
      expectXmlError(await post('xml', { ...base, description: '\u001b[31m井盖丢了\u001b[0m' }), 400, /^description: must not contain control character U\+001B/);
      expectJsonError(await post('json', { ...base, description: '井盖丢了', first_name: '张\u0008三' }), 400, /^first_name:/);
      expectJsonError(await post('json', { ...base, description: '井盖丢了', address_string: '湖畔嘉苑\n6号楼' }), 400, /^address_string:/);
      expectJsonError(await post('json', { ...base, description: '井盖丢了\ufffe' }), 400, /^description: must not contain the noncharacter U\+FFFE/);
      // A multi-line description is still fine.
      expect((await post('json', { ...base, description: '井盖丢了\n在南门' })).status).toBe(201);
    });

    it('refuses a JSON body: the spec posts application/x-www-form-urlencoded', async () => {
      const res = await t.http().post(`${BASE}/requests.json`).send({ api_key: apiKey, service_code: 'manhole_cover_missing', ...nearHupan });
      expectJsonError(res, 400, /x-www-form-urlencoded/);
      // Errors raised before the route runs (an unparseable body, an unknown path) keep the spec's shape too.
      const broken = await t.http().post(`${BASE}/requests.xml`).set('content-type', 'application/json').send('{broken');
      expectXmlError(broken, 400, /JSON/);
      expectXmlError(await get('no/such/path.xml'), 404, /Cannot GET/);
    });

    it('the open311 channel cannot be claimed through the normal API', async () => {
      const res = await as.post('community', '/api/tickets', { categoryId: ids.category('street_light_out'), description: '路灯不亮', compoundId: ids.unit('hupanjiayuan'), channel: 'open311' });
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', message: expect.stringContaining('channel') });
    });
  });

  describe('POST and GET requests', () => {
    it('a fault while recording the request leaves no ticket behind (ticket and record are one transaction)', async () => {
      await t.db.query(`CREATE FUNCTION open311_fault() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF NEW.email = 'fault@example.com' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`);
      await t.db.query(`CREATE TRIGGER open311_fault BEFORE INSERT ON open311_requests FOR EACH ROW EXECUTE FUNCTION open311_fault()`);
      try {
        const count = async () => (await t.db.query(`SELECT count(*)::int AS n FROM tickets WHERE description = '故障演练：井盖松动'`))[0].n;
        const res = await post('json', { api_key: apiKey, service_code: 'manhole_cover_missing', ...nearHupan, description: '故障演练：井盖松动', email: 'fault@example.com' });
        expect(res.status).toBe(500);
        expect(await count()).toBe(0);
        await file({ description: '故障演练：井盖松动', email: 'ok@example.com' });
        expect(await count()).toBe(1);
      } finally {
        await t.db.query('DROP TRIGGER open311_fault ON open311_requests');
        await t.db.query('DROP FUNCTION open311_fault()');
      }
    });

    it('files a request with attributes and contact details; GET returns the spec fields and no personal data', async () => {
      const res = await post('json', {
        api_key: apiKey, service_code: 'elevator_fault', ...nearHupan,
        'attribute[building]': '6', 'attribute[unit]': '2',
        description: '6号楼2单元电梯停在3楼不动，联系我13912345678', email: 'zhang.wei@example.com', first_name: '伟', last_name: '张',
        phone: '+86 139 1234 5678', device_id: 'dev-42', account_id: 'acct-7', media_url: 'https://img.example.com/elevator.jpg',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual([{ service_request_id: expect.stringMatching(/^HG\d{12,}$/), token: expect.any(String), service_notice: expect.stringContaining('优先级：加急'), account_id: 'acct-7' }]);
      const no: string = res.body[0].service_request_id;

      const [row]: Array<Record<string, unknown>> = await t.db.query(
        `SELECT t.channel, t.reporter_phone, t.building_id, b.name AS building, cp.name AS compound, t.address, t.status,
                e.actor_role, k.reporter_id = t.reporter_id AS by_key_reporter
           FROM tickets t JOIN org_units cp ON cp.id = t.compound_id LEFT JOIN org_units b ON b.id = t.building_id
           JOIN ticket_events e ON e.ticket_id = t.id AND e.action = 'report'
           JOIN open311_keys k ON k.id = $2
          WHERE t.no = $1`,
        [no, apiKeyId],
      );
      expect(row).toMatchObject({ channel: 'open311', reporter_phone: '13912345678', building: '6号楼', compound: '湖畔嘉苑', address: '湖畔嘉苑6号楼2单元', status: 'submitted', actor_role: 'resident', by_key_reporter: true });

      for (const fmt of ['json', 'xml'] as const) {
        const one = await get(`requests/${no}.${fmt}`);
        expect(one.status).toBe(200);
        for (const secret of ['zhang.wei@example.com', '13912345678', 'dev-42', '张', '伟', 'email', 'first_name', 'last_name', 'phone', 'device_id']) {
          expect(one.text).not.toContain(secret);
        }
      }
      const json = await get(`requests/${no}.json`);
      expect(json.body).toHaveLength(1);
      expect(Object.keys(json.body[0])).toEqual(SPEC_REQUEST_FIELDS);
      // The public view: the compound, not the building, unit or exact point; no photo.
      expect(json.body[0]).toMatchObject({
        service_request_id: no, status: 'open', status_notes: '待派单', service_code: 'elevator_fault', service_name: '电梯故障',
        description: '[住址]电梯停在3楼不动，联系我139****5678', agency_responsible: '安居苑社区', address: '湖畔嘉苑',
        address_id: 'hupanjiayuan', lat: 38.4946, long: 106.2275, media_url: null,
        requested_datetime: expect.stringMatching(ISO_WITH_OFFSET), updated_datetime: expect.stringMatching(ISO_WITH_OFFSET), expected_datetime: null,
      });
      // The full view, for a key granted it: where exactly, and the photo; the phone still masked.
      const full = await getWith(fullKey, `requests/${no}.json`);
      expect(Object.keys(full.body[0])).toEqual(SPEC_REQUEST_FIELDS);
      expect(full.body[0]).toMatchObject({
        description: '6号楼2单元电梯停在3楼不动，联系我139****5678', address: '湖畔嘉苑6号楼2单元',
        address_id: 'hupanjiayuan-b6', lat: 38.4947, long: 106.2276, media_url: 'https://img.example.com/elevator.jpg',
      });
      for (const secret of ['zhang.wei@example.com', '13912345678', 'dev-42', '张', '伟']) expect(full.text).not.toContain(secret);
      const xml = await get(`requests/${no}.xml`);
      expectXmlDocument(xml.text, 'service_requests');
      for (const field of SPEC_REQUEST_FIELDS) expect(xml.text).toMatch(new RegExp(`<${field}>|<${field}/>`));
      expect(xmlValues(xml.text, 'service_request_id')).toEqual([no]);
      expect(xmlValues(xml.text, 'status')).toEqual(['open']);
      expect(xmlValues(xml.text, 'long')).toEqual(['106.2275']);
      expect(xmlValues((await getWith(fullKey, `requests/${no}.xml`)).text, 'long')).toEqual(['106.2276']);
    });

    it('files by address_string in XML; the token leads to the request in both formats', async () => {
      const res = await post('xml', { api_key: apiKey, service_code: 'sewer_blocked', address_string: '金凤区湖畔嘉苑9号楼北侧', description: '下水道返水 & 有异味' });
      expect(res.status).toBe(201);
      expectXmlDocument(res.text, 'service_requests');
      const [no] = xmlValues(res.text, 'service_request_id');
      const [token] = xmlValues(res.text, 'token');
      expect(no).toMatch(/^HG/);
      const json = await get(`tokens/${token}.json`);
      expect(json.status).toBe(200);
      expect(json.body).toEqual([{ service_request_id: no, token }]);
      const xml = await get(`tokens/${token}.xml`);
      expect(xmlValues(xml.text, 'service_request_id')).toEqual([no]);
      const view = await get(`requests/${no}.json`);
      expect(view.body[0]).toMatchObject({ address: '湖畔嘉苑', description: '下水道返水 & 有异味', lat: 38.4946, long: 106.2275 });
      // Placed at the compound's point, since the client sent only an address.
      const full = await getWith(fullKey, `requests/${no}.json`);
      expect(full.body[0]).toMatchObject({ address: '金凤区湖畔嘉苑9号楼北侧', description: '下水道返水 & 有异味', lat: 38.4946, long: 106.2275 });
      expect(xmlValues((await get(`requests/${no}.xml`)).text, 'description')).toEqual(['下水道返水 & 有异味']);
    });

    it('files by address_id (a building code)', async () => {
      const { service_request_id: no } = await file({ address_id: 'hupanjiayuan-b3', lat: '', long: '' });
      const view = await get(`requests/${no}.json`);
      expect(view.body[0]).toMatchObject({ address_id: 'hupanjiayuan', address: '湖畔嘉苑' });
      const full = await getWith(fullKey, `requests/${no}.json`);
      expect(full.body[0]).toMatchObject({ address_id: 'hupanjiayuan-b3', address: '湖畔嘉苑3号楼' });
    });

    it('unknown ids and tokens are 404 in both formats', async () => {
      expectJsonError(await get('requests/HG000000000000.json'), 404, /service_request_id HG000000000000 not found/);
      expectXmlError(await get('requests/HG000000000000.xml'), 404, /not found/);
      expectJsonError(await get('tokens/00000000-0000-4000-8000-000000000000.json'), 404, /token .* not found/);
      expectXmlError(await get('tokens/not-a-token.xml'), 404, /not found/);
    });

    it('GET requests filters by id list, service_code and status, within the 90-day window', async () => {
      const a = await file({ service_code: 'street_light_out', description: '路灯不亮一周了' });
      const b = await file({ service_code: 'greenery_trim', description: '树枝挡住窗户' });
      const old = await file({ service_code: 'greenery_trim', description: '很久以前的报事' });
      await t.db.query(`UPDATE tickets SET created_at = now() - interval '100 days' WHERE no = $1`, [old.service_request_id]);

      const byIds = await get(`requests.json?service_request_id=${a.service_request_id},${b.service_request_id},${old.service_request_id}`);
      expect(byIds.body.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual([a, b, old].map((r) => r.service_request_id).sort());
      const byIdsXml = await get(`requests.xml?service_request_id=${a.service_request_id}`);
      expect(xmlValues(byIdsXml.text, 'service_request_id')).toEqual([a.service_request_id]);

      const green = await get('requests.json?service_code=greenery_trim&status=open');
      const greenIds = green.body.map((r: { service_request_id: string }) => r.service_request_id);
      expect(greenIds).toContain(b.service_request_id);
      expect(greenIds).not.toContain(a.service_request_id);
      // Older than 90 days: outside the default window.
      expect(greenIds).not.toContain(old.service_request_id);
      expect(green.body.every((r: { service_code: string; status: string }) => r.service_code === 'greenery_trim' && r.status === 'open')).toBe(true);

      const closed = await get('requests.xml?service_code=greenery_trim&status=closed');
      expect(xmlValues(closed.text, 'service_request_id')).not.toContain(b.service_request_id);

      const day = 86_400_000;
      const iso = (ms: number) => new Date(ms).toISOString();
      const from = Date.now() - 120 * day;
      const to = Date.now() - 80 * day;
      const window = await get(`requests.json?service_code=greenery_trim&start_date=${iso(from)}&end_date=${iso(to)}`);
      const windowIds = window.body.map((r: { service_request_id: string }) => r.service_request_id);
      expect(windowIds).toContain(old.service_request_id);
      expect(windowIds).not.toContain(b.service_request_id);
      for (const r of window.body) {
        const at = new Date(r.requested_datetime).getTime();
        expect(at >= Math.floor(from / 1000) * 1000 && at <= to).toBe(true);
      }
      const onlyStart = await get(`requests.json?service_code=greenery_trim&start_date=${iso(Date.now() - 101 * day)}`);
      expect(onlyStart.body.map((r: { service_request_id: string }) => r.service_request_id)).toContain(old.service_request_id);

      expectJsonError(await get(`requests.json?start_date=${iso(Date.now() - 120 * day)}&end_date=${iso(Date.now())}`), 400, /may not span more than 90 days/);
      expectXmlError(await get('requests.xml?start_date=yesterday'), 400, /^start_date:/);
      expectXmlError(await get('requests.xml?status=pending'), 400, /status: pending is not open or closed/);
      expectJsonError(await get('requests.json?service_code=no_such'), 400, /service_code no_such not found/);
      expectJsonError(await get(`requests.json?end_date=${iso(Date.now() - day)}&start_date=${iso(Date.now())}`), 400, /end_date: is before start_date/);
    });
  });

  it('a request filed through Open311 goes round the normal loop; Open311 shows the new status and holder', async () => {
    const filedFrom = new Date(Date.now() - 60_000).toISOString();
    const { service_request_id: no } = await file({ description: '湖畔嘉苑东门井盖丢失' });
    const id = await ticketId(no);
    const seen = await as.get('community', `/api/tickets/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ status: 'submitted', channel: 'open311' });

    expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    const dispatched = (await get(`requests/${no}.json`)).body[0];
    expect(dispatched).toMatchObject({ status: 'open', status_notes: '待接单', agency_responsible: '宁夏塞上阳光物业服务有限公司', expected_datetime: null });

    expect((await as.post('property', `/api/tickets/${id}/accept`, { assigneeId: await as.id('worker') })).status).toBe(200);
    const detail = await as.get('property', `/api/tickets/${id}`);
    const resolveLeg = detail.body.deadlines.find((d: { leg: string }) => d.leg === 'resolve');
    const accepted = (await get(`requests/${no}.json`)).body[0];
    expect(accepted.expected_datetime).toMatch(ISO_WITH_OFFSET);
    expect(new Date(accepted.expected_datetime).getTime()).toBe(Math.floor(new Date(resolveLeg.dueAt).getTime() / 1000) * 1000);
    expect(accepted.status_notes).toBe('处理中');

    expect((await as.post('worker', `/api/tickets/${id}/resolve`, { note: '已更换新井盖' })).status).toBe(200);
    const xml = await get(`requests/${no}.xml`);
    expect(xmlValues(xml.text, 'status')).toEqual(['closed']);
    expect(xmlValues(xml.text, 'status_notes')).toEqual(['待评价：已更换新井盖']);
    expect(xmlValues(xml.text, 'agency_responsible')).toEqual(['宁夏塞上阳光物业服务有限公司']);
    const closedList = await get(`requests.json?status=closed&service_code=manhole_cover_missing&start_date=${filedFrom}`);
    expect(closedList.body.map((r: { service_request_id: string }) => r.service_request_id)).toContain(no);
    const openList = await get(`requests.json?status=open&service_code=manhole_cover_missing&start_date=${filedFrom}`);
    expect(openList.body.map((r: { service_request_id: string }) => r.service_request_id)).not.toContain(no);
  });

  it('tickets from other channels are readable too, without the reporter', async () => {
    const res = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: '小区路灯坏了，请联系13895012386' });
    expect(res.status).toBe(201);
    const view = await get(`requests/${res.body.no}.json`);
    expect(view.status).toBe(200);
    expect(view.body[0]).toMatchObject({ service_code: 'street_light_out', description: '小区路灯坏了，请联系138****2386', media_url: null });
    expect(view.text).not.toContain('李建国');
    expect(view.text).not.toContain('13895012386');
  });

  describe('what the public feed shows (issue #11)', () => {
    // Every form of personal data a resident writes into a description.
    const DESCRIPTION =
      '路灯不亮。联系13800138000、138-0013-8000、138 0013 8000、+86 139 0013 9000，座机0931-8123456、(0931)8123456，' +
      '身份证620102199001011234、62010219900101123X，邮箱zhang.wei@example.com，住3号楼2单元1402室，也可找3栋1402、1402室、2-1402';
    const PUBLIC_DESCRIPTION =
      '路灯不亮。联系138****8000、138****8000、138****8000、139****9000，座机[电话]、[电话]，' +
      '身份证[证件号]、[证件号]，邮箱***@***，住[住址]，也可找[住址]、[住址]、[住址]';
    const FULL_DESCRIPTION =
      '路灯不亮。联系138****8000、138****8000、138****8000、139****9000，座机[电话]、[电话]，' +
      '身份证[证件号]、[证件号]，邮箱***@***，住3号楼2单元1402室，也可找3栋1402、1402室、2-1402';
    const SECRETS = ['13800138000', '0013', '8123456', '620102', '1990', 'zhang.wei', 'example.com', '1402', '3号楼', '3栋', '2单元', '38.49512', '106.22801'];
    const EXACT = { lat: 38.49512, lng: 106.22801, address: '湖畔嘉苑3号楼2单元1402室门口' };
    // Ticket numbers (HG + date + day sequence) are public and may contain any digits, e.g. HG261205000013.
    const withoutRequestIds = (text: string) => text.replace(/HG\d{12}/g, 'HG…');

    let publicNo: string;
    let privateNo: string;
    let compound: { name: string; code: string; lat: number; lng: number };

    beforeAll(async () => {
      const lamp = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: DESCRIPTION, location: EXACT });
      expect(lamp.status).toBe(201);
      publicNo = lamp.body.no;
      const leak = await as.post('resident', '/api/tickets', { categoryId: ids.category('pipe_leak'), description: '家里厨房水管漏水，3号楼2单元1402室', location: EXACT });
      expect(leak.status).toBe(201);
      privateNo = leak.body.no;
      [compound] = await t.db.query(
        `SELECT cp.name, cp.code, cp.lat, cp.lng FROM tickets t JOIN org_units cp ON cp.id = t.compound_id WHERE t.no = $1`,
        [publicNo],
      );
      // A handler's progress note quotes the resident.
      const id = await ticketId(publicNo);
      expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
      expect((await as.post('property', `/api/tickets/${id}/accept`, { assigneeId: await as.id('worker') })).status).toBe(200);
      const note = await as.post('worker', `/api/tickets/${id}/progress`, { note: '已联系3号楼2单元1402室住户（138 0013 8000），明天换灯' });
      expect(note.status).toBe(200);
    });

    it('categories are private unless marked public; the seed lists shared spaces only', async () => {
      const rows: Array<{ code: string; publicly_listed: boolean }> = await t.db.query('SELECT code, publicly_listed FROM categories');
      const listed = new Map(rows.map((r) => [r.code, r.publicly_listed]));
      for (const code of ['manhole_cover_missing', 'street_light_out', 'greenery_trim', 'door_access_broken']) expect(listed.get(code)).toBe(true);
      for (const code of ['pipe_leak', 'noise_nuisance', 'illegal_construction', 'elevator_trapped']) expect(listed.get(code)).toBe(false);
      const [column]: Array<{ column_default: string }> = await t.db.query(
        `SELECT column_default FROM information_schema.columns WHERE table_name = 'categories' AND column_name = 'publicly_listed'`,
      );
      expect(column.column_default).toBe('false');
    });

    it('anonymously, JSON: a public category at the compound, every phone, ID, e-mail and room form removed', async () => {
      const res = await get(`requests/${publicNo}.json`);
      expect(res.status).toBe(200);
      expect(res.body[0]).toMatchObject({
        service_code: 'street_light_out', description: PUBLIC_DESCRIPTION, address: compound.name, address_id: compound.code,
        lat: compound.lat, long: compound.lng, media_url: null, status_notes: '处理中：已联系[住址]住户（138****8000），明天换灯',
      });
      for (const secret of SECRETS) expect(withoutRequestIds(res.text)).not.toContain(secret);
      const list = await get(`requests.json?service_code=street_light_out`);
      const item = list.body.find((r: { service_request_id: string }) => r.service_request_id === publicNo);
      expect(item).toMatchObject({ description: PUBLIC_DESCRIPTION, lat: compound.lat, long: compound.lng });
      for (const secret of SECRETS) expect(withoutRequestIds(list.text)).not.toContain(secret);
    });

    it('anonymously, XML: the same, in a document that parses', async () => {
      for (const path of [`requests/${publicNo}.xml`, `requests.xml?service_request_id=${publicNo}`, 'requests.xml?service_code=street_light_out']) {
        const res = await get(path);
        expect(res.status).toBe(200);
        expectXmlDocument(res.text, 'service_requests');
        for (const secret of SECRETS) expect(withoutRequestIds(res.text)).not.toContain(secret);
        const at = xmlValues(res.text, 'service_request_id').indexOf(publicNo);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(xmlValues(res.text, 'description')[at]).toBe(PUBLIC_DESCRIPTION);
        expect(xmlValues(res.text, 'address')[at]).toBe(compound.name);
        expect(xmlValues(res.text, 'lat')[at]).toBe(String(compound.lat));
        expect(xmlValues(res.text, 'long')[at]).toBe(String(compound.lng));
        expect(xmlValues(res.text, 'media_url')[at]).toBe('');
      }
    });

    it('anonymously, a private category is not there at all: 404 by id, absent from every list', async () => {
      expectJsonError(await get(`requests/${privateNo}.json`), 404, /not found/);
      expectXmlError(await get(`requests/${privateNo}.xml`), 404, /not found/);
      const byIds = await get(`requests.json?service_request_id=${publicNo},${privateNo}`);
      expect(byIds.body.map((r: { service_request_id: string }) => r.service_request_id)).toEqual([publicNo]);
      const byCode = await get('requests.json?service_code=pipe_leak');
      expect(byCode.status).toBe(200);
      expect(byCode.body).toEqual([]);
      const all = await get('requests.xml');
      expect(xmlValues(all.text, 'service_request_id')).not.toContain(privateNo);
      // The private ticket's own words (other suites file public tickets that may mention a kitchen too).
      expect(all.text).not.toContain('家里厨房水管漏水');
    });

    it('a key with the full scope reads exact place and text of every category; phones, IDs and e-mails stay masked', async () => {
      const lamp = await getWith(fullKey, `requests/${publicNo}.json`);
      expect(lamp.body[0]).toMatchObject({
        description: FULL_DESCRIPTION, address: EXACT.address, lat: EXACT.lat, long: EXACT.lng,
        status_notes: '处理中：已联系3号楼2单元1402室住户（138****8000），明天换灯',
      });
      for (const secret of ['13800138000', '138 0013 8000', '8123456', '620102', 'zhang.wei']) expect(lamp.text).not.toContain(secret);
      const leak = await getWith(fullKey, `requests/${privateNo}.xml`);
      expect(leak.status).toBe(200);
      expectXmlDocument(leak.text, 'service_requests');
      expect(xmlValues(leak.text, 'description')).toEqual(['家里厨房水管漏水，3号楼2单元1402室']);
      expect(xmlValues((await getWith(fullKey, 'requests.xml?service_code=pipe_leak')).text, 'service_request_id')).toContain(privateNo);
    });

    it('a public key reads the public view, plus the private requests it filed itself (redacted); a wrong key is a 403', async () => {
      const own = await file({ service_code: 'pipe_leak', description: '6号楼2单元601室卫生间漏水' });
      expectJsonError(await get(`requests/${own.service_request_id}.json`), 404, /not found/);
      const mine = await getWith(apiKey, `requests/${own.service_request_id}.json`);
      expect(mine.status).toBe(200);
      expect(mine.body[0]).toMatchObject({ description: '[住址]卫生间漏水', address: '湖畔嘉苑', address_id: 'hupanjiayuan' });
      expectJsonError(await getWith(apiKey, `requests/${privateNo}.json`), 404, /not found/);
      expect((await getWith(apiKey, `requests/${publicNo}.json`)).body[0].description).toBe(PUBLIC_DESCRIPTION);
      expectJsonError(await getWith('o311_guess', `requests/${publicNo}.json`), 403, /api_key is invalid or revoked/);
      expectXmlError(await getWith('o311_guess', 'requests.xml'), 403, /api_key/);
    });

    it('the full scope is granted with a purpose only; the key list shows scope and purpose', async () => {
      const refused = await as.post('admin', '/api/admin/open311-keys', { name: '无目的客户端', scope: 'full' });
      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(/^purpose:/) });
      expect((await as.post('admin', '/api/admin/open311-keys', { name: '乱填客户端', scope: 'all' })).body.code).toBe('VALIDATION_FAILED');
      const list = await as.get('admin', '/api/admin/open311-keys');
      expect(list.body.items).toEqual(expect.arrayContaining([
        expect.objectContaining({ name: '金凤区12345热线', scope: 'full', purpose: '12345热线回访来电市民的报事办理情况' }),
        expect.objectContaining({ name: '12345 热线 311 客户端', scope: 'public', purpose: null }),
      ]));
    });

    it('characters XML cannot carry (U+FFFE, U+FFFF, C0 controls) in a description do not break the XML feed', async () => {
      // (A lone surrogate never reaches the database, which stores UTF-8; the format unit test covers it.)
      // The API refuses such text since it was found (IsCleanText); rows written before that, or by
      // hand in the database, may still hold it, and the feed must survive them.
      const res = await as.post('resident', '/api/tickets', { categoryId: ids.category('greenery_trim'), description: '树枝挡住路灯了' });
      expect(res.status).toBe(201);
      await t.db.query(`UPDATE tickets SET description = $1 WHERE id = $2`, ['树枝\uFFFE挡住\uFFFF路灯\u0001\u001F了', res.body.id]);
      for (const path of [`requests/${res.body.no}.xml`, 'requests.xml?service_code=greenery_trim']) {
        const xml = await get(path);
        expect(xml.status).toBe(200);
        expectXmlDocument(xml.text, 'service_requests');
        expect(xmlValues(xml.text, 'description')).toContain('树枝挡住路灯了');
      }
    });
  });

  describe('cost of a request (issue #11)', () => {
    it('service_code=a,a,a,…: each code once, checked in one query; too many codes is a 400 naming the parameter', async () => {
      const categoryQueries = jest.spyOn(t.db, 'query');
      try {
        const res = await get(`requests.json?service_code=${Array(300).fill('street_light_out').join(',')},greenery_trim`);
        expect(res.status).toBe(200);
        expect(res.body.every((r: { service_code: string }) => ['street_light_out', 'greenery_trim'].includes(r.service_code))).toBe(true);
        const lookups = categoryQueries.mock.calls.filter(([sql]) => /FROM categories/.test(String(sql)) && !/FROM tickets/.test(String(sql)));
        expect(lookups).toHaveLength(1);
      } finally {
        categoryQueries.mockRestore();
      }
      const many = Array.from({ length: 101 }, (_, i) => `code_${i}`).join(',');
      expectJsonError(await get(`requests.json?service_code=${many}`), 400, /^service_code: at most 100/);
      expectXmlError(await get(`requests.xml?service_code=${many}`), 400, /^service_code: at most 100/);
    });

    it('concurrent posts with one key do not each write the key row; last_used_at still moves, at most once a minute', async () => {
      const issued = await as.post('admin', '/api/admin/open311-keys', { name: '并发测试客户端' });
      const keyId: number = issued.body.id;
      await t.db.query(`CREATE TABLE open311_key_writes (key_id int NOT NULL)`);
      await t.db.query(`CREATE FUNCTION open311_key_written() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN INSERT INTO open311_key_writes VALUES (NEW.id); RETURN NEW; END $$`);
      await t.db.query(`CREATE TRIGGER open311_key_written AFTER UPDATE ON open311_keys FOR EACH ROW EXECUTE FUNCTION open311_key_written()`);
      const writes = async () => (await t.db.query('SELECT count(*)::int AS n FROM open311_key_writes WHERE key_id = $1', [keyId]))[0].n as number;
      const lastUsed = async () => (await t.db.query('SELECT last_used_at FROM open311_keys WHERE id = $1', [keyId]))[0].last_used_at as Date | null;
      try {
        // Last used long ago (relative to the database's clock): the first posts record the use once.
        await t.db.query(`UPDATE open311_keys SET last_used_at = now() - interval '2 hours' WHERE id = $1`, [keyId]);
        await t.db.query('DELETE FROM open311_key_writes');
        const before = (await lastUsed()) as Date;
        const burst = () => Promise.all(Array.from({ length: 12 }, (_, i) =>
          post('json', { api_key: issued.body.key, service_code: 'street_light_out', ...nearHupan, description: `路灯不亮 第${i + 1}盏` })));
        for (const res of await burst()) expect(res.status).toBe(201);
        expect(await writes()).toBe(1);
        const after = (await lastUsed()) as Date;
        expect(after.getTime()).toBeGreaterThan(before.getTime() + 60 * 60_000);
        // Within the minute: more posts (and reads with the key) write nothing.
        for (const res of await burst()) expect(res.status).toBe(201);
        expect((await getWith(issued.body.key, 'requests.json')).status).toBe(200);
        expect(await writes()).toBe(1);
        expect((await lastUsed())?.getTime()).toBe(after.getTime());
      } finally {
        await t.db.query('DROP TRIGGER open311_key_written ON open311_keys');
        await t.db.query('DROP FUNCTION open311_key_written()');
        await t.db.query('DROP TABLE open311_key_writes');
      }
    });
  });
});
