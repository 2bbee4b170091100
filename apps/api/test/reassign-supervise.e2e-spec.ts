import { randomBytes } from 'node:crypto';
import { SuperviseClock } from '../src/tickets/supervise.clock';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

interface TimelineEvent { action: string; actor: { role: string }; note: string | null; data: Record<string, unknown> }

/** 改派 after 接单 (issue #13) and the supervisor board's 督办 action with its hourly limit. */
describe('改派 and 督办', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  const tag = randomBytes(3).toString('hex');
  const workerB = `reassign-b-${tag}`;
  let workerAId = 0;
  let workerBId = 0;

  const accepted = async (category = 'street_light_out') => {
    const res = await as.post('resident', '/api/tickets', {
      categoryId: ids.category(category), description: `改派测试 ${tag}`, compoundId: ids.unit('hupanjiayuan'),
    });
    expect(res.status).toBe(201);
    const id = res.body.id as number;
    expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    expect((await as.post('property', `/api/tickets/${id}/accept`, { assigneeId: workerAId })).status).toBe(200);
    return id;
  };
  const notices = (userId: number, ticketId: number, kind: string): Promise<Array<{ title: string; body: string }>> =>
    t.db.query('SELECT title, body FROM notifications WHERE user_id = $1 AND ticket_id = $2 AND kind = $3', [userId, ticketId, kind]);

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    workerAId = await as.id('worker');
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ($1, '张师傅') RETURNING id`, [workerB]);
    workerBId = u.id;
    await t.db.query(`INSERT INTO role_bindings (user_id, role, organization_id) VALUES ($1, 'property_worker', $2)`, [workerBId, ids.org('saishang-wuye')]);
  });
  afterAll(() => t.close());

  describe('POST /tickets/:id/reassign', () => {
    it('the manager hands the ticket to another worker: assignee, timeline event, message to the new worker', async () => {
      const id = await accepted();
      const before = await as.get('property', `/api/tickets/${id}`);
      expect(before.body.allowedActions).toContain('reassign');
      const res = await as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: workerBId, note: '原维修工休假', version: before.body.version });
      expect(res.status).toBe(200);
      expect(res.body.assignee).toMatchObject({ id: workerBId, displayName: '张师傅' });
      expect(res.body.status).toBe('accepted');
      const event = (res.body.timeline as TimelineEvent[]).find((e) => e.action === 'reassign');
      expect(event).toMatchObject({ actor: { role: 'property_manager' }, note: '原维修工休假', data: { assigneeId: workerBId, previousAssigneeId: workerAId } });
      expect(await notices(workerBId, id, 'reassign')).toHaveLength(1);
      // The new worker now works it; the old one no longer holds it.
      expect((await as.get(workerB, `/api/tickets/${id}`)).status).toBe(200);
    });

    it('two managers at once on the same version: one wins, the other gets 409 STALE_STATE', async () => {
      const id = await accepted();
      const { version } = (await as.get('property', `/api/tickets/${id}`)).body as { version: number };
      const results = await Promise.all([
        as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: workerBId, version }),
        as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: workerBId, version }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const loser = results.find((r) => r.status === 409)!;
      expect(['STALE_STATE', 'ILLEGAL_TRANSITION']).toContain(loser.body.code);
      const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'reassign'`, [id]);
      expect(n).toBe(1);
      // A screen older than the last change is refused too.
      const stale = await as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: workerAId, version });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('STALE_STATE');
    });

    it('scope and role: another company 404, a worker 403, a worker of another company 400, before 接单 409', async () => {
      const id = await accepted();
      expect((await as.post('property2', `/api/tickets/${id}/reassign`, { assigneeId: workerBId })).status).toBe(404);
      const worker = await as.post('worker', `/api/tickets/${id}/reassign`, { assigneeId: workerBId });
      expect([worker.status, worker.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      const foreign = await as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: await as.id('property2') });
      expect([foreign.status, foreign.body.code]).toEqual([400, 'INVALID_REFERENCE']);
      const same = await as.post('property', `/api/tickets/${id}/reassign`, { assigneeId: workerAId });
      expect([same.status, same.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
      const bad = await as.post('property', `/api/tickets/${id}/reassign`, {});
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);

      const fresh = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: `未接单 ${tag}`, compoundId: ids.unit('hupanjiayuan') });
      expect((await as.post('community', `/api/tickets/${fresh.body.id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
      const early = await as.post('property', `/api/tickets/${fresh.body.id}/reassign`, { assigneeId: workerBId });
      expect([early.status, early.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    });
  });

  describe('POST /tickets/:id/supervise', () => {
    it('records a 督办 on the timeline and messages the worker holding it; once per hour (429 SUPERVISE_TOO_SOON)', async () => {
      const id = await accepted();
      const t0 = Date.parse('2031-03-01T08:00:00Z');
      const clock = t.app.get(SuperviseClock);
      clock.now = () => new Date(t0);
      const res = await as.post('supervisor', `/api/tickets/${id}/supervise`, { note: '请今天内处理完毕' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ticketId: id, notified: 1 });
      expect(new Date(res.body.nextAllowedAt).getTime() - new Date(res.body.at).getTime()).toBe(60 * 60 * 1000);
      const detail = await as.get('property', `/api/tickets/${id}`);
      const event = (detail.body.timeline as TimelineEvent[]).find((e) => e.action === 'supervise');
      expect(event).toMatchObject({ actor: { role: 'supervisor' }, note: '请今天内处理完毕', data: { manual: true } });
      const sent = await notices(workerAId, id, 'supervise');
      expect(sent).toHaveLength(1);
      expect(sent[0].body).toContain('请今天内处理完毕');

      const again = await as.post('supervisor', `/api/tickets/${id}/supervise`, {});
      expect([again.status, again.body.code]).toEqual([429, 'SUPERVISE_TOO_SOON']);
      expect(again.body.details[0].nextAllowedAt).toBeDefined();
      expect(again.body.details[0].nextAllowedAt).toBe('2031-03-01T09:00:00.000Z');
      clock.now = () => new Date(t0 + 59 * 60_000);
      expect((await as.post('supervisor', `/api/tickets/${id}/supervise`, {})).status).toBe(429);
      clock.now = () => new Date(t0 + 60 * 60_000);
      expect((await as.post('supervisor', `/api/tickets/${id}/supervise`, {})).status).toBe(200);
      expect(await notices(workerAId, id, 'supervise')).toHaveLength(2);
      clock.now = () => new Date();
    });

    it('an unassigned ticket goes to the company’s managers; the engine’s own escalations do not count against the limit', async () => {
      const res = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: `督办未接单 ${tag}`, compoundId: ids.unit('hupanjiayuan') });
      const id = res.body.id as number;
      expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
      await t.db.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data)
         SELECT $1, 'supervise', 'dispatched', 'dispatched', id, 'system', '{"level": 2}' FROM users WHERE username = 'system'`,
        [id],
      );
      expect((await as.post('supervisor', `/api/tickets/${id}/supervise`, {})).status).toBe(200);
      expect(await notices(await as.id('property'), id, 'supervise')).toHaveLength(1);
    });

    it('only supervisors (403 for desk staff), and not on a closed ticket (409)', async () => {
      const id = await accepted();
      const desk = await as.post('community', `/api/tickets/${id}/supervise`, {});
      expect([desk.status, desk.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      expect((await as.post('property2', `/api/tickets/${id}/supervise`, {})).status).toBe(404);
      await t.db.query(`UPDATE tickets SET status = 'closed' WHERE id = $1`, [id]);
      const closed = await as.post('supervisor', `/api/tickets/${id}/supervise`, {});
      expect([closed.status, closed.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);
    });
  });

  describe('GET /reports/overdue: the board’s 预警 list next to 超期', () => {
    it('a warned leg not yet due is listed under warned, soonest first; once past due it moves to items', async () => {
      const id = await accepted();
      await t.db.query(
        `UPDATE ticket_deadlines SET warned_at = now(), due_at = now() + interval '2 hours' WHERE ticket_id = $1 AND leg = 'resolve' AND status = 'open'`,
        [id],
      );
      const before = await as.get('supervisor', `/api/reports/overdue?scopeId=${ids.unit('hupanjiayuan')}`);
      expect(before.status).toBe(200);
      const warned = before.body.warned.find((w: { ticketId: number }) => w.ticketId === id);
      expect(warned).toMatchObject({ leg: 'resolve', legLabel: '办结', holder: { party: 'company' } });
      expect(warned.dueInMinutes).toBeGreaterThan(115);
      expect(warned.dueInMinutes).toBeLessThanOrEqual(120);
      expect(before.body.items.some((i: { ticketId: number }) => i.ticketId === id)).toBe(false);
      expect(before.body.warnedTotal).toBeGreaterThanOrEqual(1);

      await t.db.query(`UPDATE ticket_deadlines SET due_at = now() - interval '5 minutes', breached_at = now() WHERE ticket_id = $1 AND leg = 'resolve' AND status = 'open'`, [id]);
      const after = await as.get('supervisor', `/api/reports/overdue?scopeId=${ids.unit('hupanjiayuan')}`);
      expect(after.body.warned.some((w: { ticketId: number }) => w.ticketId === id)).toBe(false);
      expect(after.body.items.some((i: { ticketId: number }) => i.ticketId === id)).toBe(true);
    });
  });

  describe('挂起 with the community’s approval (policy pauseNeedsApproval)', () => {
    // 单元门禁损坏: a category no other suite pauses, so the policy change cannot reach their tickets.
    const CATEGORY = 'door_access_broken';
    const category = () => ids.category(CATEGORY);
    beforeAll(async () => {
      // Through the admin API, as an administrator would set it (the other fields as the policy has them).
      const [policy]: Array<Record<string, number | string>> = await t.db.query(
        `SELECT category_id AS "categoryId", priority, clock, dispatch_minutes AS "dispatchMinutes", accept_minutes AS "acceptMinutes",
                resolve_minutes AS "resolveMinutes", survey_minutes AS "surveyMinutes", visit_minutes AS "visitMinutes", warn_ratio AS "warnRatio",
                escalation_minutes AS "escalationMinutes", max_pause_minutes AS "maxPauseMinutes"
           FROM sla_policies WHERE category_id = $1 AND priority = 'normal'`,
        [category()],
      );
      const put = await t.http().put('/api/admin/sla-policies').set('authorization', `Bearer ${await as.token('admin')}`).send({ ...policy, pauseNeedsApproval: true });
      expect([put.status, put.body.pauseNeedsApproval]).toEqual([200, true]);
    });
    afterAll(() => t.db.query(`UPDATE sla_policies SET pause_needs_approval = false WHERE category_id = $1 AND priority = 'normal'`, [category()]));
    const resolveLeg = async (id: number) =>
      ((await t.db.query(`SELECT paused_at FROM ticket_deadlines WHERE ticket_id = $1 AND leg = 'resolve' AND status = 'open'`, [id])) as Array<{ paused_at: Date | null }>)[0];

    it('挂起 files a request, the clock runs on; the community approves and the clock stops', async () => {
      const id = await accepted(CATEGORY);
      const res = await as.post('property', `/api/tickets/${id}/pause`, { reason: '等待配件到货' });
      expect(res.status).toBe(200);
      expect(res.body.pauseRequest).toMatchObject({ reason: '等待配件到货' });
      expect(res.body.allowedActions).not.toContain('pause');
      expect((await resolveLeg(id)).paused_at).toBeNull();
      expect((res.body.timeline as TimelineEvent[]).some((e) => e.action === 'pause_request')).toBe(true);
      const again = await as.post('property', `/api/tickets/${id}/pause`, { reason: '再次申请' });
      expect([again.status, again.body.code]).toEqual([409, 'ILLEGAL_TRANSITION']);

      const desk = await as.get('community', `/api/tickets/${id}`);
      expect(desk.body.allowedActions).toContain('pause_decision');
      const approved = await as.post('community', `/api/tickets/${id}/pause-decision`, { approve: true, note: '同意' });
      expect(approved.status).toBe(200);
      expect(approved.body.pauseRequest).toBeNull();
      expect(approved.body.allowedActions).not.toContain('pause_decision');
      expect((await resolveLeg(id)).paused_at).not.toBeNull();
      expect((approved.body.timeline as TimelineEvent[]).find((e) => e.action === 'pause')).toMatchObject({ actor: { role: 'community_staff' }, data: { approved: true } });
      expect(await notices(await as.id('property'), id, 'pause_decision')).toHaveLength(1);
      // Decided already: a second decision is 409.
      const late = await as.post('community', `/api/tickets/${id}/pause-decision`, { approve: false });
      expect([late.status, late.body.code]).toEqual([409, 'STALE_STATE']);
    });

    it('refused: the clock never stops and the handler is told; only the community desk decides', async () => {
      const id = await accepted(CATEGORY);
      expect((await as.post('property', `/api/tickets/${id}/pause`, { reason: '居民不在家' })).status).toBe(200);
      const byHandler = await as.post('property', `/api/tickets/${id}/pause-decision`, { approve: true });
      expect([byHandler.status, byHandler.body.code]).toEqual([403, 'ROLE_NOT_ALLOWED']);
      expect((await as.post('community2', `/api/tickets/${id}/pause-decision`, { approve: true })).status).toBe(404);
      const refused = await as.post('community', `/api/tickets/${id}/pause-decision`, { approve: false, note: '请先电话联系居民' });
      expect(refused.status).toBe(200);
      expect((await resolveLeg(id)).paused_at).toBeNull();
      expect((refused.body.timeline as TimelineEvent[]).find((e) => e.action === 'pause_decision')).toMatchObject({ note: '请先电话联系居民', data: { approved: false } });
      expect((await as.get('property', `/api/tickets/${id}`)).body.allowedActions).toContain('pause');
    });

    it('two deciders at once: one wins, the other 409', async () => {
      const id = await accepted(CATEGORY);
      expect((await as.post('property', `/api/tickets/${id}/pause`, { reason: '等待配件' })).status).toBe(200);
      const results = await Promise.all([
        as.post('community', `/api/tickets/${id}/pause-decision`, { approve: true }),
        as.post('community', `/api/tickets/${id}/pause-decision`, { approve: false }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      const [{ n }]: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action IN ('pause', 'pause_decision')`, [id]);
      expect(n).toBe(1);
    });
  });
});
