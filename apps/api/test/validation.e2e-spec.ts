import IORedis from 'ioredis';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

describe('bad input gets a 4xx that names the field, never a 5xx', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const good = () => ({ categoryId: ids.category('pipe_leak'), description: '楼道水管漏水' });

  it.each([
    ['an unknown field (no mass assignment)', { status: 'closed' }, 'status'],
    ['the reporter set by the client', { reporterId: 1 }, 'reporterId'],
    ['a category given as text', { categoryId: 'one' }, 'categoryId'],
    ['an empty description', { description: '' }, 'description'],
    ['a latitude off the globe', { location: { lat: 138, lng: 106.2 } }, 'location.lat'],
    ['a location field that is not allowed', { location: { lat: 38.5, lng: 106.2, altitude: 3 } }, 'location.altitude'],
    ['photo ids that are not UUIDs', { photoIds: ['abc'] }, 'photoIds'],
    ['ten photos', { photoIds: Array.from({ length: 10 }, (_, i) => `6f1c1d1e-1a2b-4c3d-8e9f-0a1b2c3d4e${String(i).padStart(2, '0')}`) }, 'photoIds'],
    ['an unknown channel', { channel: 'fax' }, 'channel'],
    ['a malformed phone', { reporterPhone: '12345' }, 'reporterPhone'],
    ['an id beyond int range', { compoundId: 99999999999 }, 'compoundId'],
  ])('POST /tickets with %s → 400 naming %s', async (_, patch, field) => {
    const res = await as.post('resident', '/api/tickets', { ...good(), ...patch });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toContain(field);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['a whitespace-only description', { description: '   \n\t  ' }, 'description'],
    ['a full-width-space-only description', { description: '\u3000\u3000\u3000' }, 'description'],
    ['a BEL in the description', { description: '楼道水管漏水\u0007\u0007' }, 'description'],
    ['an ANSI escape in the description', { description: '\u001b[31m楼道水管漏水\u001b[0m' }, 'description'],
    ['a C1 control in the description', { description: '楼道水管\u0085漏水' }, 'description'],
    ['a noncharacter in the description', { description: '楼道水管漏水\uFFFE' }, 'description'],
    ['U+FFFF in the address', { location: { lat: 38.48, lng: 106.23, address: '6号楼\uFFFF' } }, 'location.address'],
    ['a line break in the one-line address', { location: { lat: 38.48, lng: 106.23, address: '6号楼\n2单元' } }, 'location.address'],
  ])('POST /tickets with %s → 400 naming %s', async (_, patch, field) => {
    const res = await as.post('resident', '/api/tickets', { ...good(), ...patch });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('a multi-line description with tabs is fine', async () => {
    const res = await as.post('resident', '/api/tickets', { ...good(), description: '楼道水管漏水\n\t已经两天了\r\n请尽快处理' });
    expect(res.status).toBe(201);
  });

  it('notes, reasons and names are held to the same rules', async () => {
    const id = (await as.post('resident', '/api/tickets', good())).body.id;
    const field = (res: { status: number; body: { details?: Array<{ field: string }> } }) => [res.status, res.body.details?.[0]?.field];
    expect(field(await as.post('community', `/api/tickets/${id}/reject`, { reason: '    ' }))).toEqual([400, 'reason']);
    expect(field(await as.post('community', `/api/tickets/${id}/reject`, { reason: '不属于\u001b[2J物业范围' }))).toEqual([400, 'reason']);
    expect(field(await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye'), note: '尽快\u0007' }))).toEqual([400, 'note']);
    expect(field(await as.post('resident', `/api/tickets/${id}/cancel`, { reason: '不需要了\u009b' }))).toEqual([400, 'reason']);
    const token = await as.token('resident');
    const me = (body: object) => t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send(body);
    expect(field(await me({ displayName: '   ' }))).toEqual([400, 'displayName']);
    expect(field(await me({ displayName: '\u001b[31m张三' }))).toEqual([400, 'displayName']);
    expect(field(await me({ displayName: '张\t三' }))).toEqual([400, 'displayName']);
    // None of them changed anything.
    expect((await as.get('community', `/api/tickets/${id}`)).body.status).toBe('submitted');
  });

  it.each([
    ['categoryId', { categoryId: 2147483000 }],
    ['compoundId', { compoundId: 2147483000 }],
    ['buildingId', { compoundId: undefined, buildingId: 2147483000 }],
  ])('an unknown %s → 400 INVALID_REFERENCE', async (field, patch) => {
    const res = await as.post('resident', '/api/tickets', { ...good(), ...patch });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('INVALID_REFERENCE');
    expect(res.body.message).toContain(field);
  });

  it('a building of another compound is refused', async () => {
    const other: Array<{ id: number }> = await t.db.query(`SELECT id FROM org_units WHERE code = 'mingyuan-b1'`);
    const res = await as.post('resident', '/api/tickets', { ...good(), buildingId: other[0].id });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('buildingId');
  });

  it('malformed JSON and wrong content types are 4xx', async () => {
    const token = await as.token('resident');
    const broken = await t.http().post('/api/tickets').set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send('{"categoryId": ');
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe('VALIDATION_FAILED');
    const text = await t.http().post('/api/tickets').set('authorization', `Bearer ${token}`).set('content-type', 'application/xml').send('<ticket/>');
    expect(text.status).toBe(415);
    expect(text.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it.each([
    ['abc', 'id'],
    ['0', 'id'],
    ['99999999999', 'id'],
    ['1.5', 'id'],
  ])('GET /tickets/%s → 400 naming the id', async (id, field) => {
    const res = await as.get('community', `/api/tickets/${id}`);
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(field);
  });

  it.each(['01', '+1', '1e3', '0x10', '1%20', '%201', '1.0', '-1', '00', '2147483648'])('GET /tickets/%s → 400 naming the id (only canonical decimal ids)', async (id) => {
    const res = await as.get('community', `/api/tickets/${id}`);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details[0].field).toBe('id');
  });

  it('a canonical id still works', async () => {
    const id = (await as.post('resident', '/api/tickets', good())).body.id;
    expect((await as.get('community', `/api/tickets/${id}`)).status).toBe(200);
    expect((await as.get('community', `/api/tickets/${id}`)).body.id).toBe(id);
  });

  it.each([
    ['/api/tickets?categoryId=1e3', 'categoryId'],
    ['/api/tickets?compoundId=0x10', 'compoundId'],
    ['/api/tickets?communityId=%2B1', 'communityId'],
    ['/api/tickets?handlerOrgId=01', 'handlerOrgId'],
    ['/api/tickets?cursor=1%20', 'cursor'],
    ['/api/tickets?limit=2e1', 'limit'],
    ['/api/appeals?cursor=0x10', 'cursor'],
    ['/api/reports/sla?scopeId=1e0', 'scopeId'],
    ['/api/reports/overdue?limit=0x10', 'limit'],
    ['/api/notifications?cursor=01', 'cursor'],
    ['/api/tickets/nearby?categoryId=0x1&lat=38.48&lng=106.23', 'categoryId'],
    ['/api/tickets/nearby?categoryId=1&lat=0x26&lng=106.23', 'lat'],
  ])('GET %s → 400 naming %s', async (path, field) => {
    const res = await as.get('community', path);
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it('canonical query numbers still work', async () => {
    const res = await as.get('community', `/api/tickets?categoryId=${ids.category('pipe_leak')}&limit=5`);
    expect(res.status).toBe(200);
  });

  it('action bodies are validated too', async () => {
    const id = (await as.post('resident', '/api/tickets', good())).body.id;
    const both = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye'), departmentId: ids.org('fire') });
    expect(both.status).toBe(400);
    expect(both.body.message).toContain('companyId');
    const neither = await as.post('community', `/api/tickets/${id}/dispatch`, {});
    expect(neither.status).toBe(400);
    const notCompany = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('fire') });
    expect(notCompany.status).toBe(400);
    expect(notCompany.body).toMatchObject({ code: 'INVALID_REFERENCE' });
    const noReason = await as.post('community', `/api/tickets/${id}/reject`, {});
    expect(noReason.status).toBe(400);
    expect(noReason.body.message).toContain('reason');
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    const badAssignee = await as.post('property', `/api/tickets/${id}/accept`, { assigneeId: await as.id('resident') });
    expect(badAssignee.status).toBe(400);
    expect(badAssignee.body.message).toContain('assigneeId');
    const badRating = await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'great' });
    expect(badRating.status).toBe(400);
    expect(badRating.body.message).toContain('rating');
    const list = await as.get('community', '/api/tickets?status=open&limit=1000');
    expect(list.status).toBe(400);
    expect(list.body.message).toMatch(/status|limit/);
    // None of the refused calls moved the ticket.
    const view = await as.get('community', `/api/tickets/${id}`);
    expect(view.body.status).toBe('dispatched');
  });

  it.each([
    ['3,000 levels of objects (6 KB)', `${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}`],
    ['3,000 levels of arrays inside a field', `{"description":${'['.repeat(3000)}${']'.repeat(3000)}}`],
    ['100,000 levels of arrays', `{"description":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ['33 levels, one past the limit', `{"location":${'{"a":'.repeat(32)}1${'}'.repeat(32)}}`],
  ])('a JSON body nested %s → 400 BODY_TOO_DEEP, not a 500', async (_, json) => {
    const token = await as.token('resident');
    for (const path of ['/api/tickets', '/api/auth/login']) {
      const res = await t.http().post(path).set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send(json);
      expect([res.status, res.body.code]).toEqual([400, 'BODY_TOO_DEEP']);
      expect(res.body.message).toContain('body');
    }
  });

  it('a body nested to the limit is still an ordinary validation answer', async () => {
    const res = await as.post('resident', '/api/tickets', { ...good(), location: JSON.parse(`${'{"a":'.repeat(31)}1${'}'.repeat(31)}`) });
    expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(res.body.message).toContain('location');
  });

  it('a JSON null, array, number or string where a form is expected is a 400 naming the body; the ticket is not cancelled', async () => {
    const id = (await as.post('resident', '/api/tickets', good())).body.id;
    const token = await as.token('resident');
    const send = (method: 'post' | 'patch', path: string, json: string) =>
      t.http()[method](path).set('authorization', `Bearer ${token}`).set('content-type', 'application/json').send(json);
    for (const json of ['null', '[]', '[{"reason":"不需要了"}]', '42', '"取消"', 'true']) {
      const cancel = await send('post', `/api/tickets/${id}/cancel`, json);
      expect([json, cancel.status, cancel.body.code]).toEqual([json, 400, 'VALIDATION_FAILED']);
      expect(cancel.body.details[0].field).toBe('body');
      const me = await send('patch', '/api/me', json);
      expect([json, me.status, me.body.details?.[0].field]).toEqual([json, 400, 'body']);
    }
    expect((await as.get('resident', `/api/tickets/${id}`)).body.status).toBe('submitted');
    // No body at all still means "no fields": a cancel without a reason works.
    const plain = await t.http().post(`/api/tickets/${id}/cancel`).set('authorization', `Bearer ${token}`);
    expect(plain.status).toBeLessThan(300);
    expect((await as.get('resident', `/api/tickets/${id}`)).body.status).toBe('cancelled');
  });

  it('unknown routes are a 404 in the same error shape', async () => {
    const res = await as.get('community', '/api/nope');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });
});

describe('rate limits', () => {
  let t: TestApp;
  let as: Actors;

  beforeAll(async () => {
    t = await startApp({ RATE_LIMIT_PER_MINUTE: '5', RATE_LIMIT_REPORTS_PER_MINUTE: '2', RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
    as = new Actors(t);
  });
  afterAll(() => t.close());

  it('a caller over the per-minute limit gets 429 with Retry-After', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await as.get('community', '/api/categories')).status);
    expect(codes.filter((c) => c === 200).length).toBeGreaterThanOrEqual(1);
    const limited = await as.get('community', '/api/categories');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('logins are limited per client address', async () => {
    const statuses: number[] = [];
    // The limit is 3 a minute per address, and this file's dev-login already spent one of them.
    for (let i = 0; i < 4; i++) statuses.push((await t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' })).status);
    expect(statuses).toEqual([401, 401, 429, 429]);
  });
});

describe('rate limits across API processes', () => {
  const prefix = `rb:test-rate:shared-${Date.now()}:`;
  const limits = { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_REPORTS_PER_MINUTE: '100000', RATE_LIMIT_LOGIN_PER_MINUTE: '4', RATE_LIMIT_PREFIX: prefix };
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    a = await startApp(limits);
    b = await startApp(limits);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('two API processes behind one balancer count against one limit (the windows live in Redis)', async () => {
    const login = (t: TestApp) => t.http().post('/api/auth/login').send({ username: 'nobody', password: 'x' });
    const statuses = [];
    for (const t of [a, b, a]) statuses.push((await login(t)).status);
    // A Redis restart forgets the counting script (EVALSHA answers NOSCRIPT): the count goes on in
    // Redis, not in each process's memory.
    const redis = new IORedis(process.env.REDIS_URL as string, { maxRetriesPerRequest: 1 });
    try {
      await redis.script('FLUSH');
      for (const t of [b, a, b]) statuses.push((await login(t)).status);
      const counted = await redis.keys(`${prefix}login:ip*`);
      expect(counted).toHaveLength(1);
      expect(Number(await redis.get(counted[0]))).toBe(6);
    } finally {
      redis.disconnect();
    }
    // Four attempts a minute per address in all, whichever process takes them.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
  });
});
