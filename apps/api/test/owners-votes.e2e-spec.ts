import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { encode } from 'iconv-lite';
import { loadConfig } from '../src/config/app-config';
import { VoteCloseService } from '../src/votes/vote-close.service';
import { WorkerHost } from '../src/worker/worker-host.service';
import { WorkerModule } from '../src/worker/worker.module';
import { DataSource } from 'typeorm';
import { Actors, codeIds } from './support/actors';
import { waitFor } from './support/clock-fixtures';
import { startAppOnOwnDatabase, type TestApp } from './support/test-app';

const HEADER = '楼栋,房号,建筑面积,业主姓名,证件号码,是否已售';
/** 五里水乡 (安居苑社区): 8 units, 6 heads — 王建军 owns two, the developer holds two unsold. Total 850.25 m². */
const REGISTER = [
  '4号楼,1-101,100.00,张秀英,640104198203150021,是',
  '4号楼,1-102,100,王建军,64010419750611003X,是',
  '4号楼,1-201,100.00,王建军,64010419750611003x,已售',
  '10号楼,2-301,100.50,李淑珍,640104196809230045,是',
  '10号楼,2-302,99.5,赵海龙,640104199001010018,是',
  '15号楼,1-101,100.00,,,否',
  '15号楼,1-102,100.00,,,未售',
  '21号楼,3-501,150.25,马丽,640104198811200027,是',
];
const csv = (lines: string[]) => Buffer.from([HEADER, ...lines].join('\r\n') + '\r\n', 'utf8');

interface Row { line: number; status: string; reason?: { code: string; field: string } }

