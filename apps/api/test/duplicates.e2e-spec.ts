import { nearbyTicketsSql } from '../src/tickets/nearby-tickets.sql';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/** Metres of latitude per degree on earthdistance's sphere (radius 6,378,168 m). */
const M_PER_DEG_LAT = (6378168 * Math.PI) / 180;
/**
 * A spot no other test file reports at, so every list here can be compared exactly. Tickets are
 * filed in 湖畔嘉苑 (安居苑社区) — coordinates are where the problem is, not checked against it.
 */
const HERE = { lat: 38.53, lng: 106.1 };
const north = (m: number) => ({ lat: HERE.lat + m / M_PER_DEG_LAT, lng: HERE.lng });

interface Notice {
  ticketId: number;
  kind: string;
  title: string;
  body: string;
}

describe('duplicates: nearby reports, 也遇到了, merge', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let light: number;
  let drain: number;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    light = ids.category('street_light_out');
    drain = ids.category('manhole_cover_missing');
    // Two more residents (neighbours) who follow instead of filing.
    for (const [username, name] of [['dupe-neighbour-1', '王小明'], ['dupe-neighbour-2', '赵小红']]) {
      const [u]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO users (username, display_name, phone) VALUES ($1, $2, '13900001111') RETURNING id`,
        [username, name],
      );
      await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
    }
  });
  afterAll(() => t.close());

  const report = async (user: string, body: object) => {
    const res = await as.post(user, '/api/tickets', { categoryId: light, description: '路灯不亮，晚上很黑', compoundId: ids.unit('hupanjiayuan'), ...body });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const nearby = async (user: string, query: Record<string, number>) => {
    const res = await as.get(user, `/api/tickets/nearby?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`);
    expect(res.status).toBe(200);
    return res.body.items as Array<Record<string, unknown> & { id: number }>;
  };
  const del = async (user: string, path: string) => t.http().delete(path).set('authorization', `Bearer ${await as.token(user)}`);
  const inbox = async (user: string, ticketId: number): Promise<Notice[]> =>
    ((await as.get(user, '/api/notifications')).body.items as Notice[]).filter((n) => n.ticketId === ticketId);
  const followers = async (ticketId: number) =>
    (await t.db.query('SELECT user_id, source FROM ticket_followers WHERE ticket_id = $1 ORDER BY user_id', [ticketId])) as Array<{ user_id: number; source: string }>;

  describe('GET /api/tickets/nearby', () => {
    let near: number;
    let nearest: number;
    let far: number;
    let otherCategory: number;
    let cancelled: number;
    let old: number;

    beforeAll(async () => {
      near = await report('resident', { location: north(80), description: '路灯不亮，有事请打13812345678联系我，谢谢各位邻居' });
      nearest = await report('resident', { location: north(30) });
      far = await report('resident', { location: north(150) });
      otherCategory = await report('resident', { categoryId: drain, location: north(20), description: '井盖丢失' });
      cancelled = await report('resident', { location: north(10) });
      expect((await as.post('resident', `/api/tickets/${cancelled}/cancel`)).status).toBe(200);
      old = await report('resident', { location: north(5) });
      await t.db.query(`UPDATE tickets SET created_at = now() - interval '31 days' WHERE id = $1`, [old]);
    });

    it('finds open tickets of the category within 100 m from the last 30 days, nearest first', async () => {
      const items = await nearby('resident2', { categoryId: light, ...HERE });
      expect(items.map((i) => i.id)).toEqual([nearest, near]);
      expect(items.map((i) => i.distanceM)).toEqual([30, 80]);
      for (const excluded of [far, otherCategory, cancelled, old]) expect(items.map((i) => i.id)).not.toContain(excluded);
    });

    it('shows a resident only the public fields of a neighbour’s ticket', async () => {
      const [first, second] = await nearby('resident2', { categoryId: light, ...HERE });
      expect(Object.keys(second).sort()).toEqual(
        ['category', 'createdAt', 'distanceM', 'followerCount', 'following', 'id', 'mine', 'no', 'sameBuilding', 'status', 'summary'],
      );
      expect(second).toMatchObject({ id: near, status: 'submitted', mine: false, following: false, followerCount: 0, category: { id: light } });
      // The reporter's phone written into the description does not leak through the summary.
      expect(second.summary).not.toContain('13812345678');
      expect(second.summary).toContain('138****');
      expect(JSON.stringify([first, second])).not.toMatch(/reporter|phone|李/);
      // The reporter sees their own as theirs.
      expect((await nearby('resident', { categoryId: light, ...HERE }))[0]).toMatchObject({ id: nearest, mine: true });
    });

    it('finds the same building without coordinates', async () => {
      const building = ids.unit('hupanjiayuan-b12');
      const inBuilding = await report('resident', { buildingId: building, description: '12号楼楼道灯不亮' });
      const items = await nearby('resident2', { categoryId: light, compoundId: ids.unit('hupanjiayuan'), buildingId: building });
      expect(items.map((i) => i.id)).toEqual([inBuilding]);
      expect(items[0]).toMatchObject({ distanceM: null, sameBuilding: true });
      // Coordinates and building together: both kinds of match, located ones first.
      const both = await nearby('resident2', { categoryId: light, ...HERE, buildingId: building });
      expect(both.map((i) => i.id)).toEqual([nearest, near, inBuilding]);
    });

    it('refuses a search without a place, half a point, or a building of another compound', async () => {
      const none = await as.get('resident', `/api/tickets/nearby?categoryId=${light}`);
      expect(none.status).toBe(400);
      expect(none.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(none.body.message).toContain('lat');
      const half = await as.get('resident', `/api/tickets/nearby?categoryId=${light}&lat=38.5`);
      expect(half.status).toBe(400);
      expect(half.body.message).toContain('lng');
      const bad = await as.get('resident', `/api/tickets/nearby?categoryId=${light}&lat=91&lng=106`);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('lat');
      const elsewhere = await as.get('resident', `/api/tickets/nearby?categoryId=${light}&compoundId=${ids.unit('hupanjiayuan')}&buildingId=${ids.unit('haipolanxuan-1-b2')}`);
      expect(elsewhere.status).toBe(400);
      expect(elsewhere.body).toMatchObject({ code: 'INVALID_REFERENCE' });
    });

    it('scopes staff to what they may see', async () => {
      expect((await nearby('community', { categoryId: light, ...HERE })).map((i) => i.id)).toEqual([nearest, near]);
      expect(await nearby('community2', { categoryId: light, ...HERE })).toEqual([]);
    });

    it('answers with the GiST index, never a scan of tickets, on a table with many rows', async () => {
      const qr = t.db.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        // 20,000 open tickets spread over ~20 km, visible to no other test (rolled back).
        await qr.query(
          `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                                community_id, grid_id, compound_id, lat, lng)
           SELECT 'DUP' || g, 'submitted', $1, 'normal', 'mini_program', 'explain fixture', u.id, c.district_id, c.street_id,
                  c.community_id, c.grid_id, c.id, 38.4 + random() * 0.2, 106.1 + random() * 0.2
             FROM generate_series(1, 20000) g, org_units c, users u
            WHERE c.code = 'yujinghucheng' AND u.username = 'admin'`,
          [light],
        );
        await qr.query('ANALYZE tickets');
        const params: unknown[] = [];
        const search = nearbyTicketsSql({ categoryId: light, ...HERE }, params);
        const plan = (await qr.query(`EXPLAIN ${search.candidates}`, params) as Array<{ 'QUERY PLAN': string }>).map((r) => r['QUERY PLAN']).join('\n');
        expect(plan).toContain('idx_tickets_earth');
        expect(plan).not.toMatch(/Seq Scan on tickets/);
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
    });
    it('lets autovacuum analyze tickets: ANALYZE under an empty search_path evaluates the location index', async () => {
      // Autovacuum (and pg_restore) run with search_path = ''; the index expression must not depend on it.
      const qr = t.db.createQueryRunner();
      await qr.connect();
      await qr.startTransaction();
      try {
        await qr.query(
          `INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, district_id, street_id,
                                community_id, grid_id, compound_id, lat, lng)
           SELECT 'ANA' || g, 'submitted', $1, 'normal', 'mini_program', 'analyze fixture', u.id, c.district_id, c.street_id,
                  c.community_id, c.grid_id, c.id, 38.4 + g * 0.001, 106.1
             FROM generate_series(1, 50) g, org_units c, users u
            WHERE c.code = 'yujinghucheng' AND u.username = 'admin'`,
          [light],
        );
        await qr.query(`SET LOCAL search_path = ''`);
        await expect(qr.query('ANALYZE public.tickets')).resolves.toBeDefined();
        const [stats]: Array<{ n: string }> = await qr.query(
          `SELECT count(*) AS n FROM pg_catalog.pg_stats WHERE schemaname = 'public' AND tablename = 'idx_tickets_earth'`,
        );
        expect(Number(stats.n)).toBeGreaterThan(0);
      } finally {
        await qr.rollbackTransaction();
        await qr.release();
      }
    });
  });

  describe('也遇到了 (follow)', () => {
    it('is idempotent, for residents, on open tickets only', async () => {
      const id = await report('resident', { location: north(-400) });
      for (let i = 0; i < 2; i++) {
        const res = await as.post('resident2', `/api/tickets/${id}/follow`, north(-400));
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ ticketId: id, following: true, followerCount: 1 });
      }
      expect(await followers(id)).toEqual([{ user_id: await as.id('resident2'), source: 'follow' }]);
      expect((await nearby('resident2', { categoryId: light, ...north(-400) }))[0]).toMatchObject({ id, following: true, followerCount: 1 });
      expect((await as.get('resident2', '/api/tickets/following')).body.items).toEqual([expect.objectContaining({ id, following: true })]);
      // Following does not open the ticket itself: its details stay the reporter's and the staff's.
      expect((await as.get('resident2', `/api/tickets/${id}`)).status).toBe(404);

      expect((await as.post('resident', `/api/tickets/${id}/follow`)).body).toMatchObject({ code: 'ILLEGAL_TRANSITION' });
      expect((await as.post('community', `/api/tickets/${id}/follow`)).status).toBe(403);
      expect((await as.post('resident2', '/api/tickets/2147483000/follow', north(-400))).status).toBe(404);

      for (let i = 0; i < 2; i++) {
        const res = await del('resident2', `/api/tickets/${id}/follow`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ ticketId: id, following: false });
      }
      expect(await followers(id)).toEqual([]);

      await as.post('resident', `/api/tickets/${id}/cancel`);
      const closed = await as.post('resident2', `/api/tickets/${id}/follow`, north(-400));
      expect(closed.status).toBe(409);
      expect(closed.body.code).toBe('ILLEGAL_TRANSITION');
    });

    it('brings the follower the ticket’s status notices; the reporter gets them too, the actor never', async () => {
      const id = await report('resident', { location: north(-800) });
      await as.post('dupe-neighbour-1', `/api/tickets/${id}/follow`, north(-800));
      await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
      await as.post('property', `/api/tickets/${id}/accept`);
      await as.post('property', `/api/tickets/${id}/progress`, { note: '已联系供电' });
      await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换灯泡' });

      const follower = await inbox('dupe-neighbour-1', id);
      expect(follower.map((n) => `${n.kind}:${n.title}`)).toEqual([
        'ticket_status:报事进展：待评价',
        'ticket_status:报事进展：处理中',
        'ticket_status:报事进展：待接单',
      ]);
      expect(follower[2].body).toContain('宁夏塞上阳光物业');
      // The staff's 办结 note is the reporter's (it reaches them with the 回访 request), not a neighbour's.
      expect(follower[0].body).toContain('已办结');
      expect(follower[0].body).not.toContain('已更换灯泡');
      expect((await inbox('resident', id))[0].body).toContain('已更换灯泡');
      // The reporter: dispatch and accept as status notices, 办结 as the 回访 request.
      expect((await inbox('resident', id)).map((n) => n.kind)).toEqual(['rate_request', 'ticket_status', 'ticket_status']);
      expect(await inbox('community', id)).toEqual([]);
      // Inbox only: no WeChat subscribe message is queued for a status notice.
      const pushes: Array<{ n: number }> = await t.db.query(
        `SELECT count(*)::int AS n FROM notifications WHERE ticket_id = $1 AND kind = 'ticket_status' AND push_status <> 'none'`,
        [id],
      );
      expect(pushes[0].n).toBe(0);

      await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied' });
      expect((await inbox('dupe-neighbour-1', id))[0].title).toBe('报事进展：已办结');
    });
  });

  describe('也遇到了 is for tickets the resident could have found', () => {
    it('follows a ticket the nearby search shows from the given point or building, or one in the home compound', async () => {
      const id = await report('resident', { location: north(-3000) });
      // resident2 lives in 海珀兰轩, not 湖畔嘉苑: no point, a point 500 m away, another category's search → 404.
      const bare = await as.post('resident2', `/api/tickets/${id}/follow`);
      expect(bare.status).toBe(404);
      expect(bare.body.code).toBe('NOT_FOUND');
      expect((await as.post('resident2', `/api/tickets/${id}/follow`, north(-3500))).status).toBe(404);
      expect((await as.post('resident2', `/api/tickets/${id}/follow`, { lat: north(-3000).lat })).body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await followers(id)).toEqual([]);
      // From 60 m away the search shows it, so following works.
      expect((await as.post('resident2', `/api/tickets/${id}/follow`, north(-2940))).status).toBe(200);

      // Home compound: a neighbour living in 湖畔嘉苑 follows without a point; a ticket older than the
      // search's 30 days is followable there too, but not from a point.
      const old = await report('resident', { location: north(-3000) });
      await t.db.query(`UPDATE tickets SET created_at = now() - interval '40 days' WHERE id = $1`, [old]);
      expect((await as.post('dupe-neighbour-2', `/api/tickets/${old}/follow`, north(-3000))).status).toBe(404);
      const [u]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO users (username, display_name, compound_id) VALUES ('dupe-home-neighbour', '钱小芳', $1) RETURNING id`,
        [ids.unit('hupanjiayuan')],
      );
      await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
      expect((await as.post('dupe-home-neighbour', `/api/tickets/${old}/follow`)).status).toBe(200);
    });

    it('a follower reads 不予受理 without the staff’s reason; the reporter reads the reason', async () => {
      const id = await report('resident', { location: north(-3400) });
      expect((await as.post('dupe-neighbour-1', `/api/tickets/${id}/follow`, north(-3400))).status).toBe(200);
      expect((await as.post('community', `/api/tickets/${id}/reject`, { reason: '经核实为3号楼502室业主私接电线所致' })).status).toBe(200);
      const [follower] = await inbox('dupe-neighbour-1', id);
      expect(follower.title).toBe('报事进展：不予受理');
      expect(follower.body).not.toContain('502');
      expect((await inbox('resident', id))[0].body).toContain('3号楼502室');
    });
  });

  describe('duplicates for the staff who merge', () => {
    it('lists candidates around a ticket inside the caller’s scope', async () => {
      const a = await report('resident', { location: north(-1200) });
      const b = await report('resident2', { location: { ...north(-1200), lat: north(-1200).lat + 40 / M_PER_DEG_LAT } });
      const res = await as.get('community', `/api/tickets/${b}/duplicates`);
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: { id: number }) => i.id)).toEqual([a]);
      expect(res.body.items[0]).toMatchObject({ id: a, distanceM: 40, followerCount: 0, reporter: { id: await as.id('resident') } });

      expect((await as.get('community2', `/api/tickets/${b}/duplicates`)).status).toBe(404);
      expect((await as.get('resident2', `/api/tickets/${b}/duplicates`)).status).toBe(403);
      // Street staff see them too; the reporter's phone stays masked outside the community.
      const street = await as.get('street', `/api/tickets/${b}/duplicates`);
      expect(street.body.items[0].reporter.phone).toMatch(/\*\*\*\*/);
    });

    it('merge: the merged ticket’s reporter and followers follow the surviving ticket and get its notices', async () => {
      const target = await report('resident', { location: north(-1600) });
      const source = await report('resident2', { location: north(-1610) });
      await as.post('dupe-neighbour-1', `/api/tickets/${source}/follow`, north(-1610));
      await as.post('dupe-neighbour-2', `/api/tickets/${source}/follow`, north(-1610));
      await as.post('dupe-neighbour-2', `/api/tickets/${target}/follow`, north(-1610));

      const candidates = (await as.get('community', `/api/tickets/${source}/duplicates`)).body.items;
      expect(candidates.map((i: { id: number }) => i.id)).toEqual([target]);
      const merged = await as.post('community', `/api/tickets/${source}/merge`, { intoTicketId: target });
      expect(merged.status).toBe(200);
      expect(merged.body).toMatchObject({ status: 'merged', mergedIntoId: target });

      const [r2, n1, n2] = [await as.id('resident2'), await as.id('dupe-neighbour-1'), await as.id('dupe-neighbour-2')];
      expect(await followers(target)).toEqual(
        [{ user_id: r2, source: 'merge' }, { user_id: n1, source: 'merge' }, { user_id: n2, source: 'follow' }].sort((x, y) => x.user_id - y.user_id),
      );
      // The merge itself is news for the merged ticket's people.
      for (const user of ['resident2', 'dupe-neighbour-1']) {
        const [notice] = await inbox(user, source);
        expect(notice).toMatchObject({ kind: 'ticket_status', title: '报事进展：已合并' });
        expect(notice.body).toContain('合并处理');
      }
      // A merged ticket has no candidates of its own any more, and leaves no candidate behind.
      expect((await nearby('resident', { categoryId: light, ...north(-1600) })).map((i) => i.id)).toEqual([target]);

      await as.post('community', `/api/tickets/${target}/dispatch`, { companyId: ids.org('saishang-wuye') });
      for (const user of ['resident', 'resident2', 'dupe-neighbour-1', 'dupe-neighbour-2']) {
        expect(await inbox(user, target)).toEqual([expect.objectContaining({ kind: 'ticket_status', title: '报事进展：待接单' })]);
      }
      expect((await as.get('resident2', '/api/tickets/following')).body.items.map((i: { id: number }) => i.id)).toContain(target);
    });

    it('moves nobody when the merge is refused', async () => {
      const target = await report('resident2', { compoundId: ids.unit('haipolanxuan-1'), location: north(-2000) });
      const source = await report('resident', { location: north(-2000) });
      await as.post('dupe-neighbour-1', `/api/tickets/${source}/follow`, north(-2000));
      const refused = await as.post('community', `/api/tickets/${source}/merge`, { intoTicketId: target });
      expect(refused.status).toBe(400);
      expect(await followers(target)).toEqual([]);
      expect(await followers(source)).toEqual([{ user_id: await as.id('dupe-neighbour-1'), source: 'follow' }]);
    });
  });
});
