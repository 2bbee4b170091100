import { DEFAULT_WORKING_CALENDAR, nextWorkingInstant, quarterOf, shanghaiDate, workingDaysDeadline, type RankingRow } from '@red-butler/domain';
import { NoticeDeadlines } from '../src/supervision/notice-deadlines.service';
import { CompanyTrail } from '../src/supervision/company-trail.service';
import { Notifier } from '../src/notifications/notifier.service';
import { SlaService } from '../src/sla/sla.service';
import { nextQuarter } from '../src/supervision/consequences.service';
import { applyDowngrades } from '../src/supervision/ranking-downgrades';
import { Actors } from './support/actors';
import { jpegWithExif } from './support/images';
import { supervisionWorld } from './support/supervision-fixtures';
import { startApp, type TestApp } from './support/test-app';

/**
 * 督导整改 → 降级 → 清退 (issue #16, first half). The deadline is moved by writing due_at and
 * next_event_at in the database (the API has no test clock; the worker reads the row), as the
 * deadline suites do with their fixtures. The real workers' side (two at once, a lost job) is in
 * supervision-worker.e2e-spec.ts, which runs in band with the other worker suites.
 */
describe('supervision notices, downgrades and exits', () => {
  let t: TestApp;
  let as: Actors;
  let w: Awaited<ReturnType<typeof supervisionWorld>>;
  const tag = Date.now().toString(36);

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    w = await supervisionWorld(t, tag);
  });
  afterAll(() => t.close());

  const report = async () => {
    const res = await as.post(w.resident, '/api/tickets', {
      categoryId: w.ids.category('street_light_out'), description: '楼道灯不亮，多次报修', compoundId: w.compoundId, reporterPhone: '13812345678',
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const dispatch = (ticketId: number, companyId: number) => as.post('community', `/api/tickets/${ticketId}/dispatch`, { companyId });
  const issue = (user: string, body: Record<string, unknown> = {}) =>
    as.post(user, '/api/supervision/notices', {
      organizationId: w.oldCo, compoundId: w.compoundId, problem: '楼道照明长期报修不修，居民多次评价不满意', expected: '3个工作日内修复并提交照片', workingDays: 3, ...body,
    });
  const trail = async (noticeId: number) =>
    ((await t.db.query(`SELECT kind FROM company_trail WHERE notice_id = $1 ORDER BY id`, [noticeId])) as Array<{ kind: string }>).map((r) => r.kind);
  const upload = async (user: string) => {
    const res = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token(user)}`).attach('file', jpegWithExif(), 'fix.jpg');
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** Moves the notice's running clock: both the deadline and the worker's next event. */
  const dueIn = (noticeId: number, ms: number) =>
    t.db.query(`UPDATE supervision_notices SET due_at = now() + make_interval(secs => $2 / 1000.0), next_event_at = CASE WHEN next_event IS NULL THEN NULL ELSE now() + make_interval(secs => $2 / 1000.0) END WHERE id = $1`, [noticeId, ms]);

  let ticketBefore: number;
  let lifecycleId: number;

  it('street staff issue a notice with linked tickets; the deadline is N working days on the shared calendar', async () => {
    ticketBefore = await report();
    expect((await dispatch(ticketBefore, w.oldCo)).status).toBe(200);
    const res = await issue('street', { ticketIds: [ticketBefore] });
    expect(res.status).toBe(201);
    lifecycleId = res.body.id;
    expect(res.body).toMatchObject({ status: 'issued', company: { id: w.oldCo }, compounds: [{ id: w.compoundId }], ticketIds: [ticketBefore], workingDays: 3 });
    expect(res.body.tickets).toEqual([expect.objectContaining({ id: ticketBefore })]);
    // The DB calendar is the seeded default one.
    expect(new Date(res.body.dueAt)).toEqual(workingDaysDeadline(DEFAULT_WORKING_CALENDAR, new Date(res.body.issuedAt), 3));
    expect(new Date(res.body.dueAt).getTime()).toBeGreaterThan(nextWorkingInstant(DEFAULT_WORKING_CALENDAR, new Date(res.body.issuedAt)).getTime());
    expect(await trail(lifecycleId)).toEqual(['notice_issued']);
    const [note]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM notifications WHERE dedupe_key = $1`, [`notice:${lifecycleId}:issued`]);
    expect(note.n).toBe(1);
    // The company sees it in its list; the issuer may verify only once answered.
    const mine = await as.get(w.oldPm, '/api/supervision/notices');
    expect(mine.body.items.map((n: { id: number }) => n.id)).toContain(lifecycleId);
    expect(mine.body.items.find((n: { id: number }) => n.id === lifecycleId).allowedActions).toEqual(['answer']);
  });

  it('all compounds the company serves in the issuer’s scope when no compound is named', async () => {
    const res = await as.post('supervisor', '/api/supervision/notices', { organizationId: w.oldCo, problem: '多个小区投诉集中', expected: '全面排查整改', workingDays: 5 });
    expect(res.status).toBe(201);
    expect(res.body.compounds.map((c: { id: number }) => c.id).sort()).toEqual([w.compoundId, w.laterCompoundId].sort());
    expect(res.body.issuer).toMatchObject({ unitKind: 'district' });
  });

  it('a notice may cite the company’s entry on a published 黑榜 (the current version of that quarter’s lists)', async () => {
    const entry = [{ company: { id: w.oldCo, name: '督导测试物业' }, rank: 9, score: 52.5, stars: 1 }];
    // A quarter no other suite publishes; version 2 (a correction) drops the company again.
    await t.db.query(
      `INSERT INTO quarter_lists (quarter, district_id, version, kind, formula, red_list, black_list, ranking) VALUES ('2031Q2', $1, 1, 'scheduled', '{}', '[]', $2, '[]')`,
      [w.districtId, JSON.stringify(entry)],
    );
    const cited = await issue('street', { blackListQuarter: '2031Q2' });
    expect(cited.status).toBe(201);
    expect(cited.body.blackListQuarter).toBe('2031Q2');
    await t.db.query(
      `INSERT INTO quarter_lists (quarter, district_id, version, kind, reason, formula, red_list, black_list, ranking) VALUES ('2031Q2', $1, 2, 'correction', '更正', '{}', '[]', '[]', '[]')`,
      [w.districtId],
    );
    const corrected = await issue('street', { blackListQuarter: '2031Q2' });
    expect(corrected.status).toBe(422);
    expect(corrected.body.code).toBe('NOT_ON_BLACK_LIST');
  });

  it('the company answers with photos; the issuer rejects with a reason; the company answers again; races get 409', async () => {
    const photo = await upload(w.oldPm);
    // Another manager's upload is not yours to attach.
    const foreign = await upload(w.newPm);
    const bad = await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/answers`, { body: '已修复', photoIds: [foreign] });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'INVALID_REFERENCE' });
    expect(bad.body.message).toContain('photoIds');
    expect((await as.post('street', `/api/supervision/notices/${lifecycleId}/answers`, { body: '已修复' })).status).toBe(403);
    const answered = await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/answers`, { body: '已更换楼道灯具12套', photoIds: [photo] });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ status: 'answered', answers: [{ body: '已更换楼道灯具12套', photoIds: [photo] }] });
    // The issuing street can see the answer's photo; an unrelated company cannot.
    expect((await t.http().get(`/api/uploads/${photo}`).set('authorization', `Bearer ${await as.token('street')}`)).status).toBe(200);
    expect((await t.http().get(`/api/uploads/${photo}`).set('authorization', `Bearer ${await as.token(w.newPm)}`)).status).toBe(404);
    // Answered: no clock runs.
    const [row]: Array<{ next_event_at: Date | null }> = await t.db.query(`SELECT next_event_at FROM supervision_notices WHERE id = $1`, [lifecycleId]);
    expect(row.next_event_at).toBeNull();

    const noReason = await as.post('street', `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'rejected' });
    expect(noReason.status).toBe(400);
    expect(noReason.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(noReason.body.message).toContain('reason');
    expect((await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'accepted' })).status).toBe(403);
    const rejected = await as.post('street', `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'rejected', reason: '现场核查仍有3处不亮' });
    expect(rejected.status).toBe(200);
    expect(rejected.body).toMatchObject({ status: 'rejected', answers: [{ verdict: 'rejected', verdictReason: '现场核查仍有3处不亮' }] });
    const [clock]: Array<{ next_event: string; same: boolean }> = await t.db.query(`SELECT next_event, next_event_at = due_at AS same FROM supervision_notices WHERE id = $1`, [lifecycleId]);
    expect(clock).toEqual({ next_event: 'overdue', same: true });

    // Two answers at once: one wins, the other 409.
    const twice = await Promise.all([1, 2].map((i) => as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/answers`, { body: `第${i}次整改答复` })));
    expect(twice.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(twice.find((r) => r.status === 409)?.body.code).toMatch(/STALE_STATE|ILLEGAL_TRANSITION/);
    // Two verdicts at once (street and district): one wins.
    const verdicts = await Promise.all([
      as.post('street', `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'rejected', reason: '仍未修复' }),
      as.post('supervisor', `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'rejected', reason: '仍未修复（区）' }),
    ]);
    expect(verdicts.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await trail(lifecycleId)).toEqual(['notice_issued', 'notice_answered', 'notice_rejected', 'notice_answered', 'notice_rejected']);
  });

  it('an answer after the deadline is refused (409 NOTICE_DEADLINE_PASSED), even before the worker has marked it', async () => {
    await dueIn(lifecycleId, -60_000);
    const late = await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/answers`, { body: '补交整改答复' });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('NOTICE_DEADLINE_PASSED');
  });

  it('past the deadline the overdue effect marks the rejected notice once, then 督办 goes street → district once', async () => {
    // The worker's effect, called as the worker calls it (the real worker: supervision-worker.e2e-spec.ts).
    const effects = new NoticeDeadlines(t.db, t.app.get(SlaService), t.app.get(Notifier), new CompanyTrail(t.db));
    await dueIn(lifecycleId, -1000);
    const at = async () => ((await t.db.query(`SELECT next_event_at FROM supervision_notices WHERE id = $1`, [lifecycleId])) as Array<{ next_event_at: Date }>)[0].next_event_at;
    const due = await at();
    // An early job (its time not yet come) does nothing.
    expect(await effects.fire(lifecycleId, 'overdue', due, new Date(due.getTime() - 60_000))).toBe('skipped');
    const both = await Promise.all([effects.fire(lifecycleId, 'overdue', due), effects.fire(lifecycleId, 'overdue', due)]);
    expect(both.sort()).toEqual(['fired', 'skipped']);
    expect(await effects.fire(lifecycleId, 'overdue', due)).toBe('skipped');
    const [n]: Array<{ status: string; escalation_level: number; next_event: string }> = await t.db.query(
      `SELECT status, escalation_level, next_event FROM supervision_notices WHERE id = $1`, [lifecycleId],
    );
    expect(n).toEqual({ status: 'overdue', escalation_level: 1, next_event: 'escalate' });
    // 督办 is due one working day later; its job fires once, whenever it runs.
    const escalateAt = await at();
    expect(escalateAt.getTime()).toBeGreaterThan(Date.now());
    expect(await effects.fire(lifecycleId, 'escalate', escalateAt, new Date(escalateAt.getTime() + 1000))).toBe('fired');
    expect(await effects.fire(lifecycleId, 'escalate', escalateAt, new Date(escalateAt.getTime() + 1000))).toBe('skipped');
    const kinds = await trail(lifecycleId);
    expect(kinds.filter((k) => k === 'notice_overdue')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'notice_escalated')).toHaveLength(1);
    const [districtNote]: Array<{ n: number }> = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.dedupe_key = $1 AND u.username = 'supervisor'`, [`notice:${lifecycleId}:escalate:2`],
    );
    expect(districtNote.n).toBe(1);
    const [streetNote]: Array<{ n: number }> = await t.db.query(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.dedupe_key = $1 AND u.username = 'street'`, [`notice:${lifecycleId}:escalate:1`],
    );
    expect(streetNote.n).toBe(1);
    // Overdue is final for the company.
    const late = await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/answers`, { body: '逾期后补交' });
    expect(late.status).toBe(409);
  });

  it('降级: an overdue notice downgrades the company from the next quarter, shown in the ranking', async () => {
    const open = await issue('street');
    const early = await as.post('street', `/api/supervision/notices/${open.body.id}/downgrades`, {});
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOTICE_NOT_OVERDUE');
    expect((await as.post(w.oldPm, `/api/supervision/notices/${lifecycleId}/downgrades`, {})).status).toBe(403);
    const res = await as.post('street', `/api/supervision/notices/${lifecycleId}/downgrades`, { steps: 1 });
    expect(res.status).toBe(201);
    const effective = nextQuarter(quarterOf(shanghaiDate(new Date())));
    expect(res.body.downgrades).toEqual([expect.objectContaining({ compoundId: w.compoundId, steps: 1, effectiveQuarter: effective, untilQuarter: null })]);
    const again = await as.post('street', `/api/supervision/notices/${lifecycleId}/downgrades`, {});
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('DOWNGRADE_EXISTS');
    expect(await trail(lifecycleId)).toContain('downgrade');
    // The ranking of the effective quarter lowers a rated row's stars (never below one); this quarter's is untouched.
    const row: RankingRow = { rank: 1, company: { id: w.oldCo, name: 'x' }, stars: 4, score: 88, complaintScore: null, insufficientSample: false, missing: [], onTimeResolutionRate: 0.9, satisfactionRate: 0.9, complaintRate: null, answered: 30, households: 1, received: 30 };
    const street = { id: w.streetId, kind: 'street' as const, name: '北京中路街道' };
    const [next] = await applyDowngrades(t.db, effective, street, [{ ...row }]);
    expect(next).toMatchObject({ stars: 3, starsBeforeDowngrade: 4, downgrades: [{ noticeId: lifecycleId, compound: { id: w.compoundId }, steps: 1 }] });
    const [now] = await applyDowngrades(t.db, quarterOf(shanghaiDate(new Date())), street, [{ ...row }]);
    expect(now).toMatchObject({ stars: 4, downgrades: [] });
    const [elsewhere] = await applyDowngrades(t.db, effective, { id: w.ids.unit('shanghaixilu'), kind: 'street', name: '上海西路街道' }, [{ ...row }]);
    expect(elsewhere.downgrades).toEqual([]);
    const [floor] = await applyDowngrades(t.db, effective, street, [{ ...row, stars: 1 }]);
    expect(floor.stars).toBe(1);
    // Through the API: the ranking of the effective quarter carries the downgrade on the company's row when it has one.
    const ranking = await as.get('street', `/api/reports/ranking?quarter=${effective}`);
    expect(ranking.status).toBe(200);
    for (const r of ranking.body.rows as Array<{ company: { id: number }; downgrades: unknown[] }>) {
      if (r.company.id === w.oldCo) expect(r.downgrades).toHaveLength(1);
    }
  });

  it('清退: dispatch from the effective day goes to the successor; a ticket dispatched before stays; open tickets are listed', async () => {
    const today = shanghaiDate(new Date());
    const yesterday = shanghaiDate(new Date(Date.now() - 86_400_000));
    // The owners' decision it cites: closed votes of the compound (a closed vote is frozen; written whole here).
    const vote = async (purpose: string, companyId: number, passed: boolean) => {
      const [v]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO owner_votes (compound_id, question, options, matter, purpose, purpose_company_id, opens_at, closes_at, status, drafted_by, closed_at, result)
         VALUES ($1, '是否解聘现物业公司', '["同意","不同意"]', 'ordinary', $2, $3, now() - interval '8 days', now() - interval '1 day', 'closed', $4, now() - interval '1 day', $5) RETURNING id`,
        [w.compoundId, purpose, companyId, await as.id('community'), JSON.stringify({ passed })],
      );
      return v.id;
    };
    const dismissal = await vote('dismiss_company', w.oldCo, true);
    const body = { organizationId: w.oldCo, compoundId: w.compoundId, effectiveOn: today, reason: '限期整改逾期未完成，予以清退', noticeId: lifecycleId, successorCompanyId: w.newCo, voteId: dismissal };
    for (const voteId of [4242, await vote('dismiss_company', w.oldCo, false), await vote('dismiss_company', w.newCo, true), await vote('hire_company', w.oldCo, true)]) {
      const wrong = await as.post('supervisor', '/api/supervision/exits', { ...body, voteId });
      expect([wrong.status, wrong.body.code]).toEqual([400, 'INVALID_REFERENCE']);
      expect(wrong.body.message).toContain('voteId');
    }
    expect((await as.post('street', '/api/supervision/exits', body)).status).toBe(403);
    const past = await as.post('supervisor', '/api/supervision/exits', { ...body, effectiveOn: yesterday });
    expect(past.status).toBe(400);
    expect(past.body.message).toContain('effectiveOn');
    const res = await as.post('supervisor', '/api/supervision/exits', body);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ effectiveOn: today, voteId: dismissal, successor: { id: w.newCo }, noticeId: lifecycleId });
    expect(res.body.openTickets.map((x: { id: number }) => x.id)).toContain(ticketBefore);
    // The ticket dispatched before the exit stays with the old company.
    const [kept]: Array<{ handler_org_id: number }> = await t.db.query(`SELECT handler_org_id FROM tickets WHERE id = $1`, [ticketBefore]);
    expect(kept.handler_org_id).toBe(w.oldCo);
    // A new ticket: the old company is no longer offered nor accepted; the successor is.
    const after = await report();
    const targets = await as.get('community', `/api/tickets/${after}/dispatch-targets`);
    const offered = (targets.body.items as Array<{ id: number }>).map((c) => c.id);
    expect(offered).toContain(w.newCo);
    expect(offered).not.toContain(w.oldCo);
    const refused = await dispatch(after, w.oldCo);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('COMPANY_NOT_CONTRACTED');
    expect((await dispatch(after, w.newCo)).status).toBe(200);
    // The community staff re-dispatching the old tickets read the list too; another community's do not.
    expect((await as.get('community', `/api/supervision/exits/${res.body.id}`)).status).toBe(200);
    expect((await as.get('community2', `/api/supervision/exits/${res.body.id}`)).status).toBe(404);
    const [stored]: Array<{ vote_id: number }> = await t.db.query(`SELECT vote_id FROM company_exits WHERE id = $1`, [res.body.id]);
    expect(stored.vote_id).toBe(dismissal);
  });

  it('清退 with a later date keeps the contract through the day before; without a successor the trail names the 国企兜底', async () => {
    const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
    const res = await as.post('supervisor', '/api/supervision/exits', { organizationId: w.oldCo, compoundId: w.laterCompoundId, effectiveOn: tomorrow, reason: '业主大会表决解聘' });
    expect(res.status).toBe(201);
    const [k]: Array<{ ends_on: string }> = await t.db.query(
      `SELECT ends_on::text FROM compound_contracts WHERE organization_id = $1 AND compound_id = $2`, [w.oldCo, w.laterCompoundId],
    );
    expect(k.ends_on).toBe(shanghaiDate(new Date()));
    const again = await as.post('supervisor', '/api/supervision/exits', { organizationId: w.oldCo, compoundId: w.laterCompoundId, effectiveOn: tomorrow, reason: '重复提交的清退' });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('NOT_SERVING_COMPOUND');
    const [entry]: Array<{ summary: string }> = await t.db.query(`SELECT summary FROM company_trail WHERE kind = 'exit' AND $1 = ANY(compound_ids)`, [w.laterCompoundId]);
    expect(entry.summary).toContain('国企兜底');
  });

  it('scope: other streets, other companies and other compounds’ residents see nothing', async () => {
    expect((await as.get(w.otherStreet, `/api/supervision/notices/${lifecycleId}`)).status).toBe(404);
    expect((await issue(w.otherStreet)).status).toBe(404);
    expect((await as.get(w.otherStreet, '/api/supervision/notices')).body.items.map((n: { id: number }) => n.id)).not.toContain(lifecycleId);
    expect((await as.get(w.newPm, `/api/supervision/notices/${lifecycleId}`)).status).toBe(404);
    expect((await as.get(w.newPm, '/api/supervision/notices')).body.items).toEqual([]);
    expect((await as.get('property', '/api/supervision/notices')).body.items.map((n: { id: number }) => n.id)).not.toContain(lifecycleId);
    expect((await as.get(w.resident, `/api/supervision/notices/${lifecycleId}`)).status).toBe(404);
    expect((await as.get(w.resident, '/api/supervision/notices')).status).toBe(403);
    // The company trail: the company and the street in full, others not at all.
    const full = await as.get(w.oldPm, `/api/supervision/companies/${w.oldCo}/trail`);
    expect(full.status).toBe(200);
    expect(full.body.entries.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['notice_issued', 'notice_overdue', 'notice_escalated', 'downgrade', 'exit']));
    expect((await as.get('street', `/api/supervision/companies/${w.oldCo}/trail`)).status).toBe(200);
    expect((await as.get(w.otherStreet, `/api/supervision/companies/${w.oldCo}/trail`)).status).toBe(404);
    expect((await as.get(w.newPm, `/api/supervision/companies/${w.oldCo}/trail`)).status).toBe(404);
    expect((await as.get(w.resident, `/api/supervision/companies/${w.oldCo}/trail`)).status).toBe(404);
    // Residents of the compound read the summary: no names, phones or internal notes.
    const summary = await as.get(w.resident, `/api/supervision/compounds/${w.compoundId}/trail`);
    expect(summary.status).toBe(200);
    expect(summary.body.entries.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['notice_issued', 'notice_answered', 'notice_overdue', 'downgrade', 'exit']));
    const text = JSON.stringify(summary.body);
    for (const secret of ['张经理', '赵志刚', '13900001111', 'displayName', 'detail', '现场核查仍有3处不亮']) expect(text).not.toContain(secret);
    expect((await as.get('resident2', `/api/supervision/compounds/${w.compoundId}/trail`)).status).toBe(404);
    expect((await as.get('resident', `/api/supervision/compounds/${w.compoundId}/trail`)).status).toBe(404);
  });

  it('bad input: 4xx with a code naming the field', async () => {
    const zero = await issue('street', { workingDays: 0 });
    expect(zero.status).toBe(400);
    expect(zero.body.code).toBe('VALIDATION_FAILED');
    expect(zero.body.message).toContain('workingDays');
    const unknown = await issue('street', { organizationId: 999999 });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'INVALID_REFERENCE' });
    const stray = await issue('supervisor', { compoundId: w.laterCompoundId, ticketIds: [ticketBefore] });
    expect(stray.status).toBe(422); // its contract there ends today
    expect(stray.body.code).toBe('TICKET_NOT_IN_NOTICE_SCOPE');
    const saishang = await as.post('street', '/api/supervision/notices', {
      organizationId: w.ids.org('saishang-wuye'), compoundId: w.ids.unit('hupanjiayuan'), problem: '关联工单不属于本公司', expected: '说明相关情况并整改', workingDays: 2, ticketIds: [ticketBefore],
    });
    expect(saishang.status).toBe(422);
    expect(saishang.body.code).toBe('TICKET_NOT_IN_NOTICE_SCOPE');
    expect(saishang.body.message).toContain('ticketIds');
    const notListed = await as.post('street', '/api/supervision/notices', {
      organizationId: w.ids.org('saishang-wuye'), compoundId: w.ids.unit('hupanjiayuan'), problem: '黑榜企业督导整改', expected: '限期整改并提交报告', workingDays: 2, blackListQuarter: '2020Q1',
    });
    expect(notListed.status).toBe(422);
    expect(notListed.body.code).toBe('NOT_ON_BLACK_LIST');
    const badQuarter = await issue('street', { blackListQuarter: '2026Q5' });
    expect(badQuarter.status).toBe(400);
    expect(badQuarter.body.message).toContain('blackListQuarter');
    const badVerdict = await as.post('street', `/api/supervision/notices/${lifecycleId}/verification`, { verdict: 'maybe' });
    expect(badVerdict.status).toBe(400);
    expect(badVerdict.body.message).toContain('verdict');
    expect((await as.post('street', '/api/supervision/exits', { organizationId: w.oldCo, compoundId: w.compoundId, effectiveOn: '2026-02-30', reason: '日期不对的清退' })).status).toBe(400);
    expect((await as.get('street', '/api/supervision/notices/abc')).status).toBe(400);
  });

  it('pages the notices by cursor, with no cursor on the last page even when it is full', async () => {
    const all = await as.get('supervisor', '/api/supervision/notices?limit=200');
    expect(all.status).toBe(200);
    const ids: number[] = all.body.items.map((n: { id: number }) => n.id);
    expect(ids.length).toBeGreaterThanOrEqual(2);
    expect(all.body.nextCursor).toBeNull();
    // Exactly as many as there are: one full page, and nothing to follow (no empty page after it).
    const exact = await as.get('supervisor', `/api/supervision/notices?limit=${ids.length}`);
    expect(exact.body.items.map((n: { id: number }) => n.id)).toEqual(ids);
    expect(exact.body.nextCursor).toBeNull();
    const first = await as.get('supervisor', `/api/supervision/notices?limit=${ids.length - 1}`);
    expect(first.body.items.map((n: { id: number }) => n.id)).toEqual(ids.slice(0, -1));
    expect(first.body.nextCursor).toBe(ids[ids.length - 2]);
    const rest = await as.get('supervisor', `/api/supervision/notices?limit=${ids.length - 1}&cursor=${first.body.nextCursor}`);
    expect(rest.body.items.map((n: { id: number }) => n.id)).toEqual(ids.slice(-1));
    expect(rest.body.nextCursor).toBeNull();
  });

  it('the trail is append-only in the database itself', async () => {
    await expect(t.db.query(`UPDATE company_trail SET summary = 'x' WHERE notice_id = $1`, [lifecycleId])).rejects.toThrow(/append-only/);
    await expect(t.db.query(`DELETE FROM company_trail WHERE notice_id = $1`, [lifecycleId])).rejects.toThrow(/append-only/);
  });
});
