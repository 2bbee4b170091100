import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { ReferenceCache } from '../src/org/reference-cache.service';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { ownDatabase } from './support/own-database';
import { startApp, type TestApp } from './support/test-app';

// Moves a compound to another community and adds categories: the suite runs on a database of its own.
describe('categories and the org tree (issue #12): an admin change applies at once on every API host and the worker', () => {
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let a: TestApp;
  let b: TestApp;
  let worker: INestApplicationContext;
  let as: Actors;
  let asB: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let n = 0;
  const category = (code: string, over: object = {}) => ({
    code, name: '自行车棚隐患', groupName: '消防安全', icon: 'fire', handlerKind: 'company', departmentId: null,
    defaultPriority: 'urgent', publiclyListed: false, active: true, ...over,
  });
  const fileOnB = (categoryId: number) => asB.post('resident', '/api/tickets', { categoryId, description: `类别缓存测试第${++n}次：车棚电线乱拉` });

  beforeAll(async () => {
    own = await ownDatabase();
    // Two API hosts, each with its own ReferenceCache, on one database.
    a = await startApp({ DATABASE_URL: own.url });
    b = await startApp({ DATABASE_URL: own.url });
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: own.url })), { logger: false });
    as = new Actors(a);
    asB = new Actors(b);
    ids = await codeIds(a);
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await b?.close();
    await a?.close();
    await own?.drop();
  });

  it('a category added on host A takes reports on host B at once, with its priority', async () => {
    // B has its categories cached before the new one exists.
    expect((await fileOnB(ids.category('street_light_out'))).status).toBe(201);
    const created = await as.post('admin', '/api/admin/categories', category('bike_shed_hazard'));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(Number), code: 'bike_shed_hazard', name: '自行车棚隐患', defaultPriority: 'urgent', active: true, departmentId: null });
    const filed = await fileOnB(created.body.id);
    expect(filed.status).toBe(201);
    expect(filed.body.priority).toBe('urgent');
    // Residents' category list shows it on B too.
    const listed = (await asB.get('resident', '/api/categories')).body.items as Array<{ id: number }>;
    expect(listed.map((c) => c.id)).toContain(created.body.id);
  });

  it('a category deactivated on host A is refused on host B at once, and reactivated is taken again', async () => {
    const created = await as.post('admin', '/api/admin/categories', category('bike_shed_charging', { name: '车棚私拉电线' }));
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    // B caches the category as active.
    expect((await fileOnB(id)).status).toBe(201);

    const { code: _code, defaultPriority: _p, ...put } = category('bike_shed_charging', { name: '车棚私拉电线', active: false });
    expect((await as.put('admin', `/api/admin/categories/${id}`, put)).status).toBe(200);
    const refused = await fileOnB(id);
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ code: 'INVALID_REFERENCE', details: [expect.objectContaining({ field: 'categoryId' })] });

    expect((await as.put('admin', `/api/admin/categories/${id}`, { ...put, active: true })).status).toBe(200);
    expect((await fileOnB(id)).status).toBe(201);
  });

  it('a compound moved to another community (one SQL transaction) files its next report there on host B, and the worker sees it, at once', async () => {
    const compound = ids.unit('hupanjiayuan'); // the resident's home compound
    const from = ids.unit('anjuyuan');
    const toGrid = ids.unit('yinxinyuannan-g2');
    const first = await fileOnB(ids.category('street_light_out'));
    expect(first.status).toBe(201);
    const [before]: Array<{ community_id: number }> = await b.db.query('SELECT community_id FROM tickets WHERE id = $1', [first.body.id]);
    expect(before.community_id).toBe(from);
    const workerRefs = worker.get(ReferenceCache);
    expect((await workerRefs.compound(compound))?.communityId).toBe(from); // the worker has it cached too

    // What the admin's org-tree edit does: the compound and its buildings under the new grid, in one transaction.
    await a.db.transaction(async (em) => {
      const [grid]: Array<{ district_id: number; street_id: number; community_id: number }> = await em.query(
        'SELECT district_id, street_id, community_id FROM org_units WHERE id = $1', [toGrid],
      );
      await em.query('UPDATE org_units SET parent_id = $2, district_id = $3, street_id = $4, community_id = $5, grid_id = $2 WHERE id = $1',
        [compound, toGrid, grid.district_id, grid.street_id, grid.community_id]);
      await em.query('UPDATE org_units SET district_id = $2, street_id = $3, community_id = $4, grid_id = $5 WHERE compound_id = $1 AND id <> $1',
        [compound, grid.district_id, grid.street_id, grid.community_id, toGrid]);
    });

    const next = await fileOnB(ids.category('street_light_out'));
    expect(next.status).toBe(201);
    const [after]: Array<{ community_id: number; grid_id: number; street_id: number }> = await b.db.query('SELECT community_id, grid_id, street_id FROM tickets WHERE id = $1', [next.body.id]);
    expect(after).toEqual({ community_id: ids.unit('yinxinyuannan'), grid_id: toGrid, street_id: ids.unit('shanghaixilu') });
    expect((await workerRefs.compound(compound))?.communityId).toBe(ids.unit('yinxinyuannan'));
  });

  it('inside a transaction the cache reads the version once, on that transaction’s connection', async () => {
    const refs = b.app.get(ReferenceCache);
    const compound = ids.unit('mingyuan');
    const light = ids.category('street_light_out');
    await refs.intake({ categoryId: light, compoundId: compound }); // warm
    await b.db.transaction(async (em) => {
      const spy = jest.spyOn(em, 'query');
      expect((await refs.compound(compound, em))?.communityId).toBe(ids.unit('zhongqiangxiang'));
      expect((await refs.category(light, em))?.active).toBe(true);
      expect((await refs.intake({ categoryId: light, compoundId: compound }, em)).compound?.id).toBe(compound);
      // One version read for the three lookups; everything else came from memory.
      expect(spy.mock.calls.map(([sql]) => String(sql))).toEqual([expect.stringContaining('config_versions')]);
      spy.mockRestore();
    });
  });

  it('refuses a taken code with 409, a bad code or department with 400 naming the field, and anyone but an admin', async () => {
    const dup = await as.post('admin', '/api/admin/categories', category('street_light_out'));
    expect(dup.status).toBe(409);
    expect(dup.body).toMatchObject({ code: 'CATEGORY_CODE_EXISTS', details: [expect.objectContaining({ field: 'code' })] });
    const bad = await as.post('admin', '/api/admin/categories', category('Bike Shed'));
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
    const priority = await as.post('admin', '/api/admin/categories', category('bike_shed_x', { defaultPriority: 'whenever' }));
    expect(priority.status).toBe(400);
    expect(priority.body.details).toEqual([expect.objectContaining({ field: 'defaultPriority' })]);
    const dept = await as.post('admin', '/api/admin/categories', category('bike_shed_y', { handlerKind: 'department' }));
    expect(dept.status).toBe(400);
    expect(dept.body.details).toEqual([expect.objectContaining({ field: 'departmentId' })]);
    expect((await as.post('community', '/api/admin/categories', category('bike_shed_z'))).status).toBe(403);
    const rows: unknown[] = await a.db.query(`SELECT 1 FROM categories WHERE code IN ('bike_shed_x', 'bike_shed_y', 'bike_shed_z')`);
    expect(rows).toEqual([]);
  });
});
