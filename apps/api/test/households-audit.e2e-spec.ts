import { AuditPrune } from '../src/audit/audit-prune.service';
import { JOB_QUEUE, parsePayload } from '../src/worker/jobs';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;

/** 居民绑定房屋 and 操作日志 (issue #12 B). */
describe('居民绑定房屋 and 操作日志', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let compound: number;
  let buildings: number[];
  let unit: number;
  const user: Record<string, number> = {};

  const makeUser = async (username: string, displayName: string, binding: { role: string; orgUnitId?: number } = { role: 'resident' }) => {
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ($1, $2) RETURNING id`, [username, displayName]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, $2, $3)`, [u.id, binding.role, binding.orgUnitId ?? null]);
    user[username] = u.id;
    return u.id;
  };
  const entriesOf = async (actorId: number) =>
    (await t.db.query(`SELECT method, route, target_id, body, status, error_code, ip FROM audit_entries WHERE actor_id = $1 ORDER BY id`, [actorId])) as Array<{
      method: string; route: string; target_id: string | null; body: Record<string, unknown> | null; status: number; error_code: string | null; ip: string | null;
    }>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    // 枫林湾 (安居苑社区): its community staff is the demo `community`; `community2` serves another community.
    compound = ids.unit('fenglinwan');
    buildings = ((await t.db.query(`SELECT id FROM org_units WHERE kind = 'building' AND parent_id = $1 ORDER BY id`, [compound])) as Array<{ id: number }>).map((b) => b.id);
    expect(buildings.length).toBeGreaterThanOrEqual(1);
    const [u]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO register_units (compound_id, building_id, unit_no, area_m2, sold, owner_name) VALUES ($1, $2, 'HB-1201', 98.50, true, '周建华') RETURNING id`,
      [compound, buildings[0]],
    );
    unit = u.id;
    await makeUser('hb-owner', '周建华');
    await makeUser('hb-tenant', '吴晓梅');
    await makeUser('hb-direct', '郑国庆');
    // This file's own admins: a district one (to count its entries) and one of 北京中路街道.
    await makeUser('au-admin', '=HYPERLINK("http://x")', { role: 'admin' });
    await makeUser('au-street-admin', '北京中路街道管理员', { role: 'admin', orgUnitId: ids.unit('beijingzhonglu') });
  });
  afterAll(() => t.close());

  describe('绑定房屋', () => {
    let ownerRequest = 0;

    it('a resident asks as owner of a register unit; staff of another community see 404; the community approves', async () => {
      const bad = await as.post('hb-owner', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], tenure: 'owner', room: '12-01' });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('room');
      expect((await as.post('hb-owner', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], tenure: 'owner' })).body.message).toContain('unitId');
      // The 房号 as the register writes it names the unit.
      const req = await as.post('hb-owner', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], room: 'HB-1201', tenure: 'owner' });
      expect(req.status).toBe(201);
      expect(req.body).toMatchObject({ status: 'requested', tenure: 'owner', unit: { id: unit, unitNo: 'HB-1201' } });
      ownerRequest = req.body.id;
      expect((await as.post('hb-owner', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], room: '1-101', tenure: 'tenant' })).body.code).toBe('HOUSEHOLD_REQUEST_EXISTS');

      expect((await as.get('community2', `/api/compounds/${compound}/household-bindings`)).status).toBe(404);
      expect((await as.post('community2', `/api/household-bindings/${ownerRequest}/decision`, { decision: 'approved' })).status).toBe(404);
      expect((await as.post('property', `/api/household-bindings/${ownerRequest}/decision`, { decision: 'approved' })).status).toBe(404);
      const waiting = await as.get('community', `/api/compounds/${compound}/household-bindings`);
      expect(waiting.body.items.map((i: { id: number }) => i.id)).toContain(ownerRequest);

      const ok = await as.post('community', `/api/household-bindings/${ownerRequest}/decision`, { decision: 'approved' });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('approved');
      expect((await as.post('community', `/api/household-bindings/${ownerRequest}/decision`, { decision: 'refused', reason: '重复' })).status).toBe(409);
      const [home]: Array<{ compound_id: number; building_id: number }> = await t.db.query('SELECT compound_id, building_id FROM users WHERE id = $1', [user['hb-owner']]);
      expect(home).toEqual({ compound_id: compound, building_id: buildings[0] });
      // The owner register agrees: a verified owner of the unit (业主大会 votes count them).
      const units = await as.get('hb-owner', '/api/me/units');
      expect(units.body.items).toEqual([expect.objectContaining({ status: 'verified', unit: expect.objectContaining({ id: unit }) })]);
      const notes: Array<{ title: string }> = await t.db.query(`SELECT title FROM notifications WHERE user_id = $1`, [user['hb-owner']]);
      expect(notes.map((n) => n.title)).toEqual(['房屋绑定已通过']);
    });

    it('a refusal needs a reason, which the resident reads; a tenant never becomes an owner', async () => {
      const req = await as.post('hb-tenant', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], room: '3-502', tenure: 'tenant' });
      expect(req.status).toBe(201);
      const noReason = await as.post('community', `/api/household-bindings/${req.body.id}/decision`, { decision: 'refused' });
      expect(noReason.status).toBe(400);
      expect(noReason.body.message).toContain('reason');
      const refused = await as.post('community', `/api/household-bindings/${req.body.id}/decision`, { decision: 'refused', reason: '房东未确认出租' });
      expect(refused.status).toBe(200);
      expect(refused.body).toMatchObject({ status: 'refused', reason: '房东未确认出租' });
      const notes: Array<{ title: string; body: string }> = await t.db.query(`SELECT title, body FROM notifications WHERE user_id = $1`, [user['hb-tenant']]);
      expect(notes).toEqual([{ title: '房屋绑定未通过', body: expect.stringContaining('房东未确认出租') }]);
      // Asked again and approved as tenant: a home, no owner link.
      const again = await as.post('hb-tenant', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], room: '3-502', tenure: 'tenant' });
      expect((await as.post('community', `/api/household-bindings/${again.body.id}/decision`, { decision: 'approved' })).status).toBe(200);
      expect(await t.db.query('SELECT 1 FROM unit_owners WHERE user_id = $1', [user['hb-tenant']])).toHaveLength(0);
      expect((await as.get('hb-tenant', '/api/me/household-bindings')).body.items.map((i: { status: string }) => i.status)).toEqual(['approved', 'refused']);
    });

    it('staff bind a resident directly; only residents ask; another community cannot bind', async () => {
      const body = { userId: user['hb-direct'], buildingId: buildings[0], room: '5-101', tenure: 'tenant' };
      expect((await as.post('community2', `/api/compounds/${compound}/household-bindings`, body)).status).toBe(404);
      const bound = await as.post('community', `/api/compounds/${compound}/household-bindings`, body);
      expect(bound.status).toBe(201);
      expect(bound.body.status).toBe('approved');
      expect((await as.post('community', `/api/compounds/${compound}/household-bindings`, { ...body, userId: await as.id('property') })).status).toBe(400);
      expect((await as.post('community', '/api/me/household-bindings', { compoundId: compound, buildingId: buildings[0], room: '1', tenure: 'tenant' })).status).toBe(403);
    });
  });

  describe('操作日志', () => {
    it('records admin actions on /api/admin/* and mutating requests by admins, successes and failures, without secrets', async () => {
      const created = await as.post('au-admin', '/api/admin/users', { username: 'au-created', displayName: '日志测试', roles: [{ role: 'grid_worker', orgUnitId: ids.unit('anjuyuan-g1') }] });
      expect(created.status).toBe(201);
      const failed = await as.post('au-admin', '/api/admin/users', { username: 'au-failed', displayName: '日志测试', roles: [{ role: 'community_staff', orgUnitId: ids.unit('jinfeng') }] });
      expect(failed.status).toBe(400);
      const reset = await as.post('au-admin', `/api/admin/users/${created.body.user.id}/reset-password`);
      expect(reset.status).toBe(200);
      // A mutating request outside /api/admin by an admin, whose body holds secrets.
      const pw = await as.post('au-admin', '/api/me/password', { currentPassword: 'Not-my-password-1', newPassword: 'Secret-new-password-9' });
      expect(pw.status).toBe(400);
      // A read of an admin route is recorded too.
      expect((await as.get('au-admin', `/api/admin/users/${created.body.user.id}`)).status).toBe(200);
      // The code, redeemed by the person (a public route, not an admin's action).
      expect((await t.http().post('/api/auth/redeem-code').send({ username: 'au-created', code: reset.body.code.code, newPassword: 'Redeemed-password-7' })).status).toBe(200);

      const entries = await entriesOf(user['au-admin']);
      expect(entries.map((e) => [e.method, e.route, e.status, e.error_code])).toEqual([
        ['POST', '/api/admin/users', 201, null],
        ['POST', '/api/admin/users', 400, 'VALIDATION_FAILED'],
        ['POST', '/api/admin/users/:id/reset-password', 200, null],
        ['POST', '/api/me/password', 400, 'VALIDATION_FAILED'],
        ['GET', '/api/admin/users/:id', 200, null],
      ]);
      expect(entries[0].body).toMatchObject({ username: 'au-created', roles: [{ role: 'grid_worker' }] });
      expect(entries[2].target_id).toBe(String(created.body.user.id));
      expect(entries[3].body).toEqual({ currentPassword: '***', newPassword: '***' });
      expect(entries[0].ip).toBe('127.0.0.1');
      const everything = JSON.stringify(await t.db.query('SELECT * FROM audit_entries'));
      for (const secret of [reset.body.code.code, created.body.code.code, 'Secret-new-password-9', 'Not-my-password-1', 'Redeemed-password-7']) expect(everything).not.toContain(secret);
    });

    it('admins read it with filters and a cursor; a street admin reads only their street’s people', async () => {
      const page = await as.get('au-admin', `/api/admin/audit?actorId=${user['au-admin']}&outcome=failed`);
      expect(page.status).toBe(200);
      expect(page.body.items.map((e: { status: number }) => e.status)).toEqual([400, 400]);
      expect(page.body.items[0].actor).toEqual({ id: user['au-admin'], displayName: '=HYPERLINK("http://x")' });
      const first = await as.get('au-admin', `/api/admin/audit?actorId=${user['au-admin']}&method=POST`);
      expect(first.body.items.length).toBeGreaterThanOrEqual(4);
      const older = await as.get('au-admin', `/api/admin/audit?actorId=${user['au-admin']}&cursor=${first.body.items[1].id}`);
      expect(older.body.items.every((e: { id: number }) => e.id < first.body.items[1].id)).toBe(true);
      const count = async (query: string) => (await as.get('au-admin', `/api/admin/audit?actorId=${user['au-admin']}&${query}`)).body.items.length as number;
      expect(await count('from=2099-01-01')).toBe(0);
      expect(await count('to=2000-01-01')).toBe(0);
      expect(await count('from=2000-01-01&to=2098-12-31')).toBeGreaterThanOrEqual(5);
      expect(await count(`target=${first.body.items.find((e: { targetId: string | null }) => e.targetId)?.targetId}`)).toBeGreaterThanOrEqual(1);
      expect((await as.get('au-admin', '/api/admin/audit?from=2026-13-01')).status).toBe(400);

      expect((await as.get('au-street-admin', '/api/admin/users?q=au-')).status).toBe(200);
      const street = await as.get('au-street-admin', `/api/admin/audit?actorId=${user['au-admin']}`);
      expect(street.body.items).toEqual([]);
      const own = await as.get('au-street-admin', `/api/admin/audit?actorId=${user['au-street-admin']}`);
      expect(own.body.items.length).toBeGreaterThanOrEqual(1);
      expect((await as.get('community', '/api/admin/audit')).status).toBe(403);
    });

    it('exports CSV with formula-like text neutralised', async () => {
      const res = await t.http().get(`/api/admin/audit/export?actorId=${user['au-admin']}&outcome=failed&method=POST`).set('authorization', `Bearer ${await as.token('au-admin')}`).buffer(true).parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toContain('text/csv');
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF操作日志')).toBe(true);
      const lines = text.trim().split('\r\n');
      expect(lines[1]).toContain('操作人');
      expect(lines).toHaveLength(4);
      expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
      expect(text).not.toMatch(/,=HYPERLINK/);
    });

    it('the prune job deletes entries older than 190 days, once (injected clock)', async () => {
      const now = new Date('2001-09-10T00:00:00Z');
      const insert = (at: Date, route: string) =>
        t.db.query(`INSERT INTO audit_entries (at, actor_id, method, route, status) VALUES ($1, $2, 'POST', $3, 200)`, [at, user['au-admin'], route]);
      await insert(new Date(now.getTime() - 191 * DAY), '/prune/old');
      await insert(new Date(now.getTime() - 189 * DAY), '/prune/young');
      const prune = new AuditPrune(t.db);
      expect(await prune.prune(now)).toEqual({ removed: 1 });
      expect(await prune.prune(now)).toEqual({ removed: 0 });
      const left: Array<{ route: string }> = await t.db.query(`SELECT route FROM audit_entries WHERE route LIKE '/prune/%'`);
      expect(left).toEqual([{ route: '/prune/young' }]);
      expect(await prune.prune(new Date(now.getTime() + 2 * DAY))).toEqual({ removed: 1 });
      // The worker's job: on the reports queue, no payload.
      expect(JOB_QUEUE['audit.prune']).toBe('reports');
      expect(parsePayload('audit.prune', {})).toEqual({});
    });
  });
});
