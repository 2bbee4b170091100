import { PointsClock } from '../src/points/points-clock.service';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/** 积分 (issue #15): ledger invariants, rules with daily caps, reports and 回访, 爱心屋, activities, scope. */
describe('积分: ledger, rules and caps, 爱心屋, activities', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let community: number;
  let clockAt: Date | null = null;
  const user: Record<string, number> = {};

  const makeResident = async (username: string, displayName: string) => {
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name, compound_id) VALUES ($1, $2, $3) RETURNING id`, [username, displayName, ids.unit('hupanjiayuan')]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
    user[username] = u.id;
  };
  const balance = async (who: string) => (await as.get(who, '/api/points/me')).body.balance as number;
  /** The invariant: the balance row equals the sum of the ledger, and is never negative. */
  const ledgerHolds = async (userId: number) => {
    const [r]: Array<{ balance: number; sum: number }> = await t.db.query(
      `SELECT a.balance, (SELECT COALESCE(sum(points), 0)::int FROM points_entries WHERE user_id = $1) AS sum FROM points_accounts a WHERE a.user_id = $1`, [userId]);
    expect(r.balance).toBe(r.sum);
    expect(r.balance).toBeGreaterThanOrEqual(0);
    return r.balance;
  };
  const publish = async (body: object = {}) => {
    const res = await as.post('community', '/api/activities', { communityId: community, title: '湖畔嘉苑环境集体劳动', place: '湖畔嘉苑南门', startsAt: '2026-06-01T01:00:00.000Z', hours: 2, capacity: 10, ...body });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const attend = async (who: string, activity: number) => {
    expect((await as.post(who, `/api/activities/${activity}/signup`)).status).toBe(200);
    const res = await as.post('community', `/api/activities/${activity}/check-in`, { userId: user[who] ?? (await as.id(who)) });
    expect(res.status).toBe(200);
  };
  const item = async (price: number, stock: number, name = '洗衣液 2kg') => {
    const res = await as.post('community', '/api/shop-items', { communityId: community, name, price, stock });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const report = async (description: string) => {
    const res = await as.post('pr', '/api/tickets', { categoryId: ids.category('corridor_clutter'), description });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    community = ids.unit('anjuyuan');
    t.app.get(PointsClock).now = () => clockAt ?? new Date();
    // pr files this file's reports: the shared demo resident also reports in other suites running at
    // the same time, and its earnings there would eat into the daily caps measured here.
    for (const [name, display] of [['pa', '张桂芳'], ['pb', '刘志强'], ['pc', '马玉兰'], ['pd', '杨树林'], ['pr', '陈国栋']]) await makeResident(name, display);
    user.resident = await as.id('resident');
    // District-wide by the admin, then the community's own rule for activities wins over it.
    expect((await as.post('admin', '/api/points/rules', { orgUnitId: ids.unit('jinfeng'), kind: 'activity_hour', points: 5, dailyCap: 100 })).status).toBe(200);
    expect((await as.post('admin', '/api/points/rules', { orgUnitId: ids.unit('jinfeng'), kind: 'report_confirmed', points: 5, dailyCap: 20 })).status).toBe(200);
    expect((await as.post('admin', '/api/points/rules', { orgUnitId: ids.unit('jinfeng'), kind: 'survey_answered', points: 2, dailyCap: 10 })).status).toBe(200);
    const own = await as.post('community', '/api/points/rules', { orgUnitId: community, kind: 'activity_hour', points: 10, dailyCap: 30 });
    expect(own.status).toBe(200);
    expect(own.body.items).toEqual([expect.objectContaining({ kind: 'activity_hour', points: 10, dailyCap: 30, orgUnitKind: 'community' })]);
  });
  afterAll(() => t.close());

  it('rules: only admins set district-wide rules, only a community’s staff its own; bad input is a 400 naming the field', async () => {
    expect((await as.post('community', '/api/points/rules', { orgUnitId: ids.unit('jinfeng'), kind: 'activity_hour', points: 1, dailyCap: 1 })).status).toBe(403);
    expect((await as.post('community2', '/api/points/rules', { orgUnitId: community, kind: 'activity_hour', points: 1, dailyCap: 1 })).status).toBe(403);
    expect((await as.post('resident', '/api/points/rules', { orgUnitId: community, kind: 'activity_hour', points: 1, dailyCap: 1 })).status).toBe(403);
    const bad = await as.post('community', '/api/points/rules', { orgUnitId: community, kind: 'activity_hour', points: -1, dailyCap: 1 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('points');
  });

  it('activity: check-in earns hours × rate once (a repeat check-in changes nothing); the cap counts Shanghai days', async () => {
    // 23:00 in Shanghai on 1 June: 2 h × 10 = 20 of the day's 30.
    clockAt = new Date('2026-06-01T15:00:00Z');
    await attend('pa', await publish());
    const a2 = await publish({ title: '楼道清理志愿服务' });
    // 23:59: the same Shanghai day, only 10 left under the cap; the line says it was capped.
    clockAt = new Date('2026-06-01T15:59:00Z');
    await attend('pa', a2);
    expect((await as.post('community', `/api/activities/${a2}/check-in`, { userId: user.pa })).status).toBe(200);
    // 00:00 on 2 June in Shanghai (still 1 June in UTC): a new day, the full 20 again.
    clockAt = new Date('2026-06-01T16:00:00Z');
    await attend('pa', await publish({ title: '垃圾分类宣传' }));
    clockAt = null;
    const mine = (await as.get('pa', '/api/points/me')).body;
    expect(mine.entries.map((e: { points: number; day: string }) => [e.points, e.day])).toEqual([[20, '2026-06-02'], [10, '2026-06-01'], [20, '2026-06-01']]);
    expect(mine.entries[1].reason).toContain('上限');
    expect(mine.balance).toBe(50);
    expect(await ledgerHolds(user.pa)).toBe(50);
  });

  it('activity capacity holds when residents sign up at once; a second sign-up is 409', async () => {
    const id = await publish({ capacity: 2, title: '敬老院慰问' });
    const results = await Promise.all(['pa', 'pb', 'pc', 'pd'].map((u) => as.post(u, `/api/activities/${id}/signup`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 409, 409]);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'ACTIVITY_FULL')).toBe(true);
    const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM activity_signups WHERE activity_id = $1`, [id]);
    expect(n).toBe(2);
    const first = ['pa', 'pb', 'pc', 'pd'][results.findIndex((r) => r.status === 200)];
    expect((await as.post(first, `/api/activities/${id}/signup`)).body.code).toBe('POINTS_STATE_CHANGED');
    // Only a signed-up resident is checked in.
    const notSigned = ['pa', 'pb', 'pc', 'pd'][results.findIndex((r) => r.status === 409)];
    expect((await as.post('community', `/api/activities/${id}/check-in`, { userId: user[notSigned] })).status).toBe(400);
  });

  it('redemptions racing on one balance: one wins, the other 409; balance = sum of the ledger, never negative', async () => {
    const id = await item(30, 5);
    const [a, b] = await Promise.all([as.post('pa', `/api/shop-items/${id}/redeem`), as.post('pa', `/api/shop-items/${id}/redeem`)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.code).toBe('POINTS_INSUFFICIENT');
    expect(await ledgerHolds(user.pa)).toBe(20);
    const [{ stock }]: Array<{ stock: number }> = await t.db.query('SELECT stock FROM shop_items WHERE id = $1', [id]);
    expect(stock).toBe(4);
  });

  it('the last item in stock goes to one of two residents; stock never below zero', async () => {
    clockAt = new Date('2026-06-05T02:00:00Z');
    await attend('pb', await publish({ title: '社区义诊志愿者' }));
    await attend('pc', await publish({ title: '社区义诊志愿者（下午）' }));
    clockAt = null;
    const id = await item(10, 1, '大米 5kg');
    const results = await Promise.all([as.post('pb', `/api/shop-items/${id}/redeem`), as.post('pc', `/api/shop-items/${id}/redeem`)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe('OUT_OF_STOCK');
    const [{ stock }]: Array<{ stock: number }> = await t.db.query('SELECT stock FROM shop_items WHERE id = $1', [id]);
    expect(stock).toBe(0);
    await ledgerHolds(user.pb);
    await ledgerHolds(user.pc);
    await expect(t.db.query('UPDATE shop_items SET stock = -1 WHERE id = $1', [id])).rejects.toThrow(/ck_shop_items_stock/);
  });

  it('hand-over by staff; a cancelled redemption gives the points and the stock back; second decisions are 409', async () => {
    const id = await item(5, 2, '食用油 1.8L');
    const r1 = await as.post('pa', `/api/shop-items/${id}/redeem`);
    const r2 = await as.post('pa', `/api/shop-items/${id}/redeem`);
    expect(await balance('pa')).toBe(10);
    expect((await as.post('pa', `/api/redemptions/${r1.body.id}/hand-over`)).status).toBe(403);
    const handed = await as.post('community', `/api/redemptions/${r1.body.id}/hand-over`);
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('handed_over');
    expect((await as.post('community', `/api/redemptions/${r1.body.id}/hand-over`)).status).toBe(409);
    expect((await as.post('pa', `/api/redemptions/${r1.body.id}/cancel`)).status).toBe(409);
    const cancelled = await as.post('pa', `/api/redemptions/${r2.body.id}/cancel`);
    expect(cancelled.body.status).toBe('cancelled');
    expect(await balance('pa')).toBe(15);
    expect(await ledgerHolds(user.pa)).toBe(15);
    const [{ stock }]: Array<{ stock: number }> = await t.db.query('SELECT stock FROM shop_items WHERE id = $1', [id]);
    expect(stock).toBe(1);
    const staffList = await as.get('community', '/api/redemptions');
    expect(staffList.body.items.some((r: { id: number }) => r.id === r1.body.id)).toBe(true);
  });

  it('the ledger is append-only: UPDATE and DELETE are refused by the database', async () => {
    await expect(t.db.query('UPDATE points_entries SET points = points + 100 WHERE user_id = $1', [user.pa])).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM points_entries WHERE user_id = $1', [user.pa])).rejects.toThrow(/append-only/);
    await expect(t.db.query('UPDATE points_accounts SET balance = -1 WHERE user_id = $1', [user.pa])).rejects.toThrow(/ck_points_accounts_balance/);
  });

  it('a report earns once when staff dispatch it; a rejected report earns nothing; merged away later, the points are reversed', async () => {
    const before = await balance('pr');
    const rejected = await report('3号楼楼道堆放大量纸箱，堵塞通道');
    expect((await as.post('community', `/api/tickets/${rejected}/reject`, { reason: '已由物业当天清理' })).status).toBe(200);
    expect(await balance('pr')).toBe(before);

    const kept = await report('6号楼一单元楼道堆放旧家具');
    const merged = await report('6号楼一单元楼道有旧沙发，消防隐患');
    expect((await as.post('community', `/api/tickets/${kept}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    expect((await as.post('community', `/api/tickets/${merged}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    expect((await as.post('property', `/api/tickets/${kept}/accept`)).status).toBe(200);
    expect(await balance('pr')).toBe(before + 10);

    expect((await as.post('community', `/api/tickets/${merged}/merge`, { intoTicketId: kept })).status).toBe(200);
    expect(await balance('pr')).toBe(before + 5);
    const lines = (await as.get('pr', '/api/points/me')).body.entries.filter((e: { sourceKind: string; sourceId: number }) => e.sourceKind === 'report' && e.sourceId === merged);
    expect(lines.map((e: { kind: string; points: number }) => [e.kind, e.points])).toEqual([['reverse', -5], ['earn', 5]]);
    expect(await ledgerHolds(user.pr)).toBe(before + 5);
  });

  it('回访: 满意 and 不满意 earn the same, once per ticket (a reopen and a second answer earn nothing more)', async () => {
    const resolve = async (id: number) => expect((await as.post('property', `/api/tickets/${id}/resolve`, { note: '已清理完毕' })).status).toBe(200);
    const happy = await report('9号楼楼道电动车停放');
    const unhappy = await report('10号楼楼道杂物堆积');
    for (const id of [happy, unhappy]) {
      await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
      await as.post('property', `/api/tickets/${id}/accept`);
      await resolve(id);
    }
    const before = await balance('pr');
    expect((await as.post('pr', `/api/tickets/${happy}/rate`, { rating: 'satisfied' })).status).toBe(200);
    const afterHappy = await balance('pr');
    expect((await as.post('pr', `/api/tickets/${unhappy}/rate`, { rating: 'dissatisfied', comment: '没有清理干净' })).status).toBe(200);
    const afterUnhappy = await balance('pr');
    expect(afterHappy - before).toBe(2);
    expect(afterUnhappy - afterHappy).toBe(2);
    await resolve(unhappy);
    expect((await as.post('pr', `/api/tickets/${unhappy}/rate`, { rating: 'satisfied' })).status).toBe(200);
    expect(await balance('pr')).toBe(afterUnhappy);
  });

  it('scope: another community’s staff get 404 for ids of this community; its residents cannot redeem or sign up here', async () => {
    const activity = await publish({ title: '社区花园认养' });
    const thing = await item(1, 3, '抽纸一提');
    const redemption = (await as.post('pa', `/api/shop-items/${thing}/redeem`)).body.id;
    expect((await as.get('community2', `/api/activities/${activity}`)).status).toBe(404);
    expect((await as.post('community2', `/api/activities/${activity}/check-in`, { userId: user.pa })).status).toBe(404);
    expect((await as.post('community2', `/api/redemptions/${redemption}/hand-over`)).status).toBe(404);
    expect((await as.post('resident2', `/api/shop-items/${thing}/redeem`)).status).toBe(404);
    expect((await as.post('resident2', `/api/activities/${activity}/signup`)).status).toBe(404);
    expect((await as.post('pb', `/api/redemptions/${redemption}/cancel`)).status).toBe(404);
    expect((await as.post('community2', '/api/shop-items', { communityId: community, name: '毛巾', price: 1, stock: 1 })).status).toBe(403);
    expect((await as.get('community2', '/api/shop-items')).body.items.some((i: { id: number }) => i.id === thing)).toBe(false);
    expect((await as.post('community', `/api/activities/${activity}/signup`)).status).toBe(403);
  });

  it('participation per community for the supervisor, scoped like the reports', async () => {
    const res = await as.get('supervisor', '/api/points/participation?from=2026-06-01&to=2026-06-30');
    expect(res.status).toBe(200);
    const row = res.body.items.find((r: { communityId: number }) => r.communityId === community);
    expect(row).toMatchObject({ residents: 3, activitiesHeld: 7, attendances: 5 });
    expect(row.earned).toBe(50 + 20 + 20);
    expect((await as.get('resident', '/api/points/participation')).status).toBe(403);
    const own = await as.get('community2', '/api/points/participation');
    expect(own.body.items.map((r: { communityId: number }) => r.communityId)).toEqual([ids.unit('haipolanxuan')]);
    expect((await as.get('supervisor', '/api/points/participation?from=2026-07-01&to=2026-06-01')).status).toBe(400);
  });
});
