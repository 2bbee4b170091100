import type { Actor } from '../src/access/actor';
import { ActorService } from '../src/access/actor.service';
import { rolesInScope, visibleTicketsSql } from '../src/access/ticket-scope';
import { scopeFacts, TICKET_SELECT, type TicketRow } from '../src/tickets/ticket-row';
import { readSeedFile } from '../src/seed/seed.service';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

describe('scope: every role sees and acts only inside its area', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  /** resident's ticket in 湖畔嘉苑 (安居苑社区, 北京中路街道), dispatched to 塞上阳光 */
  let ticket: number;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    const created = await as.post('resident', '/api/tickets', {
      categoryId: ids.category('street_light_out'), description: '小区北门路灯不亮', reporterPhone: '13812345678',
    });
    ticket = created.body.id;
    await as.post('community', `/api/tickets/${ticket}/dispatch`, { companyId: ids.org('saishang-wuye') });
  });
  afterAll(() => t.close());

  const inScope = ['resident', 'grid', 'community', 'street', 'property', 'supervisor', 'admin'];
  const outOfScope = ['resident2', 'grid2', 'community2', 'property2', 'worker', 'dept'];

  it.each(inScope)('%s can read the ticket', async (user) => {
    expect((await as.get(user, `/api/tickets/${ticket}`)).status).toBe(200);
  });

  it.each(outOfScope)('%s gets 404 for the ticket and does not find it in lists', async (user) => {
    const res = await as.get(user, `/api/tickets/${ticket}`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    const list = await as.get(user, '/api/tickets?limit=100');
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(ticket);
  });

  it.each([
    ['property2', 'accept', {}],
    ['property2', 'return', { reason: '不是我们的' }],
    ['community2', 'reject', { reason: '越权' }],
    ['community2', 'escalate', { departmentId: 0, reason: '越权吹哨' }],
    ['resident2', 'cancel', {}],
    ['dept', 'accept', {}],
    ['worker', 'resolve', { note: '越权办结' }],
  ])('%s acting (%s) out of scope gets 404 and changes nothing', async (user, action, body) => {
    const payload = action === 'escalate' ? { ...body, departmentId: ids.org('urban-mgmt') } : body;
    const before = (await as.get('community', `/api/tickets/${ticket}`)).body;
    const res = await as.post(user, `/api/tickets/${ticket}/${action}`, payload);
    expect(res.status).toBe(404);
    const after = (await as.get('community', `/api/tickets/${ticket}`)).body;
    expect(after.version).toBe(before.version);
    expect(after.timeline).toHaveLength(before.timeline.length);
  });

  it('masks the reporter’s phone for anyone but the reporter, the community and the accepted handler', async () => {
    const phoneAs = async (user: string) => (await as.get(user, `/api/tickets/${ticket}`)).body.reporter.phone;
    expect(await phoneAs('resident')).toBe('13812345678');
    expect(await phoneAs('community')).toBe('13812345678');
    expect(await phoneAs('grid')).toBe('13812345678');
    expect(await phoneAs('street')).toBe('138****5678');
    expect(await phoneAs('supervisor')).toBe('138****5678');
    expect(await phoneAs('admin')).toBe('138****5678');
    expect(await phoneAs('property')).toBe('138****5678'); // dispatched, not yet accepted
    const listed = await as.get('property', `/api/tickets?status=dispatched&categoryId=${ids.category('street_light_out')}&limit=100`);
    expect(listed.body.items.find((i: { id: number }) => i.id === ticket).reporter.phone).toBe('138****5678');
    expect((await as.get('property', `/api/tickets/${ticket}`)).body.reporter.displayName).toMatch(/^.\*+$/);

    await as.post('property', `/api/tickets/${ticket}/accept`, { assigneeId: await as.id('worker') });
    expect(await phoneAs('property')).toBe('13812345678');
    expect(await phoneAs('worker')).toBe('13812345678');
  });

  it('the in-memory scope rule and the SQL scope rule agree for every demo user and ticket', async () => {
    const actors = t.app.get(ActorService);
    const users: Array<{ id: number; username: string }> = await t.db.query('SELECT id, username FROM users WHERE username IS NOT NULL AND active'); // other suites deactivate their own
    // Other test files write tickets meanwhile: compare both rules on one consistent snapshot.
    const qr = t.db.createQueryRunner();
    await qr.startTransaction('REPEATABLE READ');
    try {
      const rows: TicketRow[] = await qr.query(`${TICKET_SELECT} ORDER BY t.id`);
      expect(rows.length).toBeGreaterThan(0);
      for (const user of users) {
        const actor = (await actors.load(user.id)) as Actor;
        const params: unknown[] = [];
        const sqlVisible: Array<{ id: number }> = await qr.query(`SELECT t.id FROM tickets t WHERE ${visibleTicketsSql(actor, 't', params)} ORDER BY t.id`, params);
        const memoryVisible = rows.filter((r) => rolesInScope(actor, scopeFacts(r)).length > 0).map((r) => r.id);
        expect({ user: user.username, ids: sqlVisible.map((r) => r.id) }).toEqual({ user: user.username, ids: memoryVisible });
      }
    } finally {
      await qr.rollbackTransaction();
      await qr.release();
    }
  });

  it('street staff see their street, supervisors their district, community staff their community only', async () => {
    const other = await as.post('resident2', '/api/tickets', { categoryId: ids.category('roof_leak'), description: '顶层屋面漏水' });
    const otherId = other.body.id;
    // Only these two kinds of case, so tickets other test files create cannot push them off the page.
    const kinds = `categoryId=${ids.category('street_light_out')}`;
    const listIds = async (user: string) => {
      const a = (await as.get(user, `/api/tickets?limit=100&${kinds}`)).body.items;
      const b = (await as.get(user, `/api/tickets?limit=100&categoryId=${ids.category('roof_leak')}`)).body.items;
      return [...a, ...b].map((i: { id: number }) => i.id);
    };
    expect(await listIds('street')).toContain(ticket);
    expect(await listIds('street')).not.toContain(otherId);
    expect(await listIds('supervisor')).toEqual(expect.arrayContaining([ticket, otherId]));
    expect(await listIds('community2')).toContain(otherId);
    expect(await listIds('community2')).not.toContain(ticket);
    // Reading or acting on another street's ticket is a 404 for street staff, as for everyone.
    expect((await as.get('street', `/api/tickets/${otherId}`)).status).toBe(404);
    expect((await as.post('street', `/api/tickets/${otherId}/reject`, { reason: '越权不予受理' })).status).toBe(404);
    expect((await as.get('grid', `/api/tickets/${otherId}`)).status).toBe(404);
    expect((await as.get('supervisor', `/api/tickets/${otherId}`)).status).toBe(200);
    const own = (await as.get('resident2', '/api/tickets?limit=100')).body.items;
    expect(own.map((i: { id: number }) => i.id)).toContain(otherId);
    const resident2 = await as.id('resident2');
    expect(own.every((i: { reporter: { id: number } }) => i.reporter.id === resident2)).toBe(true);
  });

  it('lists filter and paginate with a cursor', async () => {
    // A tag of this run's own, so tickets other test files file meanwhile stay out of the pages.
    const tag = `分页${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) {
      await as.post('resident', '/api/tickets', { categoryId: ids.category('corridor_clutter'), description: `楼道堆物 ${tag} 第${i}处` });
    }
    const filter = `categoryId=${ids.category('corridor_clutter')}&text=${encodeURIComponent(tag)}`;
    const first = await as.get('community', `/api/tickets?${filter}&limit=2`);
    expect(first.body.items).toHaveLength(2);
    // Opaque keyset cursor (issue #13): newest first it names the last row as `n.<id>`.
    expect(first.body.nextCursor).toBe(`n.${first.body.items[1].id}`);
    const second = await as.get('community', `/api/tickets?${filter}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeNull();
    const text = await as.get('community', `/api/tickets?text=${encodeURIComponent(`${tag} 第1处`)}`);
    expect(text.body.items.map((i: { description: string }) => i.description)).toEqual([`楼道堆物 ${tag} 第1处`]);
    const status = await as.get('community', '/api/tickets?status=accepted');
    expect(status.body.items.every((i: { status: string }) => i.status === 'accepted')).toBe(true);
  });

  it('pickers: residents see every compound, community staff their own, property staff those under contract', async () => {
    // Other suites add compounds of their own to the shared database: the seeded ones are the yardstick.
    const seeded = new Set(readSeedFile().district.streets.flatMap((s) => s.communities.flatMap((c) => c.grids.flatMap((g) => g.compounds.map((x) => x.code)))));
    const codes = (items: Array<{ code: string }>) => items.map((c) => c.code).filter((c) => seeded.has(c)).sort();
    const all = (await as.get('resident', '/api/org/compounds')).body.items;
    expect(codes(all)).toEqual([...seeded].sort());
    expect(seeded.size).toBe(17);
    expect(all.find((c: { code: string }) => c.code === 'hupanjiayuan').buildings.length).toBeGreaterThan(0);
    // The district too: an admin's 积分 rules editor offers it as 全区.
    expect(all.find((c: { code: string }) => c.code === 'hupanjiayuan')).toMatchObject({ districtId: ids.unit('jinfeng'), districtName: '金凤区' });
    const mine = codes((await as.get('community', '/api/org/compounds')).body.items);
    expect(mine).toEqual(['fenglinwan', 'hupanjiayuan', 'wulishuixiang']);
    const served = codes((await as.get('property2', '/api/org/compounds')).body.items);
    expect(served).toEqual(['haipolanxuan-1', 'haipolanxuan-3', 'jitairunyuan']);
    const members = await as.get('property', `/api/org/organizations/${ids.org('saishang-wuye')}/members`);
    expect(members.body.items.map((m: { id: number }) => m.id)).toContain(await as.id('worker'));
    expect((await as.get('property2', `/api/org/organizations/${ids.org('saishang-wuye')}/members`)).status).toBe(404);
  });
});