describe('业主大会 votes: register, owners, review, ballots, close and publication (issue #16)', () => {
  let t: TestApp & { databaseUrl: string };
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let compound: number;
  const unit: Record<string, number> = {};
  const user: Record<string, number> = {};

  const upload = async (who: string, data: Buffer, query = '', compoundId = compound) =>
    t.http().post(`/api/compounds/${compoundId}/register${query}`).set('authorization', `Bearer ${await as.token(who)}`).attach('file', data, 'register.csv');
  const makeUser = async (username: string, displayName: string, role: string, unitId: number | null, home: number | null = null) => {
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name, compound_id) VALUES ($1, $2, $3) RETURNING id`, [username, displayName, home]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, $2, $3)`, [u.id, role, unitId]);
    user[username] = u.id;
  };
  const draft = (who: string, body: object = {}) =>
    as.post(who, '/api/votes', {
      compoundId: compound, question: '是否同意续聘现物业服务企业', options: ['同意', '不同意', '弃权'], matter: 'ordinary',
      opensAt: new Date(Date.now() - 1000).toISOString(), closesAt: new Date(Date.now() + 3600_000).toISOString(), ...body,
    });
  const openVote = async (body: object = {}) => {
    const d = await draft('wl-committee', body);
    expect(d.status).toBe(201);
    const r = await as.post('community', `/api/votes/${d.body.id}/review`, { decision: 'approve' });
    expect(r.status).toBe(200);
    return d.body.id as number;
  };

  beforeAll(async () => {
    // A database of its own: the closing test starts a whole worker, whose sweep fires whatever is due
    // in the database it is given; on the shared one that included other suites' deadlines (the
    // faked-clock run once saw deadlines.e2e's breach taken before its own call).
    t = await startAppOnOwnDatabase();
    as = new Actors(t);
    ids = await codeIds(t);
    compound = ids.unit('wulishuixiang');
    await makeUser('wl-committee', '周建华', 'owners_committee_member', compound);
    await makeUser('hp-committee', '孙丽', 'owners_committee_member', ids.unit('hupanjiayuan'));
    for (const [name, display] of [['wl-a', '张秀英'], ['wl-b', '王建军'], ['wl-c', '李淑珍'], ['wl-tenant', '租户刘强']]) await makeUser(name, display, 'resident', null, compound);
  });
  afterAll(() => t.close());

  describe('the register (CSV import)', () => {
    it('a dry run checks every row and writes nothing; the real run writes all of it; a re-import changes nothing', async () => {
      const dry = await upload('community', csv(REGISTER), '?dryRun=true');
      expect(dry.status).toBe(200);
      expect(dry.body.summary).toMatchObject({ rows: 8, valid: 8, refused: 0, created: 0 });
      expect(await t.db.query('SELECT 1 FROM register_units WHERE compound_id = $1', [compound])).toHaveLength(0);

      const real = await upload('community', csv(REGISTER));
      expect(real.status).toBe(200);
      expect(real.body.summary).toMatchObject({ rows: 8, created: 8, updated: 0, unchanged: 0 });
      const again = await upload('community', csv(REGISTER));
      expect(again.body.summary).toMatchObject({ created: 0, updated: 0, unchanged: 8 });

      const rows: Array<{ id: number; building: string; unit_no: string; area_m2: string; owner_key: string | null; sold: boolean }> = await t.db.query(
        `SELECT u.id, b.name AS building, u.unit_no, u.area_m2, u.owner_key, u.sold FROM register_units u JOIN org_units b ON b.id = u.building_id WHERE u.compound_id = $1`,
        [compound],
      );
      for (const r of rows) unit[`${r.building} ${r.unit_no}`] = r.id;
      expect(rows.find((r) => r.unit_no === '2-302')?.area_m2).toBe('99.50');
      // 王建军's two units share one key (the X is normalised); the ID number itself is nowhere.
      const wang = rows.filter((r) => r.building === '4号楼' && r.unit_no !== '1-101');
      expect(wang[0].owner_key).toBe(wang[1].owner_key);
      expect(JSON.stringify(await t.db.query('SELECT * FROM register_units WHERE compound_id = $1', [compound]))).not.toMatch(/640104/);
      expect(rows.filter((r) => !r.sold).every((r) => r.owner_key === null)).toBe(true);
    });

    it('a GBK file (Excel’s “CSV”) reads the same', async () => {
      const res = await upload('community', encode([HEADER, ...REGISTER].join('\r\n'), 'gbk'), '?dryRun=true');
      expect(res.status).toBe(200);
      expect(res.body.encoding).toBe('gbk');
      expect(res.body.summary).toMatchObject({ rows: 8, valid: 8 });
    });

    it('refuses bad rows one by one, and writes nothing from a file with any refused row', async () => {
      const bad = csv([
        '4号楼,9-901,88.00,韩梅,640104199505050011,是', // 2 fine
        '4号楼,9-902,0,韩梅,640104199505050011,是', // 3 area 0
        '4号楼,9-903,12.345,韩梅,640104199505050011,是', // 4 three decimals
        '99号楼,9-904,80,韩梅,640104199505050011,是', // 5 unknown building
        '4号楼,9-901,88.00,韩梅,640104199505050011,是', // 6 repeated
        '4号楼,9-905,80,韩梅,,是', // 7 no ID number
        '4号楼,9-906,80,韩梅,640104199505050011,否', // 8 unsold with an owner
        '4号楼,9-907,80,韩梅,640104199505050011,也许', // 9 sold?
      ]);
      const dry = await upload('community', bad, '?dryRun=true');
      expect(dry.status).toBe(200);
      const by = (line: number) => (dry.body.rows as Row[]).find((r) => r.line === line);
      expect(by(2)?.status).toBe('valid');
      expect(by(3)?.reason).toMatchObject({ code: 'INVALID', field: 'area' });
      expect(by(4)?.reason).toMatchObject({ code: 'INVALID', field: 'area' });
      expect(by(5)?.reason).toMatchObject({ code: 'NOT_FOUND', field: 'building' });
      expect(by(6)?.reason).toMatchObject({ code: 'REPEATED_IN_FILE', field: 'unitNo' });
      expect(by(7)?.reason).toMatchObject({ code: 'REQUIRED', field: 'idNumber' });
      expect(by(8)?.reason).toMatchObject({ code: 'INVALID', field: 'ownerName' });
      expect(by(9)?.reason).toMatchObject({ code: 'INVALID', field: 'sold' });
      const real = await upload('community', bad);
      expect(real.status).toBe(400);
      expect(real.body.code).toBe('VALIDATION_FAILED');
      expect(await t.db.query(`SELECT 1 FROM register_units WHERE unit_no LIKE '9-9%'`)).toHaveLength(0);
    });

    it('only the compound’s community staff import; others get 404 before the file is read', async () => {
      for (const who of ['community2', 'wl-committee', 'resident', 'property']) expect((await upload(who, csv(REGISTER), '?dryRun=true')).status).toBe(404);
      expect((await upload('community', Buffer.from('not,a,register\n1,2,3\n'), '?dryRun=true')).status).toBe(400);
    });

    it('names are masked for the 业委会, full for community staff; residents see units without owners', async () => {
      const staff = await as.get('community', `/api/compounds/${compound}/register`);
      const committee = await as.get('wl-committee', `/api/compounds/${compound}/register`);
      const resident = await as.get('wl-a', `/api/compounds/${compound}/register`);
      const name = (res: typeof staff) => res.body.items.find((i: { unitNo: string; ownerName: string | null }) => i.unitNo === '1-101' && i.ownerName !== null)?.ownerName ?? null;
      expect(name(staff)).toBe('张秀英');
      expect(name(committee)).toBe('张*英');
      expect(resident.body.items.every((i: { ownerName: null; areaM2: null }) => i.ownerName === null && i.areaM2 === null)).toBe(true);
      expect((await as.get('resident2', `/api/compounds/${compound}/register`)).status).toBe(404);
    });
  });

  describe('owners: a resident claims, staff confirm or bind; a tenant is refused', () => {
    it('claim → verify; direct binding; a rejected claim gives no vote', async () => {
      const claim = await as.post('wl-a', '/api/owner-claims', { unitId: unit['4号楼 1-101'] });
      expect(claim.status).toBe(201);
      expect(claim.body.status).toBe('requested');
      expect((await as.post('wl-a', '/api/owner-claims', { unitId: unit['4号楼 1-101'] })).status).toBe(409);
      // The list shows each claim as the claim itself reads (one query for the list, the same view).
      const waiting = (await as.get('community', `/api/compounds/${compound}/owner-claims`)).body.items;
      expect(waiting.find((i: { id: number }) => i.id === claim.body.id)).toEqual(claim.body);
      expect(waiting.map((i: { id: number }) => i.id)).toEqual([...waiting.map((i: { id: number }) => i.id)].sort((x, y) => x - y));
      expect((await as.post('community2', `/api/owner-claims/${claim.body.id}/decision`, { decision: 'verified' })).status).toBe(404);
      const ok = await as.post('community', `/api/owner-claims/${claim.body.id}/decision`, { decision: 'verified' });
      expect(ok.body.status).toBe('verified');
      expect((await as.post('community', `/api/owner-claims/${claim.body.id}/decision`, { decision: 'rejected' })).status).toBe(409);

      for (const [who, u] of [['wl-b', '4号楼 1-102'], ['wl-b', '4号楼 1-201'], ['wl-c', '10号楼 2-301']]) {
        const bound = await as.post('community', `/api/register-units/${unit[u]}/owners`, { userId: user[who] });
        expect(bound.status).toBe(200);
        expect(bound.body.status).toBe('verified');
      }
      const tenant = await as.post('wl-tenant', '/api/owner-claims', { unitId: unit['10号楼 2-302'] });
      expect((await as.post('community', `/api/owner-claims/${tenant.body.id}/decision`, { decision: 'rejected' })).body.status).toBe('rejected');
      const mine = (await as.get('wl-b', '/api/me/units')).body.items;
      expect(mine).toHaveLength(2);
      expect(mine.every((i: { user: { displayName: string }; unit: { compound: { id: number } } }) => i.unit.compound.id === compound && typeof i.user.displayName === 'string')).toBe(true);
      // Another compound's resident cannot claim a unit here.
      expect((await as.post('resident', '/api/owner-claims', { unitId: unit['10号楼 2-302'] })).status).toBe(400);
    });
  });

  describe('a vote: draft, review, ballots', () => {
    let voteId = 0;

    it('drafting: the compound’s 业委会 or community staff only; bad input is a 400 naming the field', async () => {
      expect((await draft('hp-committee')).status).toBe(403);
      expect((await draft('wl-a')).status).toBe(403);
      expect((await draft('community2')).status).toBe(403);
      const oneOption = await draft('wl-committee', { options: ['同意'] });
      expect(oneOption.status).toBe(400);
      expect(oneOption.body.message).toMatch(/options/);
      expect((await draft('wl-committee', { matter: 'use_maintenance_fund' })).body.message).toMatch(/matter/);
      expect((await draft('wl-committee', { closesAt: new Date(Date.now() - 10_000).toISOString(), opensAt: new Date(Date.now() - 3600_000).toISOString() })).status).toBe(400);
      expect((await draft('wl-committee', { purpose: 'dismiss_company' })).body.message).toMatch(/purposeCompanyId/);
      const d = await draft('wl-committee', { purpose: 'dismiss_company', purposeCompanyId: ids.org('saishang-wuye'), question: '是否解聘现物业服务企业' });
      expect(d.status).toBe(201);
      expect(d.body).toMatchObject({ status: 'pending_review', phase: 'pending_review', purpose: 'dismiss_company', canReview: false });
      voteId = d.body.id;
    });

    it('before review residents do not see it; review is the community’s; a second review is 409', async () => {
      expect((await as.get('wl-a', `/api/votes/${voteId}`)).status).toBe(404);
      expect((await as.get('wl-a', '/api/votes')).body.items.map((v: { id: number }) => v.id)).not.toContain(voteId);
      expect((await as.post('wl-committee', `/api/votes/${voteId}/review`, { decision: 'approve' })).status).toBe(403);
      expect((await as.post('community2', `/api/votes/${voteId}/review`, { decision: 'approve' })).status).toBe(404);
      const both = await Promise.all([
        as.post('community', `/api/votes/${voteId}/review`, { decision: 'approve' }),
        as.post('community', `/api/votes/${voteId}/review`, { decision: 'reject', note: '请补充' }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 409]);
      const after = await as.get('wl-a', `/api/votes/${voteId}`);
      if (both[0].status === 200) expect(after.body.phase).toBe('open');
      else expect(after.status).toBe(404);
    });

    it('a rejection needs a reason and leaves the vote with its organisers', async () => {
      const d = await draft('community');
      expect((await as.post('community', `/api/votes/${d.body.id}/review`, { decision: 'reject' })).status).toBe(400);
      const r = await as.post('community', `/api/votes/${d.body.id}/review`, { decision: 'reject', note: '表决事项需先经业委会讨论' });
      expect(r.body).toMatchObject({ status: 'rejected', reviewNote: '表决事项需先经业委会讨论' });
      expect((await as.get('wl-a', `/api/votes/${d.body.id}`)).status).toBe(404);
      expect((await as.post('wl-a', `/api/votes/${d.body.id}/ballots`, { unitId: unit['4号楼 1-101'], option: 0 })).status).toBe(404);
    });
  });

  describe('ballots, the close by the worker, and the published result', () => {
    let voteId = 0;

    it('only verified owners vote for their own units; tenants and other compounds cannot', async () => {
      voteId = await openVote({ question: '是否解聘现物业服务企业', purpose: 'dismiss_company', purposeCompanyId: ids.org('saishang-wuye'), options: ['同意', '不同意'] });
      const a = await as.post('wl-a', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-101'], option: 0 });
      expect(a.status).toBe(200);
      expect(a.body).toMatchObject({ option: 0, channel: 'mini_program', revision: 1, replaced: false });
      expect((await as.post('wl-a', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-102'], option: 0 })).body.code).toBe('NOT_UNIT_OWNER');
      expect((await as.post('wl-tenant', `/api/votes/${voteId}/ballots`, { unitId: unit['10号楼 2-302'], option: 0 })).status).toBe(403);
      expect((await as.post('wl-a', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-101'], option: 5 })).status).toBe(400);
      expect((await as.post('wl-a', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-101'], option: 0, channel: 'paper' })).status).toBe(403);
      for (const who of ['resident', 'resident2', 'community2', 'hp-committee']) expect((await as.post(who, `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-101'], option: 1 })).status).toBe(404);
      const mine = await as.get('wl-a', `/api/votes/${voteId}`);
      expect(mine.body.myUnits).toEqual([expect.objectContaining({ unitId: unit['4号楼 1-101'], ballot: expect.objectContaining({ option: 0 }) })]);
    });

    it('30 concurrent ballots for one unit: one ballot row, 30 trail rows, the last applied counts', async () => {
      const results = await Promise.all(Array.from({ length: 30 }, (_, i) => as.post('wl-c', `/api/votes/${voteId}/ballots`, { unitId: unit['10号楼 2-301'], option: i % 2 })));
      expect(results.map((r) => r.status).every((s) => s === 200)).toBe(true);
      expect(results.map((r) => r.body.revision).sort((x, y) => x - y)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
      const ballots: Array<{ option_index: number; revision: number; last_event_id: string }> = await t.db.query(`SELECT option_index, revision, last_event_id FROM owner_ballots WHERE vote_id = $1 AND unit_id = $2`, [voteId, unit['10号楼 2-301']]);
      expect(ballots).toHaveLength(1);
      expect(ballots[0].revision).toBe(30);
      const trail: Array<{ id: string; option_index: number }> = await t.db.query(`SELECT id, option_index FROM owner_vote_events WHERE vote_id = $1 AND unit_id = $2 AND action = 'ballot' ORDER BY id`, [voteId, unit['10号楼 2-301']]);
      expect(trail).toHaveLength(30);
      expect(trail[29]).toEqual({ id: ballots[0].last_event_id, option_index: ballots[0].option_index });
      // Then, one more: the owner settles on 同意 (a replacement, revision 31).
      const last = await as.post('wl-c', `/api/votes/${voteId}/ballots`, { unitId: unit['10号楼 2-301'], option: 0 });
      expect(last.body).toMatchObject({ revision: 31, replaced: true, option: 0 });
    });

    it('a multi-unit owner votes per unit; staff and the 业委会 enter paper and on-site ballots, marked as such', async () => {
      expect((await as.post('wl-b', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-102'], option: 0 })).status).toBe(200);
      // 王建军's other unit comes in on paper later, the other way: equal areas, so his head follows this later choice.
      const paper = await as.post('community', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-201'], option: 1, channel: 'paper' });
      expect(paper.body).toMatchObject({ channel: 'paper', castBy: await as.id('community') });
      // The developer's unsold unit: one ballot on paper stands for its head.
      expect((await as.post('community', `/api/votes/${voteId}/ballots`, { unitId: unit['15号楼 1-101'], option: 1, channel: 'paper' })).status).toBe(200);
      expect((await as.post('wl-committee', `/api/votes/${voteId}/ballots`, { unitId: unit['21号楼 3-501'], option: 0, channel: 'on_site' })).body.channel).toBe('on_site');
      expect((await as.post('community2', `/api/votes/${voteId}/ballots`, { unitId: unit['21号楼 3-501'], option: 1, channel: 'paper' })).status).toBe(404);
      const trail = await as.get('wl-committee', `/api/votes/${voteId}/trail`);
      expect(trail.body.items.filter((e: { channel: string }) => e.channel === 'on_site')).toEqual([
        expect.objectContaining({ action: 'ballot', actor: expect.objectContaining({ role: 'owners_committee_member' }), unit: expect.objectContaining({ label: '21号楼 3-501' }) }),
      ]);
      expect((await as.get('wl-a', `/api/votes/${voteId}/trail`)).status).toBe(403);
    });

    it('the list shows each vote as its own page does (units and ballots, counts), in queries that do not grow with the votes', async () => {
      const listFor = async (who: string) => {
        const spy = jest.spyOn(DataSource.prototype, 'query');
        const res = await as.get(who, `/api/votes?compoundId=${compound}`);
        const queries = spy.mock.calls.length;
        spy.mockRestore();
        expect(res.status).toBe(200);
        return { items: res.body.items as Array<{ id: number; myUnits: unknown[]; participation: unknown }>, queries };
      };
      for (const who of ['wl-b', 'wl-committee', 'community']) {
        const { items } = await listFor(who);
        const listed = items.find((v) => v.id === voteId);
        expect(listed).toEqual((await as.get(who, `/api/votes/${voteId}`)).body);
      }
      // wl-b's two units with their ballots; the organisers see the count.
      expect((await listFor('wl-b')).items.find((v) => v.id === voteId)?.myUnits).toHaveLength(2);
      const [{ ballots }] = await t.db.query(`SELECT count(*)::int AS ballots FROM owner_ballots WHERE vote_id = $1`, [voteId]);
      expect(ballots).toBeGreaterThan(0);
      expect((await listFor('wl-committee')).items.find((v) => v.id === voteId)?.participation).toMatchObject({ units: ballots });
      const before = await listFor('wl-committee');
      await openVote({ question: '是否同意增设充电桩' });
      await openVote({ question: '是否同意更换门禁' });
      const after = await listFor('wl-committee');
      expect(after.items.length).toBe(before.items.length + 2);
      expect(after.queries).toBe(before.queries);
    });

    it('the worker closes it once at the window’s end; the result follows art. 278 and is published, immutable', async () => {
      await t.db.query(`UPDATE owner_votes SET closes_at = $2 WHERE id = $1`, [voteId, new Date(Date.now() + 1500)]);
      const config = loadConfig({ ...process.env, DATABASE_URL: t.databaseUrl, SWEEP_INTERVAL_MS: '300', LOG_LEVEL: 'silent' });
      let worker: INestApplicationContext | null = null;
      try {
        worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { logger: false });
        await worker.get(WorkerHost).start();
        await waitFor('the close', () => t.db.query(`SELECT status FROM owner_votes WHERE id = $1`, [voteId]) as Promise<Array<{ status: string }>>, (r) => r[0].status === 'closed', 20_000);
        // A few more sweeps: nothing is closed or published twice.
        await new Promise((r) => setTimeout(r, 1000));
      } finally {
        await worker?.close();
      }
      expect(await t.db.query(`SELECT 1 FROM owner_vote_events WHERE vote_id = $1 AND action = 'close'`, [voteId])).toHaveLength(1);
      expect(await t.db.query(`SELECT 1 FROM compound_notices WHERE vote_id = $1`, [voteId])).toHaveLength(1);
      expect(await t.app.get(VoteCloseService).close(voteId, new Date())).toBe('skipped');

      const v = await as.get('wl-a', `/api/votes/${voteId}`);
      expect(v.body.status).toBe('closed');
      // 850.25 m² and 6 heads; took part: 650.75 m² and 5 heads (not 赵海龙) → quorum.
      // 同意: 张秀英, 李淑珍, 马丽 (450.75 m², 3 heads); 不同意: 王建军 (his later choice), the developer (200.00 m², 2 heads).
      expect(v.body.result).toEqual({
        total: { areaM2: '850.25', heads: 6, units: 8 },
        participated: { areaM2: '650.75', heads: 5, units: 6 },
        quorum: true,
        threshold: 'more_than_half',
        options: [{ option: 0, label: '同意', areaM2: '450.75', heads: 3 }, { option: 1, label: '不同意', areaM2: '200.00', heads: 2 }],
        adoptedOption: 0,
        passed: true,
        purpose: 'dismiss_company',
      });
      const board = await as.get('wl-a', `/api/compounds/${compound}/notices`);
      expect(board.status).toBe(200);
      expect(board.body.items[0]).toMatchObject({ kind: 'vote_result', voteId, body: expect.stringContaining('“同意”获得参与表决面积和人数过半数同意') });

      expect((await as.post('wl-a', `/api/votes/${voteId}/ballots`, { unitId: unit['4号楼 1-101'], option: 1 })).body.code).toBe('VOTE_NOT_OPEN');
      await expect(t.db.query(`UPDATE compound_notices SET body = 'x' WHERE vote_id = $1`, [voteId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM compound_notices WHERE vote_id = $1`, [voteId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`UPDATE owner_votes SET result = '{}' WHERE id = $1`, [voteId])).rejects.toThrow(/closed/);
      await expect(t.db.query(`DELETE FROM owner_vote_events WHERE vote_id = $1`, [voteId])).rejects.toThrow(/append-only/);
    });

    it('closing races: many closes at once (worker and readers) publish exactly one result', async () => {
      const other = await openVote({ matter: 'rebuild', options: ['同意', '不同意'] });
      await as.post('wl-a', `/api/votes/${other}/ballots`, { unitId: unit['4号楼 1-101'], option: 0 });
      await t.db.query(`UPDATE owner_votes SET closes_at = $2 WHERE id = $1`, [other, new Date(Date.now() - 1)]);
      const closer = t.app.get(VoteCloseService);
      const outcomes = await Promise.all([...Array.from({ length: 5 }, () => closer.close(other, new Date())), as.get('wl-a', `/api/votes/${other}`).then(() => 'read')]);
      expect(outcomes.filter((o) => o === 'closed').length).toBeLessThanOrEqual(1);
      expect(await t.db.query(`SELECT 1 FROM compound_notices WHERE vote_id = $1`, [other])).toHaveLength(1);
      const v = await as.get('wl-a', `/api/votes/${other}`);
      // 100 m² of 850.25 took part: no quorum, nothing decided.
      expect(v.body.result).toMatchObject({ quorum: false, threshold: 'three_quarters', adoptedOption: null, passed: false });
    });
  });

  describe('scope', () => {
    it('other compounds’ residents and staff see neither the votes nor the notices', async () => {
      const votes: Array<{ id: number }> = await t.db.query(`SELECT id FROM owner_votes WHERE compound_id = $1`, [compound]);
      for (const who of ['resident', 'resident2', 'community2', 'grid2', 'property', 'hp-committee']) {
        for (const v of votes) expect([403, 404]).toContain((await as.get(who, `/api/votes/${v.id}`)).status);
        expect((await as.get(who, '/api/votes')).body.items?.filter((v: { compound: { id: number } }) => v.compound.id === compound) ?? []).toEqual([]);
        expect((await as.get(who, `/api/compounds/${compound}/notices`)).status).toBe(404);
      }
      // The street above sees them (read only).
      expect((await as.get('street', `/api/votes/${votes[0].id}`)).status).toBe(200);
    });
  });
  describe('the electorate is frozen at approval: a register re-import during the vote changes nothing', () => {
    it('changed area, changed/removed owner and an added unit: ballots and the count use the snapshot only', async () => {
      const voteId = await openVote({ question: '是否同意使用维修资金更换电梯', options: ['同意', '不同意'] });
      const frozen: Array<{ unit_id: number; area_centi: string; sold: boolean; owner_key: string | null }> = await t.db.query(
        `SELECT unit_id, area_centi, sold, owner_key FROM owner_vote_electorate WHERE vote_id = $1 ORDER BY unit_id`, [voteId]);
      expect(frozen).toHaveLength(8);
      expect(frozen.find((e) => e.unit_id === unit['10号楼 2-302'])).toMatchObject({ area_centi: '9950', sold: true });
      expect(frozen.filter((e) => !e.sold).every((e) => e.owner_key === null)).toBe(true);
      const approval = await as.get('wl-committee', `/api/votes/${voteId}/trail`);
      expect(approval.body.items.find((e: { action: string }) => e.action === 'approve').note).toBe('确定表决权人：8 户，专有部分面积 850.25 平方米');

      for (const [who, u] of [['wl-a', '4号楼 1-101'], ['wl-b', '4号楼 1-102'], ['wl-b', '4号楼 1-201'], ['wl-c', '10号楼 2-301']]) {
        expect((await as.post(who, `/api/votes/${voteId}/ballots`, { unitId: unit[u], option: 0 })).status).toBe(200);
      }
      expect((await as.post('community', `/api/votes/${voteId}/ballots`, { unitId: unit['15号楼 1-101'], option: 1, channel: 'paper' })).status).toBe(200);

      // During the vote the register is re-imported: 2-302 doubles its area and loses its owner (now the
      // developer's), 王建军's 1-201 passes to 韩梅, 马丽's 3-501 to 马强, and a unit 3-502 is added.
      const changed = REGISTER.map((l) => l
        .replace('10号楼,2-302,99.5,赵海龙,640104199001010018,是', '10号楼,2-302,199.50,,,否')
        .replace('4号楼,1-201,100.00,王建军,64010419750611003x,已售', '4号楼,1-201,100.00,韩梅,640104199505050011,是')
        .replace('21号楼,3-501,150.25,马丽,640104198811200027,是', '21号楼,3-501,150.25,马强,640104199912120033,是'));
      const re = await upload('community', csv([...changed, '21号楼,3-502,120.00,孙国华,640104197707070019,是']));
      expect(re.status).toBe(200);
      expect(re.body.summary).toMatchObject({ created: 1, updated: 3 });
      const [added]: Array<{ id: number }> = await t.db.query(`SELECT id FROM register_units WHERE compound_id = $1 AND unit_no = '3-502'`, [compound]);

      // The added unit has no vote in this one: on paper, or by its verified owner in the mini-program.
      const paper = await as.post('community', `/api/votes/${voteId}/ballots`, { unitId: added.id, option: 1, channel: 'paper' });
      expect(paper.status).toBe(409);
      expect(paper.body).toMatchObject({ code: 'UNIT_NOT_IN_ELECTORATE', message: expect.stringMatching(/^unitId: /) });
      await makeUser('wl-sun', '孙国华', 'resident', null, compound);
      expect((await as.post('community', `/api/register-units/${added.id}/owners`, { userId: user['wl-sun'] })).status).toBe(200);
      expect((await as.post('wl-sun', `/api/votes/${voteId}/ballots`, { unitId: added.id, option: 1 })).body.code).toBe('UNIT_NOT_IN_ELECTORATE');
      expect((await as.get('wl-sun', `/api/votes/${voteId}`)).body.myUnits).toEqual([expect.objectContaining({ unitId: added.id, inElectorate: false, ballot: null })]);
      // 3-501's new owner, once verified, casts the unit's ballot; the head stays the snapshot's (马丽's).
      await makeUser('wl-ma', '马强', 'resident', null, compound);
      expect((await as.post('community', `/api/register-units/${unit['21号楼 3-501']}/owners`, { userId: user['wl-ma'] })).status).toBe(200);
      expect((await as.post('wl-ma', `/api/votes/${voteId}/ballots`, { unitId: unit['21号楼 3-501'], option: 0 })).status).toBe(200);
      expect((await as.get('wl-ma', `/api/votes/${voteId}`)).body.myUnits).toEqual([expect.objectContaining({ unitId: unit['21号楼 3-501'], inElectorate: true, ballot: expect.objectContaining({ option: 0 }) })]);

      const open = await as.get('wl-committee', `/api/votes/${voteId}`);
      expect(open.body.participation).toEqual({ units: 6, totalUnits: 8 });
      // The snapshot cannot be edited, nor added to outside the approval.
      await expect(t.db.query(`UPDATE owner_vote_electorate SET area_centi = 1 WHERE vote_id = $1`, [voteId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM owner_vote_electorate WHERE vote_id = $1`, [voteId])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`INSERT INTO owner_vote_electorate (vote_id, unit_id, area_centi, sold) VALUES ($1, $2, 12000, true)`, [voteId, added.id])).rejects.toThrow(/frozen at its approval/);

      await t.db.query(`UPDATE owner_votes SET closes_at = $2 WHERE id = $1`, [voteId, new Date(Date.now() - 1)]);
      expect(await t.app.get(VoteCloseService).close(voteId, new Date())).toBe('closed');
      const v = await as.get('wl-a', `/api/votes/${voteId}`);
      // As at approval: 850.25 m², 6 heads (王建军 one head for two units, the developer one), 8 units.
      // Took part: 650.75 m², 5 heads (not 赵海龙 — his unit's later move to the developer does not merge him in).
      // 同意: 张秀英, 王建军 ×2, 李淑珍, 马丽's unit (550.75 m², 4 heads); 不同意: the developer (100.00 m², 1 head).
      expect(v.body.result).toEqual({
        total: { areaM2: '850.25', heads: 6, units: 8 },
        participated: { areaM2: '650.75', heads: 5, units: 6 },
        quorum: true,
        threshold: 'more_than_half',
        options: [{ option: 0, label: '同意', areaM2: '550.75', heads: 4 }, { option: 1, label: '不同意', areaM2: '100.00', heads: 1 }],
        adoptedOption: 0,
        passed: true,
        purpose: null,
      });
      const notice = (await as.get('wl-a', `/api/compounds/${compound}/notices`)).body.items.find((n: { voteId: number }) => n.voteId === voteId);
      expect(notice.body).toContain('专有部分总面积 850.25 平方米，业主总人数 6 人（共 8 户）');
      expect(notice.body).toContain('“同意”：面积 550.75 平方米，人数 4 人');
    });

    it('a vote approved after the re-import has the new register as its electorate', async () => {
      const voteId = await openVote({ question: '是否同意增设充电桩', options: ['同意', '不同意'] });
      const [e]: Array<{ units: number; centi: string }> = await t.db.query(
        `SELECT count(*)::int AS units, sum(area_centi)::text AS centi FROM owner_vote_electorate WHERE vote_id = $1`, [voteId]);
      expect(e).toEqual({ units: 9, centi: String(85025 + 10000 + 12000) });
    });
  });
});
