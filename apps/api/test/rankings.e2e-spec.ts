import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { Queue } from 'bullmq';
import { QuarterListsService } from '../src/rankings/quarter-lists.service';
import { QUARTER_LISTS_CRON, QuarterListsScheduler } from '../src/rankings/quarter-lists.scheduler';
import { redisOptions } from '../src/worker/redis-connection';
import { Actors, codeIds } from './support/actors';
import { insertCompanyQuarter } from './support/ranking-fixtures';
import { startApp, type TestApp } from './support/test-app';

/**
 * 星级评定, 红黑榜 and the exports against figures worked out by hand. The fixtures live in 2024Q3,
 * a quarter no other test file writes, so parallel suites cannot move these numbers. Households
 * served in 2024Q3 (contracts in force then, demo seed):
 * - Z 银川中房物业: 海珀兰轩一区 1080 + 海珀兰轩三区 760 + 吉泰润园 960 = 2800 (district);
 *   1840 in 贺兰山中路街道 (吉泰润园 is in 黄河东路街道).
 * - B 宝湖物业: 宝湖湾 1420 + 御景湖城 1760 + 枫林湾 1520 = 4700 (all outside 贺兰山中路).
 * - Y 阅海物业: 1 perfect ticket in 阅海万家A区.
 *
 * Z: 35 tickets in 海珀兰轩, none late, 1 不满意 (reopened, resolved again on time):
 *   按时办结率 36/36 = 100%, 满意率 34/35 = 97.14%, 投诉率 35 ÷ 2800 × 1000 = 12.5 ‰,
 *   投诉得分 100 × (1 − 12.5/200) = 93.75, score 0.4 × 100 + 0.4 × 97.14 + 0.2 × 93.75 = 97.61 → ★★★★★.
 * B: 30 tickets, 15 late, 12 不满意: 按时办结率 (42 − 15)/42 = 64.29%, 满意率 18/30 = 60%,
 *   投诉率 30 ÷ 4700 × 1000 = 6.383 ‰ → 投诉得分 100 × (1 − 6.383/200) = 96.81,
 *   score 0.4 × 64.29 + 0.4 × 60 + 0.2 × 96.81 = 69.08 → ★ (under 70).
 * Y: 1 rated ticket: 样本不足 (fewer than 30), listed after the ranked companies despite 100 %.
 */
const QUARTER = '2024Q3';
const at = (iso: string) => new Date(`${iso}+08:00`);

