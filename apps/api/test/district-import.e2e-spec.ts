import ExcelJS from 'exceljs';
import { encode } from 'iconv-lite';
import { EntityManager } from 'typeorm';
import { usccCheckChar } from '../src/district-import/uscc.util';
import { Actors } from './support/actors';
import { startAppOnOwnDatabase, type TestApp } from './support/test-app';

interface Row {
  line: number;
  key: string;
  status: string;
  changes: Array<{ field: string; from: string | null; to: string | null }>;
  reason?: { code: string; field: string; column: string; message: string };
}

/**
 * Issue #12 part A: a district's org tree, companies, contracts and departments from its spreadsheets.
 * Every name carries this run's tag: suites run side by side on the shared demo district, so these
 * tests only count and move their own streets, companies and categories.
 */
describe('district import (admin): org tree, companies, contracts, departments', () => {
  let t: TestApp;
  let as: Actors;
  const run = Date.now().toString(36);
  const street = `满城北街街道${run}`;
  const uscc = (n: number) => {
    const body = `91640106MA${(parseInt(run, 36) % 1e6).toString().padStart(6, '0')}${n}`.slice(0, 17);
    return body + usccCheckChar(body);
  };

  // A database of its own: the imports add compounds and households to the district, which the
  // report suites running alongside sum district-wide.
  beforeAll(async () => {
    t = await startAppOnOwnDatabase();
    as = new Actors(t);
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  const upload = async (user: string, kind: string, data: Buffer, dryRun: boolean, name = 'file.csv') =>
    t.http().post(`/api/admin/district-import?kind=${kind}&dryRun=${dryRun}`).set('authorization', `Bearer ${await as.token(user)}`).attach('file', data, name);
  const csv = (rows: string[][]) => Buffer.from(`\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`, 'utf8');
  const ORG_HEADER = ['街道', '社区', '网格', '小区', '楼栋', '户数', '单元数', '建筑面积（㎡）', '地址'];
  const unit = async (name: string, kind: string) =>
    ((await t.db.query(`SELECT * FROM org_units u WHERE name = $1 AND kind = $2`, [name, kind])) as Array<Record<string, unknown>>);
  const statuses = (rows: Row[]) => rows.map((r) => `${r.line}:${r.status}`);

  /** The street of this run: two communities, a grid each, a compound with a building. */
  const orgFile = () => csv([
    ORG_HEADER,
    // Children before parents on purpose: the import sorts by depth.
    [street, '中强巷社区', '第一网格', '明园小区', '1号楼', '72', '3', '6480.50', ''],
    [street, '中强巷社区', '第一网格', '明园小区', '', '486', '', '42600.00', '银川市金凤区满城北街'],
    [street, '', '', '', '', '', '', '', ''],
    [street, '中强巷社区', '', '', '', '', '', '', ''],
    [street, '中强巷社区', '第一网格', '', '', '', '', '', ''],
    [street, '银新苑南社区', '', '', '', '', '', '', ''],
    [street, '银新苑南社区', '第二网格', '', '', '', '', '', ''],
    [street, '银新苑南社区', '第二网格', '云凤花园', '', '300', '', '', ''],
  ]);

  describe('org tree', () => {
    it('dry run answers row by row and writes nothing; apply creates; the same file again is all unchanged', async () => {
      const dry = await upload('admin', 'org', orgFile(), true);
      expect(dry.status).toBe(200);
      expect(dry.body).toMatchObject({ kind: 'org', dryRun: true, format: 'csv', encoding: 'utf-8', summary: { rows: 8, created: 8, refused: 0 } });
      expect(await unit(street, 'street')).toHaveLength(0);

      const applied = await upload('admin', 'org', orgFile(), false);
      expect(applied.status).toBe(200);
      expect(applied.body.summary).toEqual({ rows: 8, created: 8, updated: 0, unchanged: 0, refused: 0 });
      const [s] = await unit(street, 'street');
      const [building] = await t.db.query(`SELECT * FROM org_units WHERE kind = 'building' AND name = '1号楼' AND street_id = $1`, [s.id]);
      expect(building).toMatchObject({ households: 72, entrances: 3, floor_area_m2: '6480.50' });
      const [compound] = await t.db.query(`SELECT * FROM org_units WHERE kind = 'compound' AND name = '明园小区' AND street_id = $1`, [s.id]);
      expect(compound).toMatchObject({ households: 486, floor_area_m2: '42600.00', address: '银川市金凤区满城北街', compound_id: compound.id });
      expect(building.compound_id).toBe(compound.id);
      expect(building.community_id).toBe(compound.community_id);

      const again = await upload('admin', 'org', orgFile(), false);
      expect(again.body.summary).toEqual({ rows: 8, created: 0, updated: 0, unchanged: 8, refused: 0 });
      const history = await as.get('admin', `/api/admin/org-history?entity=org_unit&entityId=${compound.id}`);
      expect(history.status).toBe(200);
      expect(history.body.items.map((h: { field: string }) => h.field).sort()).toEqual(['address', 'created', 'floor_area_m2', 'households']);
      expect(history.body.items[0]).toMatchObject({ source: 'import', actor: { id: await as.id('admin') } });
    });

    it('an update says which field changed, old → new', async () => {
      const res = await upload('admin', 'org', csv([ORG_HEADER, [street, '中强巷社区', '第一网格', '明园小区', '', '490', '', '', '']]), false);
      expect(res.body.rows[0]).toMatchObject({ status: 'updated', changes: [{ field: 'households', from: '486', to: '490' }] });
    });

    it('refuses bad rows each with its column and reason, duplicates in the file, and an apply with one bad row writes nothing', async () => {
      const file = csv([
        ORG_HEADER,
        [street, '中强巷社区', '第一网格', '新建小区', '', '12', '', '', ''],
        [street, '中强巷社区', '第一网格', '新建小区', '', '12', '', '', ''],
        [street, '中强巷社区', '第一网格', '坏户数小区', '', '十二', '', '', ''],
        [street, '中强巷社区', '第一网格', '坏面积小区', '', '', '', '-3', ''],
        [street, '不存在社区', '第一网格', '某小区', '', '', '', '', ''],
        [street, '中强巷社区', '', '', '2号楼', '', '', '', ''],
        [street, '中强巷社区', '第一网格', '明园小区', '', '', '2', '', ''],
      ]);
      const dry = await upload('admin', 'org', file, true);
      expect(dry.status).toBe(200);
      const reasons = (dry.body.rows as Row[]).map((r) => [r.line, r.status, r.reason?.code, r.reason?.field, r.reason?.column]);
      expect(reasons).toEqual([
        [2, 'created', undefined, undefined, undefined],
        [3, 'refused', 'REPEATED_IN_FILE', 'compound', '小区'],
        [4, 'refused', 'INVALID', 'households', '户数'],
        [5, 'refused', 'INVALID', 'floorArea', '建筑面积（㎡）'],
        [6, 'refused', 'NOT_FOUND', 'community', '社区'],
        [7, 'refused', 'REQUIRED', 'compound', '小区'],
        [8, 'refused', 'INVALID', 'entrances', '单元数'],
      ]);
      const applied = await upload('admin', 'org', file, false);
      expect(applied.status).toBe(400);
      expect(applied.body.code).toBe('VALIDATION_FAILED');
      expect(applied.body.message).toContain('line 3');
      // Line 2 was fine and ran inside the transaction: rolled back with the rest.
      expect(await unit('新建小区', 'compound')).toHaveLength(0);
    });

    it('reads a GBK CSV (Excel "CSV" on a Chinese Windows)', async () => {
      const text = [ORG_HEADER.join(','), `${street},中强巷社区,第一网格,明园小区,3号楼,36,2,3200.00,`].join('\r\n');
      const res = await upload('admin', 'org', encode(text, 'gbk'), false);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ encoding: 'gbk', summary: { created: 1 } });
      expect(res.body.rows[0].key).toBe(`${street} / 中强巷社区 / 第一网格 / 明园小区 / 3号楼`);
    });

    it('reads an XLSX (numbers as numbers, the header with its unit in brackets)', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('组织架构');
      sheet.addRow(['街道', '社区', '网格', '小区', '楼栋', '户数', '单元数', '建筑面积(平方米)']);
      sheet.addRow([street, '中强巷社区', '第一网格', '明园小区', '5号楼', 48, 2, 4100.5]);
      const data = Buffer.from(await book.xlsx.writeBuffer());
      const res = await upload('admin', 'org', data, false, 'org.xlsx');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ format: 'xlsx', encoding: null, summary: { created: 1 } });
      const [b] = await t.db.query(`SELECT households, entrances, floor_area_m2 FROM org_units WHERE name = '5号楼' AND street_id = (SELECT id FROM org_units WHERE name = $1)`, [street]);
      expect(b).toEqual({ households: 48, entrances: 2, floor_area_m2: '4100.50' });
      const again = await upload('admin', 'org', data, false, 'org.xlsx');
      expect(again.body.summary.unchanged).toBe(1);
    });

    it('refuses a file of another kind by its header, and a binary that is no spreadsheet', async () => {
      const wrong = await upload('admin', 'org', csv([['统一社会信用代码', '企业名称'], [uscc(1), '某公司']]), true);
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toContain('街道');
      const binary = await upload('admin', 'org', Buffer.from([0, 1, 2, 3, 0, 0]), true);
      expect(binary.status).toBe(400);
    });
  });

  describe('companies', () => {
    const HEADER = ['统一社会信用代码', '企业名称', '简称', '联系电话', '国企兜底'];
    it('imports by 统一社会信用代码 (check character verified), refuses a wrong one, then re-import is unchanged', async () => {
      const bad = uscc(2).slice(0, 17) + (uscc(2)[17] === '0' ? '1' : '0');
      const file = (rows: string[][]) => csv([HEADER, ...rows]);
      const good = [[uscc(1), `银川中房物业服务有限公司${run}`, '中房', '0951-5100001', '否']];
      const dry = await upload('admin', 'companies', file([...good, [bad, `宁夏塞上阳光物业${run}`, '', '', '否'], [uscc(1), '重复', '', '', '']]), true);
      expect(statuses(dry.body.rows)).toEqual(['2:created', '3:refused', '4:refused']);
      expect(dry.body.rows[1].reason).toMatchObject({ code: 'INVALID', field: 'uscc', column: '统一社会信用代码' });
      expect(dry.body.rows[1].reason.message).toContain('check character');
      expect(dry.body.rows[2].reason).toMatchObject({ code: 'REPEATED_IN_FILE', field: 'uscc' });
      expect((await upload('admin', 'companies', file(good), false)).body.summary.created).toBe(1);
      expect((await upload('admin', 'companies', file(good), false)).body.summary).toMatchObject({ unchanged: 1, created: 0 });
      const renamed = await upload('admin', 'companies', file([[uscc(1), `银川中房物业服务有限责任公司${run}`, '中房', '0951-5100001', '否']]), false);
      expect(renamed.body.rows[0]).toMatchObject({ status: 'updated', changes: [{ field: 'name' }] });

      const [company] = await t.db.query(`SELECT id FROM organizations WHERE uscc = $1`, [uscc(1)]);
      const patch = async (body: object) => t.http().patch(`/api/admin/companies/${company.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send(body);
      const wrong = await patch({ uscc: bad });
      expect(wrong.status).toBe(400);
      expect(wrong.body.details).toEqual([{ field: 'uscc', message: expect.stringContaining('check character') }]);
      // A corrected code: the company keeps its id; the old code is free again for another company.
      expect((await patch({ uscc: uscc(4) })).body).toMatchObject({ id: company.id, uscc: uscc(4) });
      expect((await upload('admin', 'companies', file([[uscc(1), `另一家物业${run}`, '', '', '']]), false)).body.summary.created).toBe(1);
      await patch({ uscc: uscc(1) }).then((r) => expect(r.status).toBe(409));
      expect((await as.get('admin', `/api/admin/org-history?entity=organization&entityId=${company.id}`)).body.items[0]).toMatchObject({ field: 'uscc', from: uscc(1), to: uscc(4), source: 'edit' });
    });

    it('street-scoped admins do not import companies (403), other roles nothing (403)', async () => {
      const file = csv([HEADER, [uscc(3), '某物业', '', '', '']]);
      for (const user of ['supervisor', 'community', 'street', 'property']) expect((await upload(user, 'companies', file, true)).status).toBe(403);
    });
  });

  describe('contracts', () => {
    const HEADER = ['社区', '小区', '统一社会信用代码', '企业名称', '服务方式', '开始日期', '结束日期'];
    it('imports a contract for a compound of the run, refuses an overlapping one and unknown references; an end is dated by PATCH', async () => {
      // A community and a compound of this run's street (no grid: a compound may sit directly in its community).
      await upload('admin', 'org', csv([ORG_HEADER, [street, `合同社区${run}`, '', '', '', '', '', '', ''], [street, `合同社区${run}`, '', `湖畔嘉苑${run}`, '', '', '', '', '']]), false);
      const community = `合同社区${run}`;
      const hupan = `湖畔嘉苑${run}`;
      const file = (rows: string[][]) => csv([HEADER, ...rows]);
      const first = [community, hupan, uscc(1), '', '物业合同', '2024/1/1', '2026年12月31日'];
      const dry = await upload('admin', 'contracts', file([
        first,
        [community, hupan, uscc(1), '', '物业合同', '2025-01-01', '2027-12-31'],
        [community, '不存在小区', uscc(1), '', '', '2024-01-01', '2024-12-31'],
        [community, hupan, '', '没有这家公司', '', '2030-01-01', '2030-12-31'],
        [community, hupan, uscc(1), '', '', '2031-02-30', '2031-12-31'],
        [community, hupan, uscc(1), '', '', '2032-12-31', '2032-01-01'],
      ]), true);
      expect((dry.body.rows as Row[]).map((r) => [r.status, r.reason?.code, r.reason?.field])).toEqual([
        ['created', undefined, undefined],
        ['refused', 'CONFLICT', 'startsOn'],
        ['refused', 'NOT_FOUND', 'compound'],
        ['refused', 'NOT_FOUND', 'company'],
        ['refused', 'INVALID', 'startsOn'],
        ['refused', 'INVALID', 'endsOn'],
      ]);
      const applied = await upload('admin', 'contracts', file([first]), false);
      expect(applied.body.summary.created).toBe(1);
      expect((await upload('admin', 'contracts', file([first]), false)).body.summary.unchanged).toBe(1);

      const [k] = await t.db.query(`SELECT k.id FROM compound_contracts k JOIN org_units c ON c.id = k.compound_id WHERE c.community_id = (SELECT id FROM org_units WHERE name = $1)`, [community]);
      const end = await t.http().patch(`/api/admin/contracts/${k.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ endsOn: '2025-06-30' });
      expect(end.status).toBe(200);
      expect(end.body).toMatchObject({ id: k.id, startsOn: '2024-01-01', endsOn: '2025-06-30' });
      expect(await t.db.query('SELECT 1 FROM compound_contracts WHERE id = $1', [k.id])).toHaveLength(1);
      const history = await as.get('admin', `/api/admin/org-history?entity=contract&entityId=${k.id}`);
      expect(history.body.items[0]).toMatchObject({ field: 'ends_on', from: '2026-12-31', to: '2025-06-30', source: 'edit' });
      const before = await t.http().patch(`/api/admin/contracts/${k.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ endsOn: '2023-12-31' });
      expect(before.status).toBe(400);
      // The re-imported file now changes the end date back: an update, not a second contract.
      expect((await upload('admin', 'contracts', file([first]), true)).body.rows[0]).toMatchObject({ status: 'updated', changes: [{ field: 'ends_on', from: '2025-06-30', to: '2026-12-31' }] });
    });
  });

  describe('departments', () => {
    const HEADER = ['部门名称', '简称', '联系电话', '负责类别'];
    it('imports departments with the categories they own; a category given twice is refused; re-import unchanged', async () => {
      // Categories of this run only: the demo's are shared with suites running alongside.
      const cats: Array<{ id: number; name: string }> = [];
      for (const n of ['违章搭建', '占道经营', '飞线充电']) {
        const [c] = await t.db.query(
          `INSERT INTO categories (code, name, group_name, icon, handler_kind, default_priority) VALUES ($1, $2, '测试', 'x', 'company', 'normal') RETURNING id, name`,
          [`imp-${run}-${cats.length}`, `${n}${run}`],
        );
        cats.push(c);
      }
      const dept = `金凤区综合执法局${run}`;
      const file = (rows: string[][]) => csv([HEADER, ...rows]);
      const good = [dept, '城管', '0951-5100003', `${cats[0].name}、${cats[1].name}`];
      const dry = await upload('admin', 'departments', file([good, [`金凤区消防救援大队${run}`, '消防', '', `${cats[1].name}；${cats[2].name}`], [`水务局${run}`, '', '', `没有的类别${run}`]]), true);
      expect((dry.body.rows as Row[]).map((r) => [r.status, r.reason?.code, r.reason?.field])).toEqual([
        ['created', undefined, undefined], ['refused', 'REPEATED_IN_FILE', 'categories'], ['refused', 'NOT_FOUND', 'categories'],
      ]);
      expect((await upload('admin', 'departments', file([good]), false)).body.summary.created).toBe(1);
      const owned = await t.db.query(`SELECT c.handler_kind, o.name FROM categories c JOIN organizations o ON o.id = c.department_id WHERE c.id = ANY($1)`, [cats.map((c) => c.id)]);
      expect(owned).toEqual([{ handler_kind: 'department', name: dept }, { handler_kind: 'department', name: dept }]);
      expect((await upload('admin', 'departments', file([good]), false)).body.summary.unchanged).toBe(1);

      const [d] = await t.db.query(`SELECT id FROM organizations WHERE name = $1`, [dept]);
      const edit = await t.http().patch(`/api/admin/departments/${d.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ categoryIds: [cats[2].id] });
      expect(edit.status).toBe(200);
      expect(edit.body.categories).toEqual([{ id: cats[2].id, name: cats[2].name }]);
      const [released] = await t.db.query(`SELECT handler_kind, department_id FROM categories WHERE id = $1`, [cats[0].id]);
      expect(released).toEqual({ handler_kind: 'company', department_id: null });
      const history = await as.get('admin', `/api/admin/org-history?entity=organization&entityId=${d.id}`);
      expect(history.body.items[0]).toMatchObject({ field: 'categories', from: `${cats[0].name}、${cats[1].name}`, to: cats[2].name, source: 'edit' });
    });
  });

  describe('edits and scope', () => {
    it('moving a compound to another community keeps its tickets where they were filed; the subtree follows', async () => {
      const [s] = await unit(street, 'street');
      const [compound] = await t.db.query(`SELECT * FROM org_units WHERE kind = 'compound' AND name = '明园小区' AND street_id = $1`, [s.id]);
      const [grid2] = await t.db.query(`SELECT * FROM org_units WHERE kind = 'grid' AND name = '第二网格' AND street_id = $1`, [s.id]);
      // Filed through the API by a resident (any compound's name is public to residents).
      const filed = await as.post('resident', '/api/tickets', { categoryId: (await t.db.query(`SELECT id FROM categories WHERE code = 'street_light_out'`))[0].id, description: '迁移测试：路灯不亮', compoundId: compound.id });
      expect(filed.status).toBe(201);
      const ticketId: number = filed.body.id;
      const moved = await t.http().patch(`/api/admin/org-units/${compound.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ parentId: grid2.id });
      expect(moved.status).toBe(200);
      expect(moved.body).toMatchObject({ id: compound.id, parentId: grid2.id });
      const [after] = await t.db.query(`SELECT community_id, grid_id FROM org_units WHERE id = $1`, [compound.id]);
      expect(after).toEqual({ community_id: grid2.community_id, grid_id: grid2.id });
      const buildings = await t.db.query(`SELECT DISTINCT community_id, grid_id FROM org_units WHERE parent_id = $1`, [compound.id]);
      expect(buildings).toEqual([{ community_id: grid2.community_id, grid_id: grid2.id }]);
      const [ticket] = await t.db.query(`SELECT community_id, grid_id, compound_id FROM tickets WHERE id = $1`, [ticketId]);
      expect(ticket).toEqual({ community_id: compound.community_id, grid_id: compound.grid_id, compound_id: compound.id });
      const history = await as.get('admin', `/api/admin/org-history?entity=org_unit&entityId=${compound.id}`);
      expect(history.body.items.filter((h: { source: string }) => h.source === 'edit').map((h: { field: string; from: string; to: string }) => [h.field, h.from, h.to])).toEqual(
        expect.arrayContaining([['parent_id', String(compound.parent_id), String(grid2.id)], ['community_id', String(compound.community_id), String(grid2.community_id)]]),
      );
      const clash = await t.http().patch(`/api/admin/org-units/${compound.id}`).set('authorization', `Bearer ${await as.token('admin')}`).send({ name: '云凤花园' });
      expect(clash.status).toBe(409);
      expect(clash.body.code).toBe('ORG_NAME_TAKEN');
    });

    it('browses the org tree: a unit and its children with their counts, one query for the level', async () => {
      // A compound with 30 buildings: the level is read in one query, not one per child (the browse runs
      // in a transaction, on one connection; a street can have hundreds of children).
      const [cp] = await t.db.query(`SELECT id, district_id, street_id, community_id, grid_id FROM org_units WHERE code = 'fenglinwan'`);
      await t.db.query(
        `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id, compound_id, households)
         SELECT 'building', 'browse-${run}-' || g, (100 + g) || '号楼', $1, $2, $3, $4, $5, $1, g FROM generate_series(1, 30) g`,
        [cp.id, cp.district_id, cp.street_id, cp.community_id, cp.grid_id],
      );
      const levelReads = jest.spyOn(EntityManager.prototype, 'query');
      const res = await as.get('admin', `/api/admin/org-units?parentId=${cp.id}`);
      const unitReads = levelReads.mock.calls.filter(([sql]) => /FROM org_units u WHERE/.test(sql)).length;
      levelReads.mockRestore();
      expect(res.status).toBe(200);
      const expected = await t.db.query(
        `SELECT u.id, u.name, (SELECT count(*)::int FROM org_units c WHERE c.parent_id = u.id) AS children
           FROM org_units u WHERE u.parent_id = $1 ORDER BY u.kind, u.name, u.id`,
        [cp.id],
      );
      expect(expected.length).toBeGreaterThanOrEqual(30);
      expect(res.body.parent).toMatchObject({ id: cp.id, kind: 'compound', children: expected.length });
      expect(res.body.items.map((i: { id: number; name: string; children: number }) => ({ id: i.id, name: i.name, children: i.children }))).toEqual(expected);
      expect(unitReads).toBe(2);
      const root = await as.get('admin', '/api/admin/org-units');
      expect(root.body).toMatchObject({ parent: null, items: [{ kind: 'district' }] });
      await t.db.query(`DELETE FROM org_units WHERE code LIKE $1`, [`browse-${run}-%`]);
    });

    it('a street-scoped admin imports and edits inside the street only; 404 outside, 403 for companies; other roles 403', async () => {
      const [s] = await unit(street, 'street');
      const [u] = await t.db.query(`INSERT INTO users (username, display_name) VALUES ($1, '街道管理员') RETURNING id`, [`street-admin-${run}`]);
      await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'admin', $2)`, [u.id, s.id]);
      const me = `street-admin-${run}`;
      const res = await upload(me, 'org', csv([ORG_HEADER, [street, '中强巷社区', '第一网格', '枫林湾小区', '', '210', '', '', ''], ['上海西路街道', '银新苑南社区', '', '', '', '', '', '', '']]), true);
      expect(statuses(res.body.rows)).toEqual(['2:created', '3:refused']);
      expect(res.body.rows[1].reason).toMatchObject({ code: 'OUT_OF_SCOPE', field: 'street' });
      const [inside] = await t.db.query(`SELECT id FROM org_units WHERE kind = 'compound' AND street_id = $1 LIMIT 1`, [s.id]);
      const [outside] = await t.db.query(`SELECT id FROM org_units WHERE code = 'hupanjiayuan'`);
      const patch = async (user: string, path: string, body: object) => t.http().patch(path).set('authorization', `Bearer ${await as.token(user)}`).send(body);
      expect((await patch(me, `/api/admin/org-units/${inside.id}`, { households: 211 })).status).toBe(200);
      expect((await patch(me, `/api/admin/org-units/${outside.id}`, { households: 1 })).status).toBe(404);
      expect((await as.get(me, `/api/admin/org-history?entity=org_unit&entityId=${outside.id}`)).status).toBe(404);
      // Not out of the street by a move either: a parent outside is no reference at all.
      const [otherGrid] = await t.db.query(`SELECT id FROM org_units WHERE code = 'anjuyuan-g2'`);
      const away = await patch(me, `/api/admin/org-units/${inside.id}`, { parentId: otherGrid.id });
      expect([away.status, away.body.code]).toEqual([400, 'INVALID_REFERENCE']);
      const contract = await upload(me, 'contracts', csv([['社区', '小区', '统一社会信用代码', '开始日期', '结束日期'], ['安居苑社区', '湖畔嘉苑', uscc(1), '2040-01-01', '2040-12-31']]), true);
      expect(contract.body.rows[0]).toMatchObject({ status: 'refused', reason: { code: 'OUT_OF_SCOPE', field: 'community' } });
      const [company] = await t.db.query(`SELECT id FROM organizations WHERE uscc = $1`, [uscc(1)]);
      expect((await patch(me, `/api/admin/companies/${company.id}`, { phone: '0951-1' })).status).toBe(403);
      for (const user of ['supervisor', 'street', 'community', 'resident']) {
        expect((await patch(user, `/api/admin/org-units/${inside.id}`, { households: 1 })).status).toBe(403);
        expect((await as.get(user, '/api/admin/org-units')).status).toBe(403);
        expect((await upload(user, 'org', csv([ORG_HEADER, [street, '', '', '', '', '', '', '', '']]), true)).status).toBe(403);
      }
    });

    it('serves the templates: CSV with a BOM and Chinese headers, XLSX that the import reads back', async () => {
      // supertest's Response is the Node stream here; its typings only know the browser variant.
      const binary = (res: unknown, cb: (err: Error | null, body: Buffer) => void) => {
        const stream = res as NodeJS.ReadableStream;
        const chunks: Buffer[] = [];
        stream.on('data', (d: Buffer) => chunks.push(d));
        stream.on('end', () => cb(null, Buffer.concat(chunks)));
      };
      const get = async (query: string) => t.http().get(`/api/admin/district-import/template?${query}`).set('authorization', `Bearer ${await as.token('admin')}`).buffer(true).parse(binary);
      const c = await get('kind=companies&format=csv');
      expect(c.status).toBe(200);
      expect(c.headers['content-type']).toContain('text/csv');
      const body = c.body as Buffer;
      expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(body.toString('utf8')).toContain('统一社会信用代码,企业名称,简称,联系电话,国企兜底');
      const x = await get('kind=org&format=xlsx');
      expect(x.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(x.body);
      expect(book.worksheets[0].getRow(1).values).toEqual([undefined, '街道', '社区', '网格', '小区', '楼栋', '户数', '单元数', '建筑面积（㎡）', '地址']);
      // The templates as downloaded are importable (a dry run: rolled back, nothing written).
      for (const kind of ['org', 'companies', 'departments']) {
        for (const format of ['xlsx', 'csv']) {
          const file = await get(`kind=${kind}&format=${format}`);
          const dry = await upload('admin', kind, file.body as Buffer, true, `template.${format}`);
          expect([kind, format, dry.status, dry.body.summary.refused]).toEqual([kind, format, 200, 0]);
        }
      }
      expect((await as.get('resident', '/api/admin/district-import/template?kind=org&format=csv')).status).toBe(403);
    });
  });
});
