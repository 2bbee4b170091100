import { PLAN_DUPLICATE_RADIUS } from '@red-butler/domain';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';
import { readSeedFile } from '../src/seed/seed.service';

type XY = [number, number];
const rect = (x: number, y: number, w: number, h: number): XY[] => [[x, y], [x + w, y], [x + w, y + h], [x, y + h]];

/**
 * 小区平面图 (issue #13): the plan as data (strict validation, admin writes, scoped reads with an
 * ETag), tickets that carry a plan point, duplicates by plan distance and the staff's pin map.
 * Tickets are filed in a compound of this file's own (in 安居苑社区, beside 湖畔嘉苑), by a resident of
 * its own, so lists and counts here see nothing from suites running alongside.
 */
describe('site plans', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let compound = 0;
  let b1 = 0;
  let b2 = 0;
  let light = 0;
  let drain = 0;

  const put = async (user: string, id: number, body: unknown) =>
    t.http().put(`/api/admin/compounds/${id}/plan`).set('authorization', `Bearer ${await as.token(user)}`).send(body as object);
  const plan = () => ({
    width: 240,
    height: 200,
    outline: rect(5, 5, 230, 190),
    buildings: [
      { buildingId: b1, label: '1号楼', polygon: rect(25, 40, 50, 16), entrances: [{ label: '1单元', at: [37, 56] }] },
      { buildingId: b2, label: '2号楼', polygon: rect(95, 40, 50, 16) },
    ],
    gates: [{ label: '南门', at: [15, 195] }],
    roads: [{ label: '主路', path: [[5, 95], [235, 95]], width: 8 }],
    greens: [{ label: '中心绿地', polygon: rect(25, 160, 190, 28) }],
  });

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    light = ids.category('street_light_out');
    drain = ids.category('manhole_cover_missing');
    // No household count: the report suites running alongside sum the district's households.
    const [c]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, address, lat, lng, households)
       SELECT 'compound', 'siteplan-test', '平面图测试小区', parent_id, district_id, street_id, community_id, grid_id, '测试地址', 38.52, 106.11, NULL
         FROM org_units WHERE code = 'hupanjiayuan' RETURNING id`,
    );
    compound = c.id;
    await t.db.query('UPDATE org_units SET compound_id = id WHERE id = $1', [compound]);
    const building = async (code: string, name: string) => {
      const [b]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, compound_id)
         SELECT 'building', $1, $2, id, district_id, street_id, community_id, grid_id, id FROM org_units WHERE id = $3 RETURNING id`,
        [code, name, compound],
      );
      return b.id;
    };
    b1 = await building('siteplan-test-b1', '1号楼');
    b2 = await building('siteplan-test-b2', '2号楼');
    const [u]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name, phone, compound_id, building_id) VALUES ('siteplan-resident', '平面图居民', '13900002222', $1, $2) RETURNING id`,
      [compound, b1],
    );
    await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
    expect((await put('admin', compound, plan())).status).toBe(200);
  });
  afterAll(() => t.close());

  describe('the plan as data', () => {
    it('seeds a generated plan for every demo compound, keyed by its buildings, and residents read their own', async () => {
      const hupan = ids.unit('hupanjiayuan');
      const res = await as.get('resident', `/api/compounds/${hupan}/plan`);
      expect(res.status).toBe(200);
      expect(res.headers.etag).toMatch(/^"plan-\d+-\d+"$/);
      const buildings: Array<{ id: number }> = await t.db.query(`SELECT id FROM org_units WHERE parent_id = $1 AND kind = 'building' ORDER BY id`, [hupan]);
      expect(res.body.plan.buildings.map((b: { buildingId: number }) => b.buildingId)).toEqual(buildings.map((b) => b.id));
      expect(res.body.plan.buildings.map((b: { label: string }) => b.label)).toContain('6号楼');
      expect(res.body.plan.gates.length).toBeGreaterThan(0);
      // The demo file's compounds (other suites add compounds of their own meanwhile).
      const demoCodes = readSeedFile().district.streets.flatMap((st) => st.communities.flatMap((c) => c.grids.flatMap((g) => g.compounds.map((cp) => cp.code))));
      expect(demoCodes.length).toBeGreaterThan(5);
      const seeded: Array<{ n: number }> = await t.db.query(
        `SELECT count(*)::int AS n FROM org_units c WHERE c.kind = 'compound' AND c.code = ANY($1) AND NOT EXISTS (SELECT 1 FROM compound_plans p WHERE p.compound_id = c.id)`,
        [demoCodes],
      );
      expect(seeded[0].n).toBe(0);
    });

    it('answers 304 to the ETag it gave, and a new ETag after an edit', async () => {
      const first = await as.get('siteplan-resident', `/api/compounds/${compound}/plan`);
      expect(first.status).toBe(200);
      expect(first.headers['cache-control']).toBe('private, no-cache');
      const again = await t.http().get(`/api/compounds/${compound}/plan`).set('authorization', `Bearer ${await as.token('siteplan-resident')}`).set('if-none-match', first.headers.etag);
      expect(again.status).toBe(304);
      expect(again.text).toBe('');
      const edited = await put('admin', compound, { ...plan(), gates: [{ label: '北门', at: [120, 5] }] });
      expect(edited.status).toBe(200);
      expect(edited.body.revision).toBe(first.body.revision + 1);
      const stale = await t.http().get(`/api/compounds/${compound}/plan`).set('authorization', `Bearer ${await as.token('siteplan-resident')}`).set('if-none-match', first.headers.etag);
      expect(stale.status).toBe(200);
      expect(stale.headers.etag).not.toBe(first.headers.etag);
      expect(stale.body.plan.gates).toEqual([{ label: '北门', at: [120, 5] }]);
      expect((await put('admin', compound, plan())).status).toBe(200);
    });

    it('reads in scope only: residents of the compound, its area staff, its serving company’s manager, admins', async () => {
      const hupan = ids.unit('hupanjiayuan');
      const status = async (user: string) => (await as.get(user, `/api/compounds/${hupan}/plan`)).status;
      for (const user of ['resident', 'grid', 'community', 'street', 'supervisor', 'property', 'admin']) expect([user, await status(user)]).toEqual([user, 200]);
      for (const user of ['resident2', 'grid2', 'community2', 'property2', 'worker', 'dept']) expect([user, await status(user)]).toEqual([user, 404]);
      expect((await as.get('siteplan-resident', `/api/compounds/${hupan}/plan`)).status).toBe(404);
      expect((await as.get('admin', '/api/compounds/2147483000/plan')).status).toBe(404);
    });

    it('is written by admins only', async () => {
      for (const user of ['community', 'street', 'supervisor', 'siteplan-resident']) {
        const res = await put(user, compound, plan());
        expect([user, res.status, res.body.code]).toEqual([user, 403, 'FORBIDDEN']);
      }
      expect((await put('admin', 2147483000, plan())).status).toBe(404);
    });

    const broken: Array<[string, (p: ReturnType<typeof plan>) => unknown, string]> = [
      ['a bow-tie outline', (p) => ({ ...p, outline: [[5, 5], [235, 195], [235, 5], [5, 195]] }), 'outline'],
      ['a point off the sheet', (p) => ({ ...p, outline: [[5, 5], [235, 5], [235, 999], [5, 195]] }), 'outline[2][1]'],
      ['a building outside the outline', (p) => ({ ...p, outline: rect(5, 5, 100, 190) }), 'buildings[1].polygon[1]'],
      ['a label with a control character', (p) => ({ ...p, gates: [{ label: '南\u0007门', at: [15, 195] }] }), 'gates[0].label'],
      ['a road too wide', (p) => ({ ...p, roads: [{ path: [[5, 95], [235, 95]], width: 500 }] }), 'roads[0].width'],
      ['a string for a number', (p) => ({ ...p, width: '240' }), 'width'],
      ['an unknown field inside a building', (p) => ({ ...p, buildings: [{ ...p.buildings[0], color: 'red' }] }), 'buildings[0].color'],
    ];
    it.each(broken)('400 naming the field for %s', async (_name, change, field) => {
      const res = await put('admin', compound, change(plan()));
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details).toEqual([{ field, message: expect.any(String) }]);
      expect(res.body.message).toContain(field);
    });

    it('refuses a building of another compound, and an unknown top-level field', async () => {
      const sixth = ids.unit('hupanjiayuan-b6');
      const res = await put('admin', compound, { ...plan(), buildings: [plan().buildings[0], { ...plan().buildings[1], buildingId: sixth }] });
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'buildings[1].buildingId' }] });
      const extra = await put('admin', compound, { ...plan(), script: '<x>' });
      expect(extra.status).toBe(400);
      expect(JSON.stringify(extra.body.details)).toContain('script');
    });
  });

  describe('tickets on the plan', () => {
    const report = async (body: object) =>
      as.post('siteplan-resident', '/api/tickets', { categoryId: light, description: '楼下路灯不亮，晚上很黑', compoundId: compound, ...body });

    it('stores the plan point and the building; the building under the point is taken when none is given', async () => {
      const picked = await report({ buildingId: b2, planPoint: { x: 120, y: 48 } });
      expect(picked.status).toBe(201);
      const detail = await as.get('siteplan-resident', `/api/tickets/${picked.body.id}`);
      expect(detail.body).toMatchObject({ planPoint: { x: 120, y: 48 }, building: { id: b2 }, location: null });
      const derived = await report({ planPoint: { x: 30, y: 45 }, location: { lat: 38.52, lng: 106.11 } });
      expect(derived.status).toBe(201);
      const d = await as.get('siteplan-resident', `/api/tickets/${derived.body.id}`);
      expect(d.body).toMatchObject({ planPoint: { x: 30, y: 45 }, building: { id: b1 }, location: { lat: 38.52, lng: 106.11 } });
      const open = await report({ planPoint: { x: 200, y: 120 } });
      expect(open.status).toBe(201);
      expect((await as.get('siteplan-resident', `/api/tickets/${open.body.id}`)).body.building).toBeNull();
    });

    it('400 for a building of another compound, a point outside the compound, or a compound without a plan', async () => {
      const foreign = await report({ buildingId: ids.unit('hupanjiayuan-b6'), planPoint: { x: 30, y: 45 } });
      expect(foreign.status).toBe(400);
      expect(foreign.body).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'buildingId' }] });
      const outside = await report({ planPoint: { x: 239, y: 199 } });
      expect(outside.status).toBe(400);
      expect(outside.body.details).toEqual([{ field: 'planPoint', message: expect.stringContaining('outside') }]);
      const huge = await report({ planPoint: { x: 1e9, y: 1 } });
      expect(huge.status).toBe(400);
      expect(huge.body.message).toContain('planPoint.x');
      const [bare]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id)
         SELECT 'compound', 'siteplan-test-bare', '无平面图小区', parent_id, district_id, street_id, community_id, grid_id FROM org_units WHERE id = $1 RETURNING id`,
        [compound],
      );
      const none = await report({ compoundId: bare.id, planPoint: { x: 30, y: 45 } });
      expect(none.status).toBe(400);
      expect(none.body.details).toEqual([{ field: 'planPoint', message: 'the compound has no site plan' }]);
    });

    it('ranks tickets of the same category within a small plan distance as duplicates; the lat/lng path stays for tickets without a point', async () => {
      // A fresh category × place: the drain category, around (60, 120) on the south lawn side.
      const file = async (body: object) => {
        const res = await report({ categoryId: drain, description: '井盖松动，踩上去晃', ...body });
        expect(res.status).toBe(201);
        return res.body.id as number;
      };
      const gps = { lat: 38.5201, lng: 106.1101 };
      const a = await file({ planPoint: { x: 60, y: 120 }, location: gps });
      const b = await file({ planPoint: { x: 68, y: 126 } });
      // Far on the plan, though the phone's GPS put it at the same spot: the plan decides.
      const far = await file({ planPoint: { x: 60 + PLAN_DUPLICATE_RADIUS * 3, y: 120 }, location: gps });
      const other = await report({ planPoint: { x: 61, y: 121 } });
      expect(other.status).toBe(201);
      // No plan point (an older ticket, or a hotline case): found by its coordinates.
      const noPoint = await file({ location: { lat: 38.52012, lng: 106.1101 } });

      const nearby = async (q: Record<string, number>) => {
        const res = await as.get('siteplan-resident', `/api/tickets/nearby?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`);
        expect(res.status).toBe(200);
        return res.body.items as Array<{ id: number; distanceM: number | null }>;
      };
      const here = await nearby({ categoryId: drain, compoundId: compound, planX: 61, planY: 121, lat: gps.lat, lng: gps.lng });
      // Plan distance for tickets with a point (a: 1.4, b: 8.6), metres by GPS for the one without.
      expect(Object.fromEntries(here.map((i) => [i.id, i.distanceM]))).toEqual({ [a]: 1, [b]: 9, [noPoint]: 2 });
      const gpsOnly = await nearby({ categoryId: drain, lat: gps.lat, lng: gps.lng });
      expect(gpsOnly.map((i) => i.id).sort()).toEqual([a, far, noPoint].sort());

      const bad = await as.get('siteplan-resident', `/api/tickets/nearby?categoryId=${drain}&planX=10&planY=10`);
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([{ field: 'compoundId', message: expect.any(String) }]);

      const dupes = await as.get('community', `/api/tickets/${a}/duplicates`);
      expect(dupes.status).toBe(200);
      // b by the plan; noPoint by a's GPS; far (same GPS as a, but far on the plan) is not one.
      const found = new Map(dupes.body.items.map((i: { id: number }) => [i.id, i]));
      expect([...found.keys()].sort()).toEqual([b, noPoint].sort());
      expect(found.get(b)).toMatchObject({ distanceM: 10, planPoint: { x: 68, y: 126 } });
    });

    it('shows open tickets with a point as pins to staff in scope, with overdue and warned flags', async () => {
      const [x, y] = [150, 170];
      const pinned = await report({ planPoint: { x, y } });
      const late = await report({ planPoint: { x: x + 5, y } });
      const warned = await report({ planPoint: { x: x + 10, y } });
      await t.db.query(`UPDATE ticket_deadlines SET breached_at = now() WHERE ticket_id = $1 AND status = 'open'`, [late.body.id]);
      await t.db.query(`UPDATE ticket_deadlines SET warned_at = now() WHERE ticket_id = $1 AND status = 'open'`, [warned.body.id]);
      const res = await as.get('community', `/api/compounds/${compound}/plan/tickets`);
      expect(res.status).toBe(200);
      expect(res.body.compound).toEqual({ id: compound, name: '平面图测试小区' });
      const byId = new Map(res.body.items.map((p: { id: number }) => [p.id, p]));
      expect(byId.get(pinned.body.id)).toMatchObject({ status: 'submitted', planPoint: { x, y }, overdue: false, warned: false, category: { id: light } });
      expect(byId.get(late.body.id)).toMatchObject({ overdue: true, warned: false });
      expect(byId.get(warned.body.id)).toMatchObject({ overdue: false, warned: true });
      const all: Array<{ n: number }> = await t.db.query(
        `SELECT count(*)::int AS n FROM tickets WHERE compound_id = $1 AND plan_x IS NOT NULL AND status IN ('submitted', 'dispatched', 'accepted')`,
        [compound],
      );
      expect(res.body.items).toHaveLength(all[0].n);
      for (const user of ['community2', 'property2', 'worker', 'resident2']) expect([user, (await as.get(user, `/api/compounds/${compound}/plan/tickets`)).status]).toEqual([user, 404]);
    });
  });
});