describe('rankings: 星级评定, 红黑榜 and exports', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  const tag = randomBytes(3).toString('hex');
  const streetSupervisor = `rank-sup-${tag}`;

  type Row = { rank: number | null; company: { id: number; name: string }; score: number | null; stars: number | null; [k: string]: unknown };
  const ranking = async (user: string, extra = '') => {
    const res = await as.get(user, `/api/reports/ranking?quarter=${QUARTER}${extra}`);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { rows: Row[]; formula: { minRated: number; components: Array<{ key: string; weight: number; zh: string }> }; complete: boolean; scope: { name: string } };
  };
  const row = (rows: Row[], code: string) => rows.find((r) => r.company.id === ids.org(code));

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    await insertCompanyQuarter(t.db, { tag: `${tag}z`, company: 'zhongfang-wuye', compounds: ['haipolanxuan-1', 'haipolanxuan-3'], start: at('2024-08-01T08:00:00'), count: 35, late: 0, dissatisfied: 1 });
    await insertCompanyQuarter(t.db, { tag: `${tag}b`, company: 'baohu-wuye', compounds: ['baohuwan', 'yujinghucheng'], start: at('2024-07-10T08:00:00'), count: 30, late: 15, dissatisfied: 12 });
    await insertCompanyQuarter(t.db, { tag: `${tag}y`, company: 'yuehai-wuye', compounds: ['yuehaiwanjia-a'], start: at('2024-09-01T08:00:00'), count: 1, late: 0, dissatisfied: 0 });
    const [user]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ($1, '贺兰山中路街道督办') RETURNING id`, [streetSupervisor]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'supervisor', $2)`, [user.id, ids.unit('helanshanzhonglu')]);
  });
  afterAll(() => t.close());

  describe('GET /api/reports/ranking', () => {
    it('scores and stars the companies by the published formula, worked out by hand', async () => {
      const body = await ranking('supervisor');
      expect(body.complete).toBe(true);
      expect(body.formula.minRated).toBe(30);
      expect(body.formula.components.map((c) => [c.zh, c.weight])).toEqual([['按时办结率', 0.4], ['满意率', 0.4], ['投诉得分', 0.2]]);
      expect(row(body.rows, 'zhongfang-wuye')).toMatchObject({
        rank: 1, onTimeResolutionRate: 1, satisfactionRate: 0.9714, complaintRate: 12.5, complaintScore: 93.75,
        households: 2800, answered: 35, score: 97.61, stars: 5, insufficientSample: false,
      });
      expect(row(body.rows, 'baohu-wuye')).toMatchObject({
        rank: 2, onTimeResolutionRate: 0.6429, satisfactionRate: 0.6, complaintRate: 6.383, complaintScore: 96.81,
        households: 4700, answered: 30, score: 69.08, stars: 1,
      });
    });

    it('gives one perfect ticket 样本不足: no score, no stars, listed after every ranked company', async () => {
      const { rows } = await ranking('supervisor');
      const y = row(rows, 'yuehai-wuye');
      expect(y).toMatchObject({ rank: null, score: null, stars: null, insufficientSample: true, answered: 1, onTimeResolutionRate: 1, satisfactionRate: 1 });
      const firstUnranked = rows.findIndex((r) => r.rank === null);
      expect(rows.slice(firstUnranked).every((r) => r.rank === null)).toBe(true);
      expect(rows.indexOf(y as Row)).toBeGreaterThan(rows.indexOf(row(rows, 'baohu-wuye') as Row));
      expect(rows[0].company.id).toBe(ids.org('zhongfang-wuye'));
    });

    it('is scoped like the SLA report: a street supervisor ranks the street only', async () => {
      const body = await ranking(streetSupervisor);
      expect(body.scope.name).toBe('贺兰山中路街道');
      expect(row(body.rows, 'baohu-wuye')).toBeUndefined();
      // Same tickets, fewer households: 35 ÷ 1840 × 1000 = 19.0217 ‰ → 投诉得分 90.49;
      // 0.4 × 100 + 0.4 × 97.14 + 0.2 × 90.49 = 96.95 → ★★★★★ still.
      expect(row(body.rows, 'zhongfang-wuye')).toMatchObject({ rank: 1, households: 1840, complaintRate: 19.0217, complaintScore: 90.49, score: 96.95, stars: 5 });
      const outside = await as.get(streetSupervisor, `/api/reports/ranking?quarter=${QUARTER}&scopeId=${ids.unit('huanghedonglu')}`);
      expect(outside.status).toBe(404);
    });

    it('refuses a malformed quarter naming the field, and callers who read no reports', async () => {
      const bad = await as.get('supervisor', '/api/reports/ranking?quarter=2024Q5');
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('VALIDATION_FAILED');
      expect(bad.body.details[0].field).toBe('quarter');
      expect((await as.get('resident', `/api/reports/ranking?quarter=${QUARTER}`)).status).toBe(403);
    });
  });

  describe('红黑榜', () => {
    const lists = async (user = 'supervisor') => {
      const res = await as.get(user, `/api/reports/lists?quarter=${QUARTER}`);
      expect(res.status).toBe(200);
      return res.body as { current: { version: number; kind: string; reason: string | null; redList: Array<{ company: { id: number } }>; blackList: Array<{ company: { id: number } }> } | null; history: Array<{ version: number; blackList: Array<{ company: { id: number } }> }> };
    };

    it('publishes once per quarter, however often (and however concurrently) the job runs', async () => {
      expect((await lists()).current).toBeNull();
      const service = t.app.get(QuarterListsService);
      const runs = await Promise.all([service.publishScheduled(QUARTER), service.publishScheduled(QUARTER)]);
      expect(runs.flatMap((r) => r.publishedDistricts)).toEqual([ids.unit('jinfeng')]);
      expect((await service.publishScheduled(QUARTER)).publishedDistricts).toEqual([]);
      const body = await lists();
      expect(body.history).toHaveLength(1);
      expect(body.current).toMatchObject({ version: 1, kind: 'scheduled', reason: null });
      expect(body.current?.redList.map((e) => e.company.id)).toEqual([ids.org('zhongfang-wuye')]);
      expect(body.current?.blackList.map((e) => e.company.id)).toEqual([ids.org('baohu-wuye')]);
      // A street supervisor reads the lists of the district the street is in.
      expect((await lists(streetSupervisor)).current?.version).toBe(1);
    });

    it('does not publish a quarter that has not ended', async () => {
      const service = t.app.get(QuarterListsService);
      expect(await service.publishScheduled('2099Q1')).toMatchObject({ publishedDistricts: [], skipped: '2099Q1 has not ended' });
    });

    it('stays frozen when tickets change later; a correction is a new version and keeps the old one', async () => {
      // 20 more tickets for B in the quarter, on time and 满意 (e.g. entered late from paper records):
      // 按时办结率 47/62 = 75.81%, 满意率 38/50 = 76%, 投诉率 50 ÷ 4700 × 1000 = 10.6383 ‰ → 94.68;
      // 0.4 × 75.81 + 0.4 × 76 + 0.2 × 94.68 = 79.66 → ★★, off the black list.
      await insertCompanyQuarter(t.db, { tag: `${tag}b2`, company: 'baohu-wuye', compounds: ['baohuwan'], start: at('2024-09-10T08:00:00'), count: 20, late: 0, dissatisfied: 0 });
      expect(row((await ranking('supervisor')).rows, 'baohu-wuye')).toMatchObject({ score: 79.66, stars: 2 });
      const frozen = await lists();
      expect(frozen.current?.version).toBe(1);
      expect(frozen.current?.blackList.map((e) => e.company.id)).toEqual([ids.org('baohu-wuye')]);
      await expect(t.db.query(`UPDATE quarter_lists SET black_list = '[]' WHERE quarter = $1`, [QUARTER])).rejects.toThrow(/frozen/);

      const street = await as.post(streetSupervisor, '/api/reports/lists/corrections', { quarter: QUARTER, reason: '补录纸质工单后重新计算' });
      expect(street.status).toBe(403);
      const noReason = await as.post('supervisor', '/api/reports/lists/corrections', { quarter: QUARTER });
      expect(noReason.status).toBe(400);
      expect(noReason.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      const unpublished = await as.post('supervisor', '/api/reports/lists/corrections', { quarter: '2024Q2', reason: '补录纸质工单后重新计算' });
      expect(unpublished.status).toBe(404);

      const corrected = await as.post('supervisor', '/api/reports/lists/corrections', { quarter: QUARTER, reason: '补录纸质工单后重新计算' });
      expect(corrected.status).toBe(201);
      expect(corrected.body).toMatchObject({ version: 2, kind: 'correction', reason: '补录纸质工单后重新计算', blackList: [] });
      const after = await lists();
      expect(after.current?.version).toBe(2);
      expect(after.history.map((h) => h.version)).toEqual([2, 1]);
      expect(after.history[1].blackList.map((e) => e.company.id)).toEqual([ids.org('baohu-wuye')]);
      // The scheduled job running again later adds nothing.
      expect((await t.app.get(QuarterListsService).publishScheduled(QUARTER)).publishedDistricts).toEqual([]);
      expect((await lists()).history).toHaveLength(2);
    });

    it('schedules the job at quarter end in Shanghai time, with one deterministic id per quarter', async () => {
      const queue = new Queue(`rank-test-${tag}`, { connection: redisOptions(process.env.REDIS_URL as string, 'producer') });
      try {
        const scheduler = new QuarterListsScheduler();
        await scheduler.install(queue);
        await scheduler.install(queue);
        await scheduler.enqueue(queue, QUARTER);
        await scheduler.enqueue(queue, QUARTER);
        const schedulers = await queue.getJobSchedulers();
        expect(schedulers).toHaveLength(1);
        expect(schedulers[0]).toMatchObject({ pattern: QUARTER_LISTS_CRON.pattern, tz: 'Asia/Shanghai' });
        const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
        const publishes = jobs.filter((j) => j.name === 'quarter-lists.publish');
        // the catch-up (last ended quarter) once, and 2024Q3 once
        expect(publishes.filter((j) => j.id === `quarter-lists-${QUARTER}`)).toHaveLength(1);
        expect(new Set(publishes.map((j) => j.id)).size).toBe(publishes.length);
      } finally {
        await queue.obliterate({ force: true });
        await queue.close();
      }
    });
  });

  describe('exports', () => {
    const download = async (user: string, path: string) =>
      t.http().get(path).set('authorization', `Bearer ${await as.token(user)}`).buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    const filename = (header: string) => decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)?.[1] ?? '');

    it('exports the ranking as CSV: BOM, title with scope and quarter, Chinese headers, formatted percentages', async () => {
      const res = await download('supervisor', `/api/reports/ranking/export?quarter=${QUARTER}&format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(filename(res.headers['content-disposition'])).toBe(`星级评定_金凤区_${QUARTER}.csv`);
      const buf = res.body as Buffer;
      expect([...buf.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = buf.toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toContain('金凤区');
      expect(lines[0]).toContain('2024年第3季度');
      expect(lines[1].split(',')).toEqual(['排名', '物业公司', '星级', '综合得分', '按时办结率', '满意率', '投诉率（每千户）', '投诉得分', '参评数', '服务户数', '受理量', '备注']);
      expect(lines[2]).toBe('1,银川中房物业服务有限公司,★★★★★（五星）,97.61,100.00%,97.14%,12.50,93.75,35,2800,35,');
      expect(lines.find((l) => l.includes('阅海物业'))).toContain('样本不足');
    });

    it('exports the ranking as XLSX that reads back: title row, headers, numbers with a percent format', async () => {
      const res = await download('supervisor', `/api/reports/ranking/export?quarter=${QUARTER}&format=xlsx`);
      expect(res.status).toBe(200);
      expect(filename(res.headers['content-disposition'])).toBe(`星级评定_金凤区_${QUARTER}.xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(res.body as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0];
      expect(String(sheet.getCell('A1').value)).toContain('金凤区 物业服务企业季度星级评定 2024年第3季度');
      expect(sheet.getRow(2).getCell(6).value).toBe('满意率');
      const z = sheet.getRow(3);
      expect(z.getCell(2).value).toBe('银川中房物业服务有限公司');
      expect(z.getCell(4).value).toBe(97.61);
      expect(z.getCell(6).value).toBe(0.9714);
      expect(z.getCell(6).numFmt).toBe('0.00%');
    });

    it('exports the SLA report with the same parameters as /api/reports/sla', async () => {
      const q = `from=2024-07-01&to=2024-09-30&groupBy=company&scopeId=${ids.unit('helanshanzhonglu')}`;
      const csv = await download(streetSupervisor, `/api/reports/sla/export?${q}&format=csv`);
      expect(csv.status).toBe(200);
      const lines = (csv.body as Buffer).toString('utf8').slice(1).split('\r\n');
      expect(lines[0]).toBe('贺兰山中路街道 SLA报表 2024-07-01 至 2024-09-30（按物业公司）');
      const header = lines[1].split(',');
      expect(header.slice(0, 2)).toEqual(['物业公司', '受理量']);
      const z = lines.find((l) => l.startsWith('银川中房物业服务有限公司,'))?.split(',') ?? [];
      expect(z[header.indexOf('满意率')]).toBe('97.14%');
      expect(z[header.indexOf('按时办结率')]).toBe('100.00%');
      expect(lines.some((l) => l.startsWith('合计,'))).toBe(true);
      expect(filename(csv.headers['content-disposition'])).toBe('SLA报表_贺兰山中路街道_2024-07-01_2024-09-30.csv');

      const xlsx = await download(streetSupervisor, `/api/reports/sla/export?${q}&format=xlsx`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ExcelJS.Buffer);
      const sheet = book.worksheets[0];
      expect(sheet.getCell('A1').value).toBe('贺兰山中路街道 SLA报表 2024-07-01 至 2024-09-30（按物业公司）');
      const headers = (sheet.getRow(2).values as unknown[]).slice(1);
      const zRow = sheet.getRows(3, sheet.rowCount - 2)?.find((r) => r.getCell(1).value === '银川中房物业服务有限公司');
      const col = headers.indexOf('满意率') + 1;
      expect(zRow?.getCell(col).value).toBe(0.9714);
      expect(zRow?.getCell(col).numFmt).toBe('0.00%');
    });

    it('refuses an unknown format and out-of-scope units like the JSON reports', async () => {
      const bad = await as.get('supervisor', `/api/reports/ranking/export?quarter=${QUARTER}&format=pdf`);
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('format');
      const outside = await as.get(streetSupervisor, `/api/reports/sla/export?from=2024-07-01&to=2024-09-30&scopeId=${ids.unit('huanghedonglu')}&format=csv`);
      expect(outside.status).toBe(404);
    });
  });
});
