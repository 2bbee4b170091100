import { DisclosureClock } from '../src/disclosures/disclosure.clock';
import { jpegWithExif } from './support/images';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

const DAY = 86_400_000;
/** 肃州区's 五公开 practice, for 五里水乡 (served by 塞上阳光 in the demo). */
const body = (over: object = {}) => ({
  serviceContent: '公共区域保洁每日两次；秩序维护24小时值守；电梯、消防设施按规定维保。',
  feeItems: [
    { item: '物业服务费（住宅）', unit: '元/平方米·月', amount: '1.20' },
    { item: '地面停车位管理费', unit: '元/个·月', amount: '60' },
  ],
  basisKind: 'price_bureau',
  basisText: '银川市发展和改革委员会《关于住宅物业服务收费标准的通知》',
  commitments: '报修30分钟内响应，一般维修24小时内完成。',
  complaintPhone: '0951-5108826',
  ...over,
});

describe('五公开 and 公示栏 (issue #15)', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let clock: DisclosureClock;
  let wuli: number;
  const realNow = () => new Date();

  const makeUser = async (username: string, displayName: string, role: string, unitId: number | null, home: number | null = null) => {
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name, compound_id) VALUES ($1, $2, $3) RETURNING id`, [username, displayName, home]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, $2, $3)`, [u.id, role, unitId]);
  };
  const put = async (who: string, path: string, b: object) => t.http().put(path).set('authorization', `Bearer ${await as.token(who)}`).send(b);

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    clock = t.app.get(DisclosureClock);
    wuli = ids.unit('wulishuixiang');
    await makeUser('wl-resident', '张秀英', 'resident', null, wuli);
  });
  afterEach(() => {
    clock.now = realNow;
  });
  afterAll(() => t.close());

  describe('五公开', () => {
    let v1: number;

    it('the serving company drafts; residents see nothing until the community approves; who and when is kept for each step', async () => {
      const d = await as.post('property', `/api/compounds/${wuli}/disclosures`, body());
      expect(d.status).toBe(201);
      expect(d.body).toMatchObject({ version: 1, status: 'draft', revision: 1, company: { id: ids.org('saishang-wuye') }, canEdit: true });
      expect(d.body.feeItems[0]).toEqual({ item: '物业服务费（住宅）', unit: '元/平方米·月', amount: '1.20' });
      v1 = d.body.id;

      const edited = await put('property', `/api/disclosures/${v1}`, { ...body({ complaintPhone: '13519204418' }), revision: 1 });
      expect(edited.status).toBe(200);
      expect(edited.body).toMatchObject({ revision: 2, complaintPhone: '13519204418' });

      // Not public yet: neither the draft nor the pending version.
      expect((await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`)).body.current).toBeNull();
      expect((await as.get('wl-resident', `/api/disclosures/${v1}`)).status).toBe(404);
      // Community cannot approve a draft that was not submitted.
      expect((await as.post('community', `/api/disclosures/${v1}/review`, { decision: 'approve' })).status).toBe(409);

      const sub = await as.post('property', `/api/disclosures/${v1}/submit`, { revision: 2 });
      expect(sub.status).toBe(200);
      expect(sub.body.status).toBe('pending_review');
      expect((await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`)).body.current).toBeNull();
      // A submitted version is no longer editable.
      expect((await put('property', `/api/disclosures/${v1}`, { ...body(), revision: 2 })).status).toBe(409);

      const queue = await as.get('community', '/api/disclosure-reviews');
      expect(queue.body.disclosures.map((x: { id: number }) => x.id)).toContain(v1);
      expect((await as.get('community2', '/api/disclosure-reviews')).body.disclosures.map((x: { id: number }) => x.id)).not.toContain(v1);

      // Only community staff of the compound review: the company cannot approve its own.
      expect((await as.post('property', `/api/disclosures/${v1}/review`, { decision: 'approve' })).status).toBe(403);
      const ok = await as.post('community', `/api/disclosures/${v1}/review`, { decision: 'approve' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ status: 'approved', reviewed: { by: { displayName: '杨海燕' } } });
      expect(ok.body.drafted.by.displayName).toBe('陈伟');
      expect(ok.body.submitted.by.displayName).toBe('陈伟');

      const pub = await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`);
      expect(pub.status).toBe(200);
      expect(pub.body).toMatchObject({ company: { name: '宁夏塞上阳光物业服务有限公司' }, current: { id: v1, version: 1, complaintPhone: '13519204418' } });

      const trail = await as.get('property', `/api/disclosures/${v1}/trail`);
      expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(['draft', 'edit', 'submit', 'approve']);
    });

    it('versioned: a new version stays private until approved, a rejected one never goes public, every version is kept', async () => {
      const v2 = await as.post('property', `/api/compounds/${wuli}/disclosures`, body({ commitments: '报修15分钟内响应。' }));
      expect(v2.status).toBe(201);
      expect(v2.body.version).toBe(2);
      // One open version per compound.
      expect((await as.post('property', `/api/compounds/${wuli}/disclosures`, body())).body.code).toBe('DISCLOSURE_DRAFT_EXISTS');
      await as.post('property', `/api/disclosures/${v2.body.id}/submit`, { revision: 1 });
      expect((await as.post('community', `/api/disclosures/${v2.body.id}/review`, { decision: 'reject' })).body.code).toBe('VALIDATION_FAILED');
      const rej = await as.post('community', `/api/disclosures/${v2.body.id}/review`, { decision: 'reject', note: '服务承诺与合同不一致' });
      expect(rej.body).toMatchObject({ status: 'rejected', reviewed: { note: '服务承诺与合同不一致' } });
      expect((await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`)).body.current.id).toBe(v1);

      const v3 = await as.post('property', `/api/compounds/${wuli}/disclosures`, body({ commitments: '报修20分钟内响应。' }));
      await as.post('property', `/api/disclosures/${v3.body.id}/submit`, { revision: 1 });
      await as.post('community', `/api/disclosures/${v3.body.id}/review`, { decision: 'approve' });
      const pub = await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`);
      expect(pub.body.current).toMatchObject({ id: v3.body.id, version: 3, commitments: '报修20分钟内响应。' });

      const all = await as.get('community', `/api/compounds/${wuli}/disclosures`);
      expect(all.body.items.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['3:approved', '2:rejected', '1:approved']);
      expect((await as.get('wl-resident', `/api/compounds/${wuli}/disclosures`)).status).toBe(403);
    });

    it('a reviewed version is frozen in the database: UPDATE and DELETE are refused by the trigger', async () => {
      await expect(t.db.query(`UPDATE compound_disclosures SET complaint_phone = '12345' WHERE id = $1`, [v1])).rejects.toThrow(/reviewed/);
      await expect(t.db.query(`DELETE FROM compound_disclosures WHERE id = $1`, [v1])).rejects.toThrow(/reviewed/);
      await expect(t.db.query(`UPDATE disclosure_events SET note = 'x' WHERE subject_id = $1`, [v1])).rejects.toThrow(/append-only/);
    });

    it('races: two edits at one revision, two reviews at once — one wins, the other is 409', async () => {
      const d = await as.post('property', `/api/compounds/${wuli}/disclosures`, body());
      const id = d.body.id;
      const edits = await Promise.all([
        put('property', `/api/disclosures/${id}`, { ...body({ complaintPhone: '12345' }), revision: 1 }),
        put('property', `/api/disclosures/${id}`, { ...body({ complaintPhone: '400-800-1234' }), revision: 1 }),
      ]);
      expect(edits.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(edits.find((r) => r.status === 409)?.body.code).toBe('DISCLOSURE_STATE_CHANGED');
      await as.post('property', `/api/disclosures/${id}/submit`, { revision: 2 });
      const reviews = await Promise.all([
        as.post('community', `/api/disclosures/${id}/review`, { decision: 'approve' }),
        as.post('community', `/api/disclosures/${id}/review`, { decision: 'reject', note: '重复' }),
      ]);
      expect(reviews.map((r) => r.status).sort()).toEqual([200, 409]);
      const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM disclosure_events WHERE subject = 'disclosure' AND subject_id = $1 AND action IN ('approve', 'reject')`, [id]);
      expect(n).toBe(1);
    });

    it('bad input is 400 with a code naming the field: amount format, phone, basis, empty fee table', async () => {
      const cases: Array<[object, string]> = [
        [body({ feeItems: [{ item: '物业费', unit: '元/平方米·月', amount: '1.234' }] }), 'feeItems.0.amount'],
        [body({ feeItems: [{ item: '物业费', unit: '元/平方米·月', amount: 1.2 }] }), 'feeItems.0.amount'],
        [body({ feeItems: [{ item: '物业费', unit: '元/平方米·月', amount: '-1' }] }), 'feeItems.0.amount'],
        [body({ feeItems: [{ item: '物业费', unit: '元/平方米·月', amount: '1e3' }] }), 'feeItems.0.amount'],
        [body({ feeItems: [] }), 'feeItems'],
        [body({ complaintPhone: '5108826' }), 'complaintPhone'],
        [body({ complaintPhone: '1351920441' }), 'complaintPhone'],
        [body({ basisKind: 'rumour' }), 'basisKind'],
        [body({ basisUploadId: 'not-a-uuid' }), 'basisUploadId'],
      ];
      for (const [b, field] of cases) {
        const r = await as.post('property', `/api/compounds/${wuli}/disclosures`, b);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(r.body.details.map((x: { field: string }) => x.field)).toContain(field);
      }
    });

    it('scope: another company, another community, residents elsewhere get 404; staff who only read get 403', async () => {
      expect((await as.post('property2', `/api/compounds/${wuli}/disclosures`, body())).status).toBe(404);
      expect((await as.get('property2', `/api/compounds/${wuli}/disclosures`)).status).toBe(404);
      expect((await as.get('resident2', `/api/compounds/${wuli}/disclosure`)).status).toBe(404);
      expect((await as.get('community2', `/api/compounds/${wuli}/disclosure`)).status).toBe(404);
      expect((await as.get('property2', `/api/disclosures/${v1}`)).status).toBe(404);
      expect((await as.post('community2', `/api/disclosures/${v1}/review`, { decision: 'approve' })).status).toBe(404);
      expect((await as.post('community', `/api/compounds/${wuli}/disclosures`, body())).status).toBe(403);
      expect((await as.post('wl-resident', `/api/compounds/${wuli}/disclosures`, body())).status).toBe(403);
      // The company sees only compounds it serves on its board.
      const board = await as.get('property2', '/api/disclosure-board');
      expect(board.body.items.map((i: { compound: { id: number } }) => i.compound.id)).not.toContain(wuli);
    });

    it('the board flags a missing disclosure and a public version older than a year, at the injected clock', async () => {
      const row = (b: { items: Array<{ compound: { id: number }; flag: string }> }, id: number) => b.items.find((i) => i.compound.id === id);
      const approvedAt = new Date((await as.get('wl-resident', `/api/compounds/${wuli}/disclosure`)).body.current.reviewed.at);
      clock.now = () => new Date(approvedAt.getTime() + 364 * DAY);
      let b = (await as.get('supervisor', '/api/disclosure-board')).body;
      expect(row(b, wuli)?.flag).toBe('current');
      expect(row(b, ids.unit('fenglinwan'))?.flag).toBe('missing');
      clock.now = () => new Date(approvedAt.getTime() + 366 * DAY);
      b = (await as.get('community', '/api/disclosure-board')).body;
      expect(row(b, wuli)?.flag).toBe('stale');
      expect(b.staleAfterDays).toBe(365);
      // A company's own list shows the same flag; other communities are not on community's board.
      expect(row((await as.get('property', '/api/disclosure-board')).body, wuli)?.flag).toBe('stale');
      expect(row(b, ids.unit('haipolanxuan-1'))).toBeUndefined();
      expect((await as.get('wl-resident', '/api/disclosure-board')).status).toBe(403);
    });

    it('the demo data: 海珀兰轩一区 approved 420 days before seeding is stale, 云凤花园 current', async () => {
      const b = (await as.get('supervisor', '/api/disclosure-board')).body as { items: Array<{ compound: { id: number }; flag: string }> };
      expect(b.items.find((i) => i.compound.id === ids.unit('haipolanxuan-1'))?.flag).toBe('stale');
      expect(b.items.find((i) => i.compound.id === ids.unit('yunfenghuayuan'))?.flag).toBe('current');
    });
  });

  describe('公示栏', () => {
    let yunfeng: number;
    const notice = (over: object = {}) => ({
      kind: 'fund_spending', title: '2026年11月维修资金使用公示', body: '经业主大会表决同意，使用专项维修资金更换2号楼电梯主板。', month: '2026-11',
      amounts: [{ item: '2号楼电梯主板更换', amount: '18600.00' }, { item: '监理费', amount: '0.10' }], ...over,
    });
    beforeAll(() => {
      yunfeng = ids.unit('yunfenghuayuan');
    });

    it('the 业委会 drafts, the community approves, residents of the compound read it; nobody else', async () => {
      const photo = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token('committee')}`).attach('file', jpegWithExif(), 'p.jpg');
      expect(photo.status).toBe(201);
      const d = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ attachmentIds: [photo.body.id] }));
      expect(d.status).toBe(201);
      expect(d.body).toMatchObject({ status: 'pending_review', month: '2026-11', total: '18600.10', attachmentIds: [photo.body.id] });
      // Not on the board before review.
      const before = await as.get('owner', `/api/compounds/${yunfeng}/notices`);
      expect(before.body.items.find((n: { title: string }) => n.title === '2026年11月维修资金使用公示')).toBeUndefined();
      expect((await as.get('community3', '/api/disclosure-reviews')).body.notices.map((n: { id: number }) => n.id)).toContain(d.body.id);

      expect((await as.post('committee', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' })).status).toBe(403);
      const ok = await as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' });
      expect(ok.status).toBe(200);
      expect(ok.body.status).toBe('published');

      const board = await as.get('owner', `/api/compounds/${yunfeng}/notices`);
      const n = board.body.items.find((x: { id: number }) => x.id === ok.body.noticeId);
      expect(n).toMatchObject({ kind: 'fund_spending', correctedById: null, data: { month: '2026-11', total: '18600.10', attachmentIds: [photo.body.id] } });
      expect((await as.get('resident', `/api/compounds/${yunfeng}/notices`)).status).toBe(404);
      expect((await as.get('community', `/api/notice-drafts/${d.body.id}`)).status).toBe(404);
    });

    it('published notices are immutable (trigger) and the API has no edit; a correction marks the old one 已更正', async () => {
      const [{ id: old }]: Array<{ id: number }> = await t.db.query(`SELECT id FROM compound_notices WHERE compound_id = $1 AND kind = 'fund_spending' ORDER BY id DESC LIMIT 1`, [yunfeng]);
      await expect(t.db.query(`UPDATE compound_notices SET body = 'x' WHERE id = $1`, [old])).rejects.toThrow(/append-only/);
      await expect(t.db.query(`DELETE FROM compound_notices WHERE id = $1`, [old])).rejects.toThrow(/append-only/);
      expect((await put('committee', `/api/notice-drafts/1`, notice())).status).toBe(404);
      const [{ id: draftId }]: Array<{ id: number }> = await t.db.query(`SELECT id FROM compound_notice_drafts WHERE notice_id = $1`, [old]);
      await expect(t.db.query(`UPDATE compound_notice_drafts SET title = 'x' WHERE id = $1`, [draftId])).rejects.toThrow(/reviewed/);

      const c = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ title: '更正：2026年11月维修资金使用公示', amounts: [{ item: '2号楼电梯主板更换', amount: '16800.00' }], correctsId: old }));
      expect(c.status).toBe(201);
      const a = await as.post('community3', `/api/notice-drafts/${c.body.id}/review`, { decision: 'approve' });
      expect(a.status).toBe(200);
      const board = (await as.get('owner', `/api/compounds/${yunfeng}/notices`)).body.items;
      expect(board.find((x: { id: number }) => x.id === old).correctedById).toBe(a.body.noticeId);
      expect(board.find((x: { id: number }) => x.id === a.body.noticeId)).toMatchObject({ correctsId: old, correctedById: null });
      // The old one is corrected: a second correction of it is refused; correct the latest instead.
      expect((await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ correctsId: old }))).body.code).toBe('NOTICE_ALREADY_CORRECTED');
    });

    it('two corrections of one notice approved at once: one is published, the other 409 NOTICE_ALREADY_CORRECTED', async () => {
      const d = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ title: '2026年8月维修资金使用公示', month: '2026-08' }));
      const published = await as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' });
      const fix = (amount: string) => as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ title: `更正：8月公示 ${amount}`, month: '2026-08', amounts: [{ item: '电梯', amount }], correctsId: published.body.noticeId }));
      const [a, b] = [await fix('100.00'), await fix('200.00')];
      const rs = await Promise.all([a, b].map((x) => as.post('community3', `/api/notice-drafts/${x.body.id}/review`, { decision: 'approve' })));
      expect(rs.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(rs.find((r) => r.status === 409)?.body.code).toBe('NOTICE_ALREADY_CORRECTED');
      const [{ n }]: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM compound_notices WHERE corrects_id = $1', [published.body.noticeId]);
      expect(n).toBe(1);
    });

    it('a rejected draft never reaches the board', async () => {
      const d = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ kind: 'public_income', title: '2026年11月公共收益公示', amounts: [{ item: '电梯广告收入', amount: '3200' }] }));
      const r = await as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'reject', note: '请附广告合同' });
      expect(r.body).toMatchObject({ status: 'rejected', noticeId: null });
      const board = (await as.get('owner', `/api/compounds/${yunfeng}/notices`)).body.items;
      expect(board.find((x: { title: string }) => x.title === '2026年11月公共收益公示')).toBeUndefined();
    });

    it('two reviews at once: one publishes, the other is 409 and publishes nothing', async () => {
      const d = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ title: '2026年10月维修资金使用公示', month: '2026-10' }));
      const rs = await Promise.all([
        as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' }),
        as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' }),
      ]);
      expect(rs.map((x) => x.status).sort()).toEqual([200, 409]);
      const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM compound_notices WHERE title = '2026年10月维修资金使用公示'`);
      expect(n).toBe(1);
    });

    it('PDF attachments: magic bytes and active content checked; readable by residents once published, never a ticket photo', async () => {
      const upload = async (who: string, data: Buffer, name: string) => t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token(who)}`).attach('file', data, name);
      const clean = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
      const script = Buffer.from('%PDF-1.4\n1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj\n%%EOF\n', 'latin1');
      expect([(await upload('committee', script, 'x.pdf')).status, (await upload('committee', script, 'x.pdf')).body.code]).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
      expect((await upload('committee', Buffer.from('%PDX not really'), 'x.pdf')).status).toBe(415);
      const pdf = await upload('committee', clean, '发票.pdf');
      expect([pdf.status, pdf.body.mimeType]).toEqual([201, 'application/pdf']);

      const d = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ title: '2026年9月维修资金使用公示', month: '2026-09', attachmentIds: [pdf.body.id] }));
      expect([d.status, d.body.attachments]).toEqual([201, [{ id: pdf.body.id, mimeType: 'application/pdf' }]]);
      expect((await as.get('owner', `/api/uploads/${pdf.body.id}`)).status).toBe(404);
      expect((await as.get('community3', `/api/uploads/${pdf.body.id}`)).status).toBe(200);
      await as.post('community3', `/api/notice-drafts/${d.body.id}/review`, { decision: 'approve' });
      // The published notice names each attachment's type: readers open a PDF instead of showing it as a photo.
      const board = await as.get('owner', `/api/compounds/${yunfeng}/notices`);
      expect(board.body.items.find((n: { title: string }) => n.title === '2026年9月维修资金使用公示').data.attachments).toEqual([{ id: pdf.body.id, mimeType: 'application/pdf' }]);
      const read = await as.get('owner', `/api/uploads/${pdf.body.id}`);
      expect([read.status, read.headers['content-type']]).toEqual([200, 'application/pdf']);
      expect((await as.get('resident', `/api/uploads/${pdf.body.id}`)).status).toBe(404);

      // A PDF as the 五公开 收费依据: the version names its type, so readers open it as a document.
      const basis = await upload('property', clean, '收费依据.pdf');
      const v = await as.post('property', `/api/compounds/${wuli}/disclosures`, body({ basisUploadId: basis.body.id }));
      expect([v.status, v.body.basisUploadId, v.body.basisUploadType]).toEqual([201, basis.body.id, 'application/pdf']);

      // A PDF is never a ticket photo.
      const own = await upload('resident', clean, 'a.pdf');
      const ticket = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: '路灯不亮，附件测试', compoundId: ids.unit('hupanjiayuan'), photoIds: [own.body.id] });
      expect([ticket.status, ticket.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    });

    it('scope and input: only the compound’s 业委会 drafts; amounts and month are checked', async () => {
      expect((await as.post('committee', `/api/compounds/${ids.unit('hupanjiayuan')}/notice-drafts`, notice())).status).toBe(404);
      expect((await as.post('community3', `/api/compounds/${yunfeng}/notice-drafts`, notice())).status).toBe(403);
      expect((await as.post('owner', `/api/compounds/${yunfeng}/notice-drafts`, notice())).status).toBe(404);
      for (const [b, field] of [
        [notice({ amounts: [{ item: '电梯', amount: '12.345' }] }), 'amounts.0.amount'],
        [notice({ amounts: [{ item: '电梯', amount: 12 }] }), 'amounts.0.amount'],
        [notice({ month: '2026-13' }), 'month'],
        [notice({ kind: 'vote_result' }), 'kind'],
      ] as Array<[object, string]>) {
        const r = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, b);
        expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
        expect(r.body.details.map((x: { field: string }) => x.field)).toContain(field);
      }
      // Someone else's upload cannot be attached by guessing its id.
      const photo = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token('owner')}`).attach('file', jpegWithExif(), 'p.jpg');
      const r = await as.post('committee', `/api/compounds/${yunfeng}/notice-drafts`, notice({ attachmentIds: [photo.body.id] }));
      expect([r.status, r.body.code]).toEqual([400, 'INVALID_REFERENCE']);
    });
  });
});
