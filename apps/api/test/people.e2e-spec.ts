import { PeopleClock } from '../src/people/people-clock.service';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

const HOUR = 3_600_000;
const PASSWORD = 'Ppl-e2e-password-1';

/** 人员管理 (issue #12 B): accounts, one-time codes, scoped roles, deactivation, street admins. */
describe('人员管理: accounts, codes, roles, deactivation, street admins', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let clockAt: Date | null = null;

  const bearer = (token: string) => `Bearer ${token}`;
  const login = (username: string, password: string) => t.http().post('/api/auth/login').send({ username, password });
  const redeem = (username: string, code: string, newPassword = PASSWORD) => t.http().post('/api/auth/redeem-code').send({ username, code, newPassword });
  const me = (token: string) => t.http().get('/api/me').set('authorization', bearer(token));
  const create = (who: string, username: string, roles: object[], displayName = '测试人员') => as.post(who, '/api/admin/users', { username, displayName, roles });

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    t.app.get(PeopleClock).now = () => clockAt ?? new Date();
    // A street admin of 北京中路街道 (this file's own account).
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ('ppl-street-admin', '北京中路街道管理员') RETURNING id`);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'admin', $2)`, [u.id, ids.unit('beijingzhonglu')]);
  });
  afterAll(() => t.close());
  afterEach(() => {
    clockAt = null;
  });

  it('creates an account with an invitation code that sets the password once; the code is stored hashed', async () => {
    const res = await create('admin', 'ppl-new-1', [{ role: 'community_staff', orgUnitId: ids.unit('anjuyuan') }]);
    expect(res.status).toBe(201);
    expect(res.body.user).toMatchObject({ username: 'ppl-new-1', active: true, hasPassword: false, pendingCode: { purpose: 'invite' } });
    expect(res.body.user.roles).toEqual([expect.objectContaining({ role: 'community_staff', orgUnit: expect.objectContaining({ id: ids.unit('anjuyuan'), kind: 'community' }) })]);
    const code: string = res.body.code.code;
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    const stored: Array<{ code_hash: string }> = await t.db.query('SELECT code_hash FROM access_codes WHERE user_id = $1', [res.body.user.id]);
    expect(stored).toHaveLength(1);
    expect(stored[0].code_hash).not.toContain(code);
    expect(stored[0].code_hash.startsWith('scrypt$')).toBe(true);

    expect((await login('ppl-new-1', PASSWORD)).status).toBe(401);
    const wrong = await redeem('ppl-new-1', 'AAAA-AAAA');
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('INVALID_CODE');
    const ok = await redeem('ppl-new-1', code.toLowerCase().replace('-', ' '));
    expect(ok.status).toBe(200);
    expect((await me(ok.body.token)).status).toBe(200);
    // Single use: the same code again is refused, the password it set works.
    expect((await redeem('ppl-new-1', code, 'Another-password-2')).status).toBe(401);
    expect((await login('ppl-new-1', PASSWORD)).status).toBe(200);
    expect((await as.get('admin', `/api/admin/users/${res.body.user.id}`)).body).toMatchObject({ hasPassword: true, pendingCode: null });
    // An account with a password gets a reset, not a new invitation.
    expect((await as.post('admin', `/api/admin/users/${res.body.user.id}/invite`)).body.code).toBe('ACCOUNT_HAS_PASSWORD');
  });

  it('a code expires 72 hours after it was issued (injected clock)', async () => {
    const issuedAt = new Date('2031-03-01T02:00:00Z');
    clockAt = issuedAt;
    const res = await create('admin', 'ppl-expiry', [{ role: 'grid_worker', orgUnitId: ids.unit('anjuyuan-g2') }]);
    expect(res.status).toBe(201);
    expect(new Date(res.body.code.expiresAt).getTime()).toBe(issuedAt.getTime() + 72 * HOUR);
    clockAt = new Date(issuedAt.getTime() + 72 * HOUR);
    expect((await redeem('ppl-expiry', res.body.code.code)).status).toBe(401);
    // A fresh invitation replaces it; the earlier code stays dead even inside its window.
    clockAt = issuedAt;
    const again = await as.post('admin', `/api/admin/users/${res.body.user.id}/invite`);
    expect(again.status).toBe(200);
    expect((await redeem('ppl-expiry', res.body.code.code)).status).toBe(401);
    clockAt = new Date(issuedAt.getTime() + 71 * HOUR);
    expect((await redeem('ppl-expiry', again.body.code.code)).status).toBe(200);
  });

  it('a scope must suit its role: 400 naming the field', async () => {
    const cases: Array<[object, string]> = [
      [{ role: 'community_staff', orgUnitId: ids.unit('beijingzhonglu') }, 'roles[0].orgUnitId'],
      [{ role: 'community_staff' }, 'roles[0].orgUnitId'],
      [{ role: 'property_manager', organizationId: ids.org('fire') }, 'roles[0].organizationId'],
      [{ role: 'department_staff', orgUnitId: ids.unit('anjuyuan') }, 'roles[0].orgUnitId'],
      [{ role: 'resident', orgUnitId: ids.unit('anjuyuan') }, 'roles[0].orgUnitId'],
      [{ role: 'street_staff', orgUnitId: 2_000_000_000 }, 'roles[0].orgUnitId'],
    ];
    for (const [role, field] of cases) {
      const res = await create('admin', 'ppl-bad-scope', [role]);
      expect({ role, status: res.status, message: res.body.message }).toEqual({ role, status: 400, message: expect.stringContaining(field) });
    }
    expect((await as.post('admin', '/api/admin/users', { username: 'ppl-bad-scope', displayName: '无角色', roles: [] })).status).toBe(400);
    expect(await t.db.query(`SELECT 1 FROM users WHERE username = 'ppl-bad-scope'`)).toHaveLength(0);
  });

  it('one person holds several roles (网格员 and resident); roles are granted and removed', async () => {
    const res = await create('admin', 'ppl-multi', [{ role: 'grid_worker', orgUnitId: ids.unit('anjuyuan-g1') }, { role: 'resident' }]);
    expect(res.status).toBe(201);
    const id = res.body.user.id as number;
    expect(res.body.user.roles.map((r: { role: string }) => r.role).sort()).toEqual(['grid_worker', 'resident']);
    const granted = await as.post('admin', `/api/admin/users/${id}/roles`, { role: 'property_worker', organizationId: ids.org('saishang-wuye') });
    expect(granted.status).toBe(200);
    expect(granted.body.roles).toHaveLength(3);
    // Granting the same binding again changes nothing.
    expect((await as.post('admin', `/api/admin/users/${id}/roles`, { role: 'resident' })).body.roles).toHaveLength(3);
    const worker = granted.body.roles.find((r: { role: string }) => r.role === 'property_worker');
    const removed = await t.http().delete(`/api/admin/role-bindings/${worker.id}`).set('authorization', bearer(await as.token('admin')));
    expect(removed.status).toBe(200);
    expect(removed.body.roles).toHaveLength(2);
    const list = await as.get('admin', `/api/admin/users?q=ppl-multi&role=grid_worker&orgUnitId=${ids.unit('anjuyuan')}`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((u: { id: number }) => u.id)).toEqual([id]);
    expect((await as.get('admin', `/api/admin/users?q=ppl-multi&role=street_staff`)).body.items).toEqual([]);
  });

  it('lists with a cursor: pages do not overlap and end with a null cursor', async () => {
    for (const n of [1, 2, 3]) expect((await create('admin', `ppl-page-${n}`, [{ role: 'grid_worker', orgUnitId: ids.unit('anjuyuan-g2') }])).status).toBe(201);
    const first = await as.get('admin', '/api/admin/users?q=ppl-page-');
    expect(first.body.items).toHaveLength(3);
    expect(first.body.nextCursor).toBeNull();
    const all = await as.get('admin', '/api/admin/users');
    expect(all.body.items).toHaveLength(20);
    const next = await as.get('admin', `/api/admin/users?cursor=${all.body.nextCursor}`);
    expect(next.status).toBe(200);
    const firstIds = new Set(all.body.items.map((u: { id: number }) => u.id));
    expect(next.body.items.every((u: { id: number }) => !firstIds.has(u.id) && u.id < all.body.nextCursor)).toBe(true);
    // Phones are masked in the list.
    expect(all.body.items.filter((u: { phone: string | null }) => u.phone && !u.phone.includes('*'))).toEqual([]);
  });

  it('deactivation ends every session at once; reactivation does not bring old tokens back', async () => {
    const res = await create('admin', 'ppl-leaver', [{ role: 'community_staff', orgUnitId: ids.unit('anjuyuan') }]);
    const id = res.body.user.id as number;
    expect((await redeem('ppl-leaver', res.body.code.code)).status).toBe(200);
    const token = (await login('ppl-leaver', PASSWORD)).body.token as string;
    expect((await me(token)).status).toBe(200);
    const off = await as.post('admin', `/api/admin/users/${id}/deactivate`);
    expect(off.status).toBe(200);
    expect(off.body.active).toBe(false);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('UNAUTHENTICATED');
    expect((await login('ppl-leaver', PASSWORD)).status).toBe(401);
    expect((await as.get('admin', `/api/admin/users?q=ppl-leaver&active=false`)).body.items.map((u: { id: number }) => u.id)).toEqual([id]);
    expect((await as.post('admin', `/api/admin/users/${id}/reactivate`)).body.active).toBe(true);
    expect((await me(token)).status).toBe(401);
    expect((await login('ppl-leaver', PASSWORD)).status).toBe(200);
    // An admin cannot lock themselves out.
    expect((await as.post('admin', `/api/admin/users/${await as.id('admin')}/deactivate`)).body.code).toBe('CANNOT_DEACTIVATE_SELF');
  });

  it('deactivation reaches every API process at once (their actor caches are told through Redis)', async () => {
    const other = await startApp();
    try {
      const res = await create('admin', 'ppl-two-procs', [{ role: 'community_staff', orgUnitId: ids.unit('anjuyuan') }]);
      expect((await redeem('ppl-two-procs', res.body.code.code)).status).toBe(200);
      const token = (await login('ppl-two-procs', PASSWORD)).body.token as string;
      // The other process has the caller cached (30 s) before the deactivation.
      expect((await other.http().get('/api/me').set('authorization', bearer(token))).status).toBe(200);
      expect((await as.post('admin', `/api/admin/users/${res.body.user.id}/deactivate`)).status).toBe(200);
      expect((await other.http().get('/api/me').set('authorization', bearer(token))).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('a password reset stops the old password and sessions and issues a new one-time code', async () => {
    const res = await create('admin', 'ppl-forgot', [{ role: 'street_staff', orgUnitId: ids.unit('beijingzhonglu') }]);
    const id = res.body.user.id as number;
    expect((await redeem('ppl-forgot', res.body.code.code)).status).toBe(200);
    const token = (await login('ppl-forgot', PASSWORD)).body.token as string;
    const reset = await as.post('admin', `/api/admin/users/${id}/reset-password`);
    expect(reset.status).toBe(200);
    expect(reset.body.code).toMatchObject({ purpose: 'reset' });
    expect(reset.body.user).toMatchObject({ hasPassword: false, pendingCode: { purpose: 'reset' } });
    expect((await me(token)).status).toBe(401);
    expect((await login('ppl-forgot', PASSWORD)).status).toBe(401);
    expect((await redeem('ppl-forgot', reset.body.code.code, 'Brand-new-password-3')).status).toBe(200);
    expect((await login('ppl-forgot', 'Brand-new-password-3')).status).toBe(200);
    expect((await login('ppl-forgot', PASSWORD)).status).toBe(401);
  });

  describe('a street admin', () => {
    it('manages the people of their street only: others are 404, grants outside the street are refused', async () => {
      const mine = await create('ppl-street-admin', 'ppl-street-staff', [{ role: 'community_staff', orgUnitId: ids.unit('anjuyuan') }, { role: 'resident' }]);
      expect(mine.status).toBe(201);
      const id = mine.body.user.id as number;
      expect((await as.get('ppl-street-admin', `/api/admin/users/${id}`)).status).toBe(200);
      expect((await as.post('ppl-street-admin', `/api/admin/users/${id}/roles`, { role: 'grid_worker', orgUnitId: ids.unit('anjuyuan-g1') })).status).toBe(200);
      // Scoped to the street itself: allowed.
      expect((await as.post('ppl-street-admin', `/api/admin/users/${id}/roles`, { role: 'supervisor', orgUnitId: ids.unit('beijingzhonglu') })).status).toBe(200);

      const refused: Array<[object, string]> = [
        [{ role: 'community_staff', orgUnitId: ids.unit('haipolanxuan') }, 'orgUnitId'],
        [{ role: 'admin' }, 'orgUnitId'],
        [{ role: 'supervisor', orgUnitId: ids.unit('jinfeng') }, 'orgUnitId'],
        [{ role: 'property_manager', organizationId: ids.org('saishang-wuye') }, 'organizationId'],
      ];
      for (const [grant, field] of refused) {
        const res = await as.post('ppl-street-admin', `/api/admin/users/${id}/roles`, grant);
        expect({ grant, status: res.status, message: res.body.message }).toEqual({ grant, status: 403, message: expect.stringContaining(field) });
      }
      expect((await create('ppl-street-admin', 'ppl-street-other', [{ role: 'community_staff', orgUnitId: ids.unit('haipolanxuan') }])).status).toBe(403);

      // People of another street, of companies, and the district admin: as if they did not exist.
      for (const username of ['community2', 'property', 'admin', 'street']) {
        const other = await as.id(username);
        const expected = username === 'street' ? 200 : 404;
        expect({ username, status: (await as.get('ppl-street-admin', `/api/admin/users/${other}`)).status }).toEqual({ username, status: expected });
      }
      for (const action of ['deactivate', 'reset-password', 'reactivate', 'invite']) {
        expect({ action, status: (await as.post('ppl-street-admin', `/api/admin/users/${await as.id('community2')}/${action}`)).status }).toEqual({ action, status: 404 });
      }
      const [foreignBinding]: Array<{ id: number }> = await t.db.query(`SELECT id FROM role_bindings WHERE user_id = $1`, [await as.id('community2')]);
      const del = await t.http().delete(`/api/admin/role-bindings/${foreignBinding.id}`).set('authorization', bearer(await as.token('ppl-street-admin')));
      expect(del.status).toBe(404);

      const listed = await as.get('ppl-street-admin', '/api/admin/users?role=community_staff');
      const names = listed.body.items.map((u: { username: string }) => u.username);
      expect(names).toContain('ppl-street-staff');
      expect(names).toContain('community');
      expect(names).not.toContain('community2');
      expect(names).not.toContain('community3');
    });

    it('holds no district-wide admin power anywhere else: tickets of another street, policies, keys, categories, the queue board', async () => {
      // A ticket in 海宝澜轩 (another street): the district admin sees it, the street admin does not.
      const filed = await as.post('resident2', '/api/tickets', { categoryId: ids.category('manhole_cover_missing'), description: '人员管理测试：井盖松动', compoundId: ids.unit('haipolanxuan-1') });
      expect(filed.status).toBe(201);
      expect((await as.get('admin', `/api/tickets/${filed.body.id}`)).status).toBe(200);
      expect((await as.get('ppl-street-admin', `/api/tickets/${filed.body.id}`)).status).toBe(404);
      expect((await as.get('ppl-street-admin', '/api/admin/sla-policies')).status).toBe(403);
      expect((await as.get('ppl-street-admin', '/api/admin/open311-keys')).status).toBe(403);
      expect((await as.get('ppl-street-admin', '/api/admin/categories')).status).toBe(403);
      // /api/me lists the street admin as an admin of that street, so the client offers 人员管理.
      const me = await as.get('ppl-street-admin', '/api/me');
      expect(me.body.roles).toContain('admin');
      expect(me.body.scopes).toContainEqual(expect.objectContaining({ role: 'admin', orgUnit: expect.objectContaining({ name: '北京中路街道' }) }));
    });

    it('non-admins are refused', async () => {
      expect((await as.get('community', '/api/admin/users')).status).toBe(403);
      expect((await as.get('supervisor', '/api/admin/audit')).status).toBe(403);
    });
  });
});
