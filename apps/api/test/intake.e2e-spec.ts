import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/** Staff entering cases for residents: 12345 hotline, walk-in, grid patrol. */
describe('intake channels', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  // Case numbers unique to this run, so the file can run twice against one database.
  const run = Date.now().toString(36).toUpperCase();
  const caseNo = (n: number) => `INTAKE-${run}-${n}`;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const body = (extra: object = {}) => ({
    categoryId: ids.category('sewer_blocked'), description: '5号楼下水道反水', compoundId: ids.unit('hupanjiayuan'), ...extra,
  });

  it('a resident reports through the mini-program only', async () => {
    const own = await as.post('resident', '/api/tickets', body());
    expect(own.status).toBe(201);
    expect((await as.get('resident', `/api/tickets/${own.body.id}`)).body).toMatchObject({ channel: 'mini_program', caller: null, hotline: null });
    expect((await as.post('resident', '/api/tickets', body({ channel: 'mini_program' }))).status).toBe(201);
    for (const channel of ['hotline_12345', 'walk_in', 'grid_patrol']) {
      const res = await as.post('resident', '/api/tickets', body({ channel, hotlineCaseNo: channel === 'hotline_12345' ? caseNo(90) : undefined }));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', details: [{ field: 'channel' }] });
    }
    const named = await as.post('resident', '/api/tickets', body({ callerName: '张三' }));
    expect(named.status).toBe(400);
    expect(named.body.details[0].field).toBe('callerName');
  });

  it('a resident reporting from the H5 build is recorded as h5 (来源 H5网页), still their own report; staff may not claim it', async () => {
    const h5 = await as.post('resident', '/api/tickets', body({ channel: 'h5' }));
    expect(h5.status).toBe(201);
    const view = (await as.get('resident', `/api/tickets/${h5.body.id}`)).body;
    expect(view).toMatchObject({ channel: 'h5', caller: null, hotline: null });
    expect(view.timeline[0]).toMatchObject({ actor: { role: 'resident' }, data: { channel: 'h5' } });
    const listed = await as.get('community', `/api/tickets?channel=h5&text=${encodeURIComponent('5号楼下水道反水')}`);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toContain(h5.body.id);
    const named = await as.post('resident', '/api/tickets', body({ channel: 'h5', callerName: '张三' }));
    expect(named.status).toBe(400);
    expect(named.body.details[0].field).toBe('callerName');
    for (const who of ['grid', 'community']) {
      const res = await as.post(who, '/api/tickets', body({ channel: 'h5' }));
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED', details: [{ field: 'channel' }] });
    }
  });

  it('a grid worker files patrol cases only, in the grid', async () => {
    const patrol = await as.post('grid', '/api/tickets', body({ callerName: '王大爷', reporterPhone: '13900001111' }));
    expect(patrol.status).toBe(201);
    const view = (await as.get('grid', `/api/tickets/${patrol.body.id}`)).body;
    expect(view).toMatchObject({ channel: 'grid_patrol', caller: { name: '王大爷', phone: '13900001111' }, hotline: null });
    expect(view.timeline[0]).toMatchObject({ actor: { role: 'grid_worker' }, data: { channel: 'grid_patrol' } });

    for (const channel of ['hotline_12345', 'walk_in', 'mini_program']) {
      const res = await as.post('grid', '/api/tickets', body({ channel, hotlineCaseNo: channel === 'hotline_12345' ? caseNo(91) : undefined }));
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('CHANNEL_NOT_ALLOWED');
    }
    // 枫林湾小区 is in the community's second grid, not this grid worker's.
    const elsewhere = await as.post('grid', '/api/tickets', body({ compoundId: ids.unit('fenglinwan'), channel: 'grid_patrol' }));
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'compoundId' }] });
  });

  it('community staff enter 12345 cases with the case number, call time and caller; one ticket per case', async () => {
    const missing = await as.post('community', '/api/tickets', body({ channel: 'hotline_12345', reporterPhone: '13909518826' }));
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'hotlineCaseNo' }] });
    const malformed = await as.post('community', '/api/tickets', body({ channel: 'hotline_12345', hotlineCaseNo: '工单1' }));
    expect(malformed.status).toBe(400);
    expect(malformed.body.details[0].field).toBe('hotlineCaseNo');

    const calledAt = '2026-03-02T09:30:00+08:00';
    const created = await as.post('community', '/api/tickets', body({
      channel: 'hotline_12345', hotlineCaseNo: caseNo(1), calledAt, callerName: '张秀英', reporterPhone: '13909518826',
    }));
    expect(created.status).toBe(201);
    const view = (await as.get('community', `/api/tickets/${created.body.id}`)).body;
    expect(view).toMatchObject({
      channel: 'hotline_12345',
      hotline: { caseNo: caseNo(1), calledAt: '2026-03-02T01:30:00.000Z' },
      caller: { name: '张秀英', phone: '13909518826' },
      reporter: { phone: '13909518826' },
    });
    expect(view.timeline[0]).toMatchObject({ actor: { role: 'community_staff' }, data: { channel: 'hotline_12345', hotlineCaseNo: caseNo(1) } });

    const again = await as.post('community', '/api/tickets', body({ channel: 'hotline_12345', hotlineCaseNo: caseNo(1) }));
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'HOTLINE_CASE_EXISTS', details: [{ field: 'hotlineCaseNo' }] });
    // The street's staff cannot enter the same 12345 case a second time either.
    expect((await as.post('street', '/api/tickets', body({ channel: 'hotline_12345', hotlineCaseNo: caseNo(1) }))).status).toBe(409);

    const future = await as.post('community', '/api/tickets', body({
      channel: 'hotline_12345', hotlineCaseNo: caseNo(2), calledAt: new Date(Date.now() + 86_400_000).toISOString(),
    }));
    expect(future.status).toBe(400);
    expect(future.body.details[0].field).toBe('calledAt');
  });

  it('hotline fields belong to hotline cases; walk-in and patrol work for community and street staff', async () => {
    const walkInWithCase = await as.post('community', '/api/tickets', body({ channel: 'walk_in', hotlineCaseNo: caseNo(3) }));
    expect(walkInWithCase.status).toBe(400);
    expect(walkInWithCase.body.details[0].field).toBe('hotlineCaseNo');
    const walkInWithTime = await as.post('community', '/api/tickets', body({ channel: 'walk_in', calledAt: '2026-03-02T09:30:00+08:00' }));
    expect(walkInWithTime.body.details[0].field).toBe('calledAt');

    const walkIn = await as.post('community', '/api/tickets', body({ channel: 'walk_in', callerName: '刘建华' }));
    expect(walkIn.status).toBe(201);
    expect((await as.get('community', `/api/tickets/${walkIn.body.id}`)).body).toMatchObject({ channel: 'walk_in', caller: { name: '刘建华' }, hotline: null });
    const patrol = await as.post('street', '/api/tickets', body({ channel: 'grid_patrol' }));
    expect(patrol.status).toBe(201);
    const streetHotline = await as.post('street', '/api/tickets', body({ channel: 'hotline_12345', hotlineCaseNo: caseNo(4) }));
    expect(streetHotline.status).toBe(201);
    expect((await as.get('street', `/api/tickets/${streetHotline.body.id}`)).body.timeline[0].actor.role).toBe('street_staff');

    const staffAsResident = await as.post('community', '/api/tickets', body({ channel: 'mini_program' }));
    expect(staffAsResident.status).toBe(403);
    expect(staffAsResident.body.code).toBe('CHANNEL_NOT_ALLOWED');
    const outside = await as.post('community', '/api/tickets', body({ compoundId: ids.unit('haipolanxuan-1'), channel: 'hotline_12345', hotlineCaseNo: caseNo(5) }));
    expect(outside.status).toBe(400);
    expect(outside.body.details[0].field).toBe('compoundId');
    const company = await as.post('property', '/api/tickets', body({ channel: 'walk_in' }));
    expect(company.status).toBe(403);
    expect(company.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it('the caller’s phone is masked in lists, and in the ticket for roles that do not call back', async () => {
    const created = await as.post('community', '/api/tickets', body({
      channel: 'hotline_12345', hotlineCaseNo: caseNo(6), calledAt: '2026-03-03T14:00:00+08:00', callerName: '马玉梅', reporterPhone: '13809517730',
    }));
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    const listed = async (user: string) => {
      const res = await as.get(user, `/api/tickets?channel=hotline_12345&text=${caseNo(6)}`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([id]);
      return res.body.items[0];
    };
    for (const user of ['community', 'street', 'supervisor']) {
      const item = await listed(user);
      expect(item).toMatchObject({ channel: 'hotline_12345', hotline: { caseNo: caseNo(6) }, reporter: { phone: '138****7730' }, caller: { phone: '138****7730' } });
    }
    expect((await listed('community')).caller.name).toBe('马玉梅');
    expect((await listed('street')).caller.name).toBe('马**');

    const detail = async (user: string) => (await as.get(user, `/api/tickets/${id}`)).body;
    expect((await detail('community')).caller).toEqual({ name: '马玉梅', phone: '13809517730' });
    expect((await detail('grid')).caller).toEqual({ name: '马玉梅', phone: '13809517730' });
    expect((await detail('street')).caller).toEqual({ name: '马**', phone: '138****7730' });
    expect((await detail('supervisor')).caller).toEqual({ name: '马**', phone: '138****7730' });

    // Only hotline cases in this list, whoever filed them.
    const hotlineOnly = await as.get('community', '/api/tickets?channel=hotline_12345&limit=100');
    expect(hotlineOnly.body.items.length).toBeGreaterThan(0);
    expect(hotlineOnly.body.items.every((i: { channel: string }) => i.channel === 'hotline_12345')).toBe(true);
  });
});
