import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode } from 'iconv-lite';
import { Actors, codeIds } from './support/actors';
import { splitUpload } from './support/raw-multipart';
import { startApp, type TestApp } from './support/test-app';

const HEADER = '工单编号,来电时间,来电人,来电号码,问题类别,社区,小区,楼栋,详细地址,诉求内容';
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

interface RowResult {
  line: number;
  hotlineCaseNo: string | null;
  status: string;
  ticket?: { id: number; no: string };
  reason?: { code: string; field: string | null; message: string };
}

describe('POST /api/imports/hotline: a 12345 export, row by row, all or nothing', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  const run = Date.now().toString(36).toUpperCase();
  /** A case number unique to this run and test, so files can be imported again on purpose only. */
  const no = (tag: string, n: number) => `IMP-${run}-${tag}-${n}`;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const upload = async (user: string, data: Buffer, query = '') =>
    t.http().post(`/api/imports/hotline${query}`).set('authorization', `Bearer ${await as.token(user)}`).attach('file', data, 'export.csv');
  const csv = (lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';
  const byLine = (rows: RowResult[], line: number) => rows.find((r) => r.line === line) as RowResult;
  const ticketsWithCases = async (cases: string[]) =>
    (await t.db.query('SELECT hotline_case_no FROM tickets WHERE hotline_case_no = ANY($1) ORDER BY 1', [cases])) as Array<{ hotline_case_no: string }>;

  /** Good, already entered, repeated and bad rows; the header is line 1. */
  const mixed = (tag: string) =>
    csv([
      `${no(tag, 1)},2026-03-02 08:42,张秀英,13909518826,下水道堵塞,安居苑社区,湖畔嘉苑,6号楼,湖畔嘉苑6号楼2单元,"6号楼2单元下水道反水，厨房积水"`, // 2 created
      `${no(tag, 2)},2026/3/2 10:15,刘建华,0951-5068812,路灯不亮,,五里水乡,,南门,南门庭院灯不亮`, // 3 created (landline normalised)
      `${no(tag, 3)},2026-03-02 14:03,,,电梯故障,安居苑社区,枫林湾小区,13,,"13号楼电梯停在8楼不动"`, // 4 created (building "13")
      `${no(tag, 1)},2026-03-02 08:42,张秀英,13909518826,下水道堵塞,安居苑社区,湖畔嘉苑,6号楼,,又报了一次`, // 5 repeated in the file
      `${no(tag, 9)},2026-03-02 09:00,王五,13800000000,路灯不亮,,湖畔嘉苑,,,已经录入过的案件`, // 6 already entered
      `${no(tag, 4)},2026-03-02 09:00,,,下水道堵塞,,不存在小区,,,找不到小区`, // 7 refused 小区
      `${no(tag, 5)},昨天上午,,,下水道堵塞,,湖畔嘉苑,,,时间不对`, // 8 refused 来电时间
      `${no(tag, 6)},2026-03-02 09:00,,,修自行车,,湖畔嘉苑,,,没有这个类别`, // 9 refused 问题类别
      `${no(tag, 7)},2026-03-02 09:00,,12345,下水道堵塞,,湖畔嘉苑,,,电话不对`, // 10 refused 来电号码
      `,2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,,,没有工单编号`, // 11 refused 工单编号
      `${no(tag, 8)},2026-03-02 09:00,,,下水道堵塞,,海珀兰轩一区,,,别的社区的小区`, // 12 refused: outside the area
      `${no(tag, 10)},2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,99号楼,,没有这栋楼`, // 13 refused 楼栋
      `${no(tag, 11)},2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,,,`, // 14 refused 诉求内容
    ]);

  const expectMixedOutcome = async (tag: string, res: { status: number; body: { rows: RowResult[]; summary: object; encoding: string } }) => {
    expect(res.status).toBe(200);
    const rows = res.body.rows;
    expect(rows.map((r) => r.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(res.body.summary).toEqual({ rows: 13, created: 3, wouldCreate: 0, skipped: 2, refused: 8 });
    for (const line of [2, 3, 4]) expect(byLine(rows, line)).toMatchObject({ status: 'created', ticket: { id: expect.any(Number), no: expect.stringMatching(/^HG/) } });
    expect(byLine(rows, 5)).toMatchObject({ status: 'skipped', hotlineCaseNo: no(tag, 1), reason: { code: 'REPEATED_IN_FILE', field: '工单编号' } });
    expect(byLine(rows, 5).reason?.message).toContain('line 2');
    expect(byLine(rows, 6)).toMatchObject({ status: 'skipped', reason: { code: 'ALREADY_IMPORTED', field: '工单编号' }, ticket: { id: expect.any(Number) } });
    expect(byLine(rows, 7)).toMatchObject({ status: 'refused', reason: { code: 'NOT_FOUND', field: '小区' } });
    expect(byLine(rows, 8)).toMatchObject({ status: 'refused', reason: { code: 'INVALID', field: '来电时间' } });
    expect(byLine(rows, 9)).toMatchObject({ status: 'refused', reason: { code: 'NOT_FOUND', field: '问题类别' } });
    expect(byLine(rows, 10)).toMatchObject({ status: 'refused', reason: { code: 'INVALID', field: '来电号码' } });
    expect(byLine(rows, 11)).toMatchObject({ status: 'refused', hotlineCaseNo: null, reason: { code: 'REQUIRED', field: '工单编号' } });
    expect(byLine(rows, 12)).toMatchObject({ status: 'refused', reason: { code: 'OUT_OF_SCOPE', field: '小区' } });
    expect(byLine(rows, 13)).toMatchObject({ status: 'refused', reason: { code: 'NOT_FOUND', field: '楼栋' } });
    expect(byLine(rows, 14)).toMatchObject({ status: 'refused', reason: { code: 'REQUIRED', field: '诉求内容' } });
    return rows;
  };

  const enterByHand = async (caseNo: string) => {
    const res = await as.post('community', '/api/tickets', {
      categoryId: ids.category('street_light_out'), description: '已经录入过的案件', compoundId: ids.unit('hupanjiayuan'),
      channel: 'hotline_12345', hotlineCaseNo: caseNo,
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };

  it('UTF-8 with a BOM: creates the good rows, skips duplicates, refuses bad rows naming the field; a second import creates nothing', async () => {
    const entered = await enterByHand(no('U', 9));
    const file = Buffer.concat([BOM, Buffer.from(mixed('U'), 'utf8')]);
    const res = await upload('community', file);
    expect(res.body.encoding).toBe('utf-8');
    const rows = await expectMixedOutcome('U', res);
    expect(byLine(rows, 6).ticket?.id).toBe(entered);
    expect((await ticketsWithCases([no('U', 1), no('U', 2), no('U', 3), no('U', 4), no('U', 8)])).map((r) => r.hotline_case_no))
      .toEqual([no('U', 1), no('U', 2), no('U', 3)]);

    const first = (await as.get('community', `/api/tickets/${byLine(rows, 2).ticket?.id}`)).body;
    expect(first).toMatchObject({
      channel: 'hotline_12345', status: 'submitted', priority: 'urgent',
      category: { code: 'sewer_blocked' }, compound: { id: ids.unit('hupanjiayuan') }, building: { name: '6号楼' },
      hotline: { caseNo: no('U', 1), calledAt: '2026-03-02T00:42:00.000Z' },
      caller: { name: '张秀英', phone: '13909518826' }, address: '湖畔嘉苑6号楼2单元',
    });
    expect(first.timeline[0]).toMatchObject({ action: 'report', actor: { role: 'community_staff' }, data: { channel: 'hotline_12345', imported: true } });
    expect((await as.get('community', `/api/tickets/${byLine(rows, 3).ticket?.id}`)).body.caller.phone).toBe('09515068812');
    expect((await as.get('community', `/api/tickets/${byLine(rows, 4).ticket?.id}`)).body.building.name).toBe('13号楼');
    // The imported case waits for dispatch like any other: its community clock runs.
    expect(first.deadlines).toEqual([expect.objectContaining({ leg: 'dispatch', status: 'open' })]);

    const again = await upload('community', file);
    expect(again.status).toBe(200);
    expect(again.body.summary).toMatchObject({ created: 0, skipped: 5, refused: 8 });
    for (const line of [2, 3, 4]) {
      expect(byLine(again.body.rows, line)).toMatchObject({ status: 'skipped', reason: { code: 'ALREADY_IMPORTED' }, ticket: byLine(rows, line).ticket });
    }
  });

  it('GBK (Excel on Chinese Windows): the same file decodes and imports the same way', async () => {
    await enterByHand(no('G', 9));
    const res = await upload('community', encode(mixed('G'), 'gbk'));
    expect(res.body.encoding).toBe('gbk');
    const rows = await expectMixedOutcome('G', res);
    const view = (await as.get('community', `/api/tickets/${byLine(rows, 2).ticket?.id}`)).body;
    expect(view).toMatchObject({ description: '6号楼2单元下水道反水，厨房积水', caller: { name: '张秀英' }, compound: { name: '湖畔嘉苑' } });
  });

  it('dry run reports what would happen and writes nothing', async () => {
    await enterByHand(no('D', 9));
    const file = Buffer.from(mixed('D'), 'utf8');
    // Only this file's cases: other suites create tickets in the same database meanwhile.
    const fileCases = [1, 2, 3, 4, 5, 6, 7, 8].map((i) => no('D', i));
    const before = await ticketsWithCases(fileCases);
    const dry = await upload('community', file, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ dryRun: true, summary: { rows: 13, created: 0, wouldCreate: 3, skipped: 2, refused: 8 } });
    for (const line of [2, 3, 4]) expect(byLine(dry.body.rows, line)).toEqual(expect.objectContaining({ status: 'would_create' }));
    expect(byLine(dry.body.rows, 2).ticket).toBeUndefined();
    expect(await ticketsWithCases(fileCases)).toEqual(before);

    const real = await upload('community', file, '?dryRun=false');
    expect(real.body.summary).toMatchObject({ created: 3, skipped: 2, refused: 8 });
    expect((await upload('community', file, '?dryRun=maybe')).status).toBe(400);
  });

  it('control characters in a row (a BEL, an ANSI escape) refuse that row, naming the column', async () => {
    const file = Buffer.from(
      csv([
        `${no('C', 1)},2026-03-02 09:00,张\u0007三,,下水道堵塞,,湖畔嘉苑,,,下水道堵塞`,
        `${no('C', 2)},2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,,,"\u001b[31m下水道堵塞\u001b[0m"`,
        `${no('C', 3)},2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,,南门\u007f旁,下水道堵塞`,
        `${no('C', 4)},2026-03-02 09:00,,,下水道堵塞,,湖畔嘉苑,,,"下水道堵塞
厨房积水"`,
      ]),
      'utf8',
    );
    const res = await upload('community', file, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(byLine(res.body.rows, 2)).toEqual(expect.objectContaining({ status: 'refused', reason: expect.objectContaining({ code: 'INVALID', field: '来电人' }) }));
    expect(byLine(res.body.rows, 3)).toEqual(expect.objectContaining({ status: 'refused', reason: expect.objectContaining({ code: 'INVALID', field: '诉求内容' }) }));
    expect(byLine(res.body.rows, 4)).toEqual(expect.objectContaining({ status: 'refused', reason: expect.objectContaining({ code: 'INVALID', field: '详细地址' }) }));
    // A line break inside a quoted 诉求内容 is ordinary multi-line text.
    expect(byLine(res.body.rows, 5)).toEqual(expect.objectContaining({ status: 'would_create' }));
  });

  it('all or nothing: a failure while writing row 3 leaves rows 1 and 2 unwritten', async () => {
    // A database-level fault on one row's insert, as a crash half-way through would be.
    await t.db.query(`CREATE FUNCTION import_fault() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.description = '导入故障演练' THEN RAISE EXCEPTION 'injected fault'; END IF; RETURN NEW; END $$`);
    await t.db.query(`CREATE TRIGGER import_fault BEFORE INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION import_fault()`);
    try {
      const file = Buffer.from(csv([
        `${no('F', 1)},2026-03-02 08:00,,,路灯不亮,,湖畔嘉苑,,,第一条`,
        `${no('F', 2)},2026-03-02 08:10,,,路灯不亮,,五里水乡,,,第二条`,
        `${no('F', 3)},2026-03-02 08:20,,,路灯不亮,,枫林湾小区,,,导入故障演练`,
      ]), 'utf8');
      const events = () => t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE data->>'hotlineCaseNo' = ANY($1)`, [[no('F', 1), no('F', 2), no('F', 3)]]);
      const before = await events();
      const res = await upload('community', file);
      expect(res.status).toBe(500);
      expect(await ticketsWithCases([no('F', 1), no('F', 2), no('F', 3)])).toEqual([]);
      expect(await events()).toEqual(before);
    } finally {
      await t.db.query('DROP TRIGGER import_fault ON tickets');
      await t.db.query('DROP FUNCTION import_fault()');
    }
  });

  it('scope: rows outside the caller’s area are refused; a street imports its communities; other roles may not import', async () => {
    const file = Buffer.from(csv([
      `${no('S', 1)},2026-03-02 08:00,,,路灯不亮,,湖畔嘉苑,,,北京中路街道的小区`,
      `${no('S', 2)},2026-03-02 08:00,,,路灯不亮,,海珀兰轩一区,,,贺兰山中路街道的小区`,
    ]), 'utf8');
    const other = await upload('community2', file, '?dryRun=true');
    expect(byLine(other.body.rows, 2)).toMatchObject({ status: 'refused', reason: { code: 'OUT_OF_SCOPE', field: '小区' } });
    expect(byLine(other.body.rows, 3)).toMatchObject({ status: 'would_create' });

    const street = await upload('street', file);
    expect(street.status).toBe(200);
    expect(byLine(street.body.rows, 2)).toMatchObject({ status: 'created' });
    expect(byLine(street.body.rows, 3)).toMatchObject({ status: 'refused', reason: { code: 'OUT_OF_SCOPE' } });
    const created = (await as.get('street', `/api/tickets/${byLine(street.body.rows, 2).ticket?.id}`)).body;
    expect(created.timeline[0].actor.role).toBe('street_staff');

    // The case now exists in 安居苑: the other community learns it is taken, not which ticket holds it.
    const seenFromOutside = await upload('community2', Buffer.from(csv([`${no('S', 1)},2026-03-02 08:00,,,路灯不亮,,海珀兰轩一区,,,同一个编号`]), 'utf8'), '?dryRun=true');
    expect(byLine(seenFromOutside.body.rows, 2)).toEqual(expect.objectContaining({ status: 'skipped', reason: expect.objectContaining({ code: 'ALREADY_IMPORTED' }) }));
    expect(byLine(seenFromOutside.body.rows, 2).ticket).toBeUndefined();

    for (const user of ['grid', 'resident', 'property', 'supervisor']) {
      const res = await upload(user, file, '?dryRun=true');
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('ROLE_NOT_ALLOWED');
    }
  });

  it('compound names that repeat: the namesake inside the caller’s area is meant; two inside it are ambiguous', async () => {
    // A second 湖畔嘉苑 in 海珀兰轩社区 (another street), removed again at the end: nothing else sees it.
    const copy = async (code: string, grid: string) => {
      const [row] = await t.db.query(
        `INSERT INTO org_units (kind, code, name, parent_id, district_id, street_id, community_id, grid_id)
         SELECT 'compound', $1, '湖畔嘉苑', g.id, g.district_id, g.street_id, g.community_id, g.id FROM org_units g WHERE g.code = $2
         RETURNING id`,
        [code, grid],
      );
      return row.id as number;
    };
    const added: number[] = [];
    try {
      added.push(await copy(`dup-hpjy-${run}-1`, 'haipolanxuan-g1'));
      const file = (tag: string) => Buffer.from(csv([
        `${no(tag, 1)},2026-03-02 08:00,,,路灯不亮,,湖畔嘉苑,,,重名小区`,
        `${no(tag, 2)},2026-03-02 08:00,,,路灯不亮,海珀兰轩社区,湖畔嘉苑,,,指明社区`,
      ]), 'utf8');
      const mine = await upload('community', file('A'), '?dryRun=true');
      expect(byLine(mine.body.rows, 2)).toMatchObject({ status: 'would_create' });
      expect(byLine(mine.body.rows, 3)).toMatchObject({ status: 'refused', reason: { code: 'OUT_OF_SCOPE', field: '小区' } });
      const theirs = await upload('community2', file('B'), '?dryRun=true');
      expect(byLine(theirs.body.rows, 2)).toMatchObject({ status: 'would_create' });
      expect(byLine(theirs.body.rows, 3)).toMatchObject({ status: 'would_create' });

      added.push(await copy(`dup-hpjy-${run}-2`, 'anjuyuan-g2'));
      const twoInArea = await upload('community', file('C'), '?dryRun=true');
      expect(byLine(twoInArea.body.rows, 2)).toMatchObject({ status: 'refused', reason: { code: 'AMBIGUOUS', field: '小区' } });
    } finally {
      await t.db.query('DELETE FROM org_units WHERE id = ANY($1)', [added]);
    }
  });

  it('whole-file problems are a 4xx naming the file or the missing column', async () => {
    const noCompound = await upload('community', Buffer.from('工单编号,来电时间,问题类别,诉求内容\r\nA-0001,2026-03-02 08:00,路灯不亮,不亮\r\n', 'utf8'));
    expect(noCompound.status).toBe(400);
    expect(noCompound.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: '小区' }] });
    const empty = await upload('community', Buffer.from(`${HEADER}\r\n`, 'utf8'));
    expect(empty.status).toBe(400);
    expect(empty.body.details[0].field).toBe('file');
    const xlsx = await upload('community', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00]));
    expect(xlsx.status).toBe(400);
    expect(xlsx.body.details[0].field).toBe('file');
    const huge = await upload('community', Buffer.alloc(2 * 1024 * 1024 + 1, 0x41));
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('PAYLOAD_TOO_LARGE');
    const json = await as.post('community', '/api/imports/hotline', { rows: [] });
    expect(json.status).toBe(415);
  });

  it('a file just over 2 MB is a 413 every time, however the bytes arrive, and imports nothing', async () => {
    const limit = 2 * 1024 * 1024;
    const cases = [1, 2, 3, 4].map((n) => no('over', n));
    for (const [i, caseNo] of cases.entries()) {
      // Its first 2 MB alone are a valid export (the padding is a blank line): imported truncated, the row would be created.
      const start = Buffer.from(csv([`${caseNo},2026-03-02 08:42,张秀英,13909518826,下水道堵塞,安居苑社区,湖畔嘉苑,6号楼,,楼下反水`]), 'utf8');
      const exact = Buffer.concat([start, Buffer.alloc(limit - start.length, 0x20)]);
      const over = Buffer.concat([exact, Buffer.alloc([1, 10, 4096, 1][i], 0x20)]);
      const split = await splitUpload(t.url, '/api/imports/hotline', await as.token('community'), over, limit);
      expect([split.status, split.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
      const whole = await upload('community', over);
      expect([whole.status, whole.body.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    }
    expect(await ticketsWithCases(cases)).toEqual([]);
  });

  it('the documented sample file (seeds/hotline-12345-sample.csv) is valid for 安居苑社区', async () => {
    const sample = readFileSync(join(__dirname, '../../../seeds/hotline-12345-sample.csv'));
    const res = await upload('community', sample, '?dryRun=true');
    expect(res.status).toBe(200);
    expect(res.body.summary.rows).toBeGreaterThanOrEqual(5);
    expect(res.body.rows.filter((r: RowResult) => r.status !== 'would_create')).toEqual([]);
  });
});
