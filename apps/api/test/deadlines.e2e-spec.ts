import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DeadlineEffects } from '../src/deadlines/deadline-effects.service';
import type { DeadlineEvent } from '../src/deadlines/ticket-deadline.entity';
import { loadConfig } from '../src/config/app-config';
import { PushDelivery } from '../src/notifications/push-delivery.service';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

interface Leg {
  id: number;
  leg: string;
  party: string;
  partyOrgId: number | null;
  clock: string;
  allowedMinutes: number;
  startedAt: string;
  dueAt: string | null;
  status: string;
  overdue: boolean;
  escalationLevel: number;
  pausedAt: string | null;
}

const MINUTE = 60_000;

describe('per-party clocks, 督办 and 回访 (effects run directly, no timers)', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let worker: INestApplicationContext;
  let effects: DeadlineEffects;
  let wechat: WechatStandIn;

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    const env = { WECHAT_API_BASE: wechat.url, WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-rate-request' };
    t = await startApp(env);
    as = new Actors(t);
    ids = await codeIds(t);
    // The worker's services without its BullMQ loop: each effect is invoked as its job would.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' })), { logger: false });
    effects = worker.get(DeadlineEffects);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await wechat.close();
  });

  const report = async (category = 'manhole_cover_missing', user = 'resident') =>
    (await as.post(user, '/api/tickets', { categoryId: ids.category(category), description: '井盖缺失，很危险' })).body.id as number;
  const legs = async (id: number): Promise<Leg[]> => (await as.get('community', `/api/tickets/${id}`)).body.deadlines;
  const open = (all: Leg[]) => all.filter((l) => l.status === 'open');
  /** Makes the leg's next event due now and runs it, as the worker would when its job fires. */
  const fireNext = async (deadlineId: number) => {
    const [row]: Array<{ next_event: DeadlineEvent; next_event_at: Date }> = await t.db.query(
      `WITH u AS (UPDATE ticket_deadlines SET next_event_at = date_trunc('milliseconds', now()) - interval '1 second'
                   WHERE id = $1 AND next_event IS NOT NULL RETURNING next_event, next_event_at)
       SELECT * FROM u`,
      [deadlineId],
    );
    if (!row) throw new Error(`deadline ${deadlineId} has no next event`);
    const first = await effects.fire(String(deadlineId), row.next_event, row.next_event_at);
    const again = await effects.fire(String(deadlineId), row.next_event, row.next_event_at);
    return { event: row.next_event, first, again };
  };
  const timeline = async (id: number) => (await as.get('community', `/api/tickets/${id}`)).body.timeline as Array<{ action: string; data: Record<string, unknown>; actor: { role: string } }>;
  const inbox = async (user: string, ticketId: number) =>
    ((await as.get(user, '/api/notifications')).body.items as Array<{ ticketId: number; kind: string; title: string }>).filter((n) => n.ticketId === ticketId);

  it('each step stops one party’s clock and starts the next one’s, on the category’s policy', async () => {
    const id = await report();
    let all = await legs(id);
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ leg: 'dispatch', party: 'community', clock: 'clock', allowedMinutes: 10, status: 'open' });
    expect(Date.parse(all[0].dueAt as string) - Date.parse(all[0].startedAt)).toBe(10 * MINUTE);

    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    all = await legs(id);
    expect(all.map((l) => `${l.leg}:${l.status}`)).toEqual(['dispatch:met', 'accept:open']);
    expect(open(all)[0]).toMatchObject({ party: 'company', partyOrgId: ids.org('saishang-wuye'), allowedMinutes: 30 });

    await as.post('property', `/api/tickets/${id}/accept`);
    all = await legs(id);
    expect(open(all)).toEqual([expect.objectContaining({ leg: 'resolve', party: 'company', allowedMinutes: 120 })]);

    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    all = await legs(id);
    expect(open(all)).toEqual([expect.objectContaining({ leg: 'survey', party: 'resident', clock: 'clock', allowedMinutes: 72 * 60 })]);
    // Newest first: the 回访 request, then the status notices of accept and dispatch.
    expect((await inbox('resident', id)).map((n) => n.kind)).toEqual(['rate_request', 'ticket_status', 'ticket_status']);
    expect((await inbox('resident', id))[0]).toMatchObject({ kind: 'rate_request', title: '您的报事已办结，请评价' });

    await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied' });
    all = await legs(id);
    expect(open(all)).toEqual([]);
    expect(all.map((l) => l.status)).toEqual(['met', 'met', 'met', 'met']);
  });

  it('lists carry each ticket’s next deadline and sort by it for the dispatch queue', async () => {
    const urgent = await report('manhole_cover_missing'); // 10 clock minutes to dispatch
    const routine = await report('corridor_clutter'); // 4 working hours
    const queue = (await as.get('community', '/api/tickets?status=submitted&sort=due&limit=100')).body.items as Array<{ id: number; dueAt: string | null; overdue: boolean }>;
    const pos = (id: number) => queue.findIndex((i) => i.id === id);
    expect(pos(urgent)).toBeGreaterThanOrEqual(0);
    expect(pos(urgent)).toBeLessThan(pos(routine));
    const dues = queue.map((i) => Date.parse(i.dueAt as string));
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    expect(queue.find((i) => i.id === urgent)).toMatchObject({ overdue: false });
    const bad = await as.get('community', '/api/tickets?sort=due&cursor=5');
    expect(bad.status).toBe(400);
  });

  it('a working-time policy counts on the calendar, not the wall clock', async () => {
    const id = await report('corridor_clutter');
    const [leg] = await legs(id);
    expect(leg).toMatchObject({ leg: 'dispatch', clock: 'working', allowedMinutes: 240 });
    // Four working hours never take less than four hours of wall time, and on a holiday far more.
    expect(Date.parse(leg.dueAt as string) - Date.parse(leg.startedAt)).toBeGreaterThanOrEqual(240 * MINUTE);
  });

  it('退单 restarts the community’s dispatch clock; 不满意 gives the handler a fresh resolve clock', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('fengjie-wuye') });
    await as.post('property3', `/api/tickets/${id}/return`, { reason: '兜底物业本周人手不足' });
    let all = await legs(id);
    expect(all.map((l) => `${l.leg}:${l.status}`)).toEqual(['dispatch:met', 'accept:met', 'dispatch:open']);

    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '临时处理' });
    await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'dissatisfied' });
    all = await legs(id);
    const resolves = all.filter((l) => l.leg === 'resolve');
    expect(resolves.map((l) => l.status)).toEqual(['met', 'open']);
    expect(resolves[1]).toMatchObject({ party: 'company', partyOrgId: ids.org('saishang-wuye') });
  });

  it('挂起 stops the resolve clock with a reason and resuming keeps the time that was left', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    const before = open(await legs(id))[0];
    const paused = await as.post('property', `/api/tickets/${id}/pause`, { reason: '等待井盖配件到货' });
    expect(paused.status).toBe(200);
    const leg = paused.body.deadlines.find((l: Leg) => l.id === before.id);
    expect(leg).toMatchObject({ dueAt: null, pauseReason: '等待井盖配件到货' });
    expect(leg.pausedAt).not.toBeNull();
    expect(paused.body.allowedActions).toContain('resume');
    expect(paused.body.allowedActions).not.toContain('pause');
    expect(paused.body.timeline.at(-1)).toMatchObject({ action: 'pause', note: '等待井盖配件到货' });
    expect((await as.post('property', `/api/tickets/${id}/pause`, { reason: '再挂起一次' })).status).toBe(409);

    // Pretend the pause began 40 minutes ago (when 40 more minutes were left): resuming now must put
    // the deadline 40 minutes after where it stood, since paused time does not count.
    await t.db.query(
      `UPDATE ticket_deadlines SET paused_at = paused_at - interval '40 minutes', remaining_minutes = remaining_minutes + 40 WHERE id = $1`,
      [before.id],
    );
    const resumed = await as.post('worker', `/api/tickets/${id}/resume`);
    expect(resumed.status).toBe(404); // not assigned to this worker, so for him the ticket does not exist
    const byManager = await as.post('property', `/api/tickets/${id}/resume`);
    const after = byManager.body.deadlines.find((l: Leg) => l.id === before.id);
    const shift = Date.parse(after.dueAt) - Date.parse(before.dueAt as string);
    expect(shift).toBeGreaterThan(39 * MINUTE);
    expect(shift).toBeLessThan(41 * MINUTE);
    expect(after.pausedMinutes).toBe(40);
  });

  it('a pause past its maximum ends by itself, on the timeline as the system', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/pause`, { reason: '居民不在家' });
    const leg = open(await legs(id))[0];
    const fired = await fireNext(leg.id);
    expect(fired).toEqual({ event: 'resume', first: 'fired', again: 'skipped' });
    expect(open(await legs(id))[0].pausedAt).toBeNull();
    expect((await timeline(id)).at(-1)).toMatchObject({ action: 'resume', actor: { role: 'system' }, data: { auto: true } });
  });

  it('warning, overdue and the 督办 ladder: company → community → street → district, each once', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    const leg = open(await legs(id))[0];
    expect(await fireNext(leg.id)).toEqual({ event: 'warn', first: 'fired', again: 'skipped' });
    // ticket_work: the dispatch notice every handler gets in its 消息.
    expect(await inbox('property', id)).toEqual([expect.objectContaining({ kind: 'deadline_warning' }), expect.objectContaining({ kind: 'ticket_work' })]);

    expect(await fireNext(leg.id)).toEqual({ event: 'breach', first: 'fired', again: 'skipped' });
    expect((await as.get('community', '/api/tickets?overdue=true&limit=100')).body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await as.get('supervisor', '/api/tickets?overdue=true&limit=100')).body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await as.get('community2', '/api/tickets?overdue=true&limit=100')).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
    const board = (await as.get('supervisor', '/api/overdue')).body.items.find((r: { ticketId: number }) => r.ticketId === id);
    expect(board).toMatchObject({ leg: 'accept', party: 'company', holder: '宁夏塞上阳光物业服务有限公司', escalationLevel: 1, escalatedTo: 'handler' });
    expect((await as.get('community2', '/api/overdue')).body.items.map((r: { ticketId: number }) => r.ticketId)).not.toContain(id);
    let events = await timeline(id);
    expect(events.filter((e) => e.action === 'overdue')).toEqual([expect.objectContaining({ actor: expect.objectContaining({ role: 'system' }), data: expect.objectContaining({ leg: 'accept', party: 'company' }) })]);
    expect((await inbox('property', id)).map((n) => n.kind).sort()).toEqual(['deadline_overdue', 'deadline_warning', 'ticket_work']);

    for (const [level, user] of [[2, 'community'], [3, 'street'], [4, 'supervisor']] as const) {
      expect(await fireNext(leg.id)).toEqual({ event: 'escalate', first: 'fired', again: 'skipped' });
      expect(await inbox(user, id)).toEqual([expect.objectContaining({ kind: 'supervision' })]);
      expect(open(await legs(id))[0].escalationLevel).toBe(level);
    }
    events = await timeline(id);
    expect(events.filter((e) => e.action === 'supervise').map((e) => e.data.to)).toEqual(['community', 'street', 'district']);
    const [{ next_event }]: Array<{ next_event: string | null }> = await t.db.query('SELECT next_event FROM ticket_deadlines WHERE id = $1', [leg.id]);
    expect(next_event).toBeNull(); // the top of the ladder

    // Accepting late ends the leg but keeps the record of who was late.
    await as.post('property', `/api/tickets/${id}/accept`);
    const accepted = (await legs(id)).find((l) => l.id === leg.id) as Leg;
    expect(accepted).toMatchObject({ status: 'met', overdue: true });
    expect((await as.get('community', '/api/tickets?overdue=true&limit=100')).body.items.map((i: { id: number }) => i.id)).not.toContain(id);
  });

  it('吹哨: the department’s own accept clock, and a department that misses it answers to the district', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/escalate`, { departmentId: ids.org('urban-mgmt'), reason: '涉及占道施工，需城管处置' });
    const leg = open(await legs(id))[0];
    expect(leg).toMatchObject({ leg: 'accept', party: 'department', partyOrgId: ids.org('urban-mgmt'), allowedMinutes: 30 });
    await fireNext(leg.id); // warn
    await fireNext(leg.id); // breach
    expect(await inbox('dept', id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'deadline_overdue' })]));
    expect(await fireNext(leg.id)).toMatchObject({ event: 'escalate', first: 'fired' });
    expect(await inbox('supervisor', id)).toEqual([expect.objectContaining({ kind: 'supervision' })]);
    expect(await inbox('street', id)).toEqual([]);
    const board = (await as.get('supervisor', '/api/overdue')).body.items.find((r: { ticketId: number }) => r.ticketId === id);
    expect(board).toMatchObject({ party: 'department', escalationLevel: 2, escalatedTo: 'district' });
  });

  it('回访: no rating in the window → a phone visit; a visit that reaches the resident closes the ticket', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    const early = await as.post('grid', `/api/tickets/${id}/visit`, { reached: true, rating: 'satisfied' });
    expect(early.status).toBe(409);

    const survey = open(await legs(id))[0];
    expect(await fireNext(survey.id)).toEqual({ event: 'breach', first: 'fired', again: 'skipped' });
    expect(open(await legs(id))).toEqual([expect.objectContaining({ leg: 'visit', party: 'community', allowedMinutes: 7 * 24 * 60 })]);
    const tasks = (await as.get('community', '/api/visits')).body.items;
    const task = tasks.find((v: { ticketId: number }) => v.ticketId === id);
    expect(task).toMatchObject({ attempts: 0, reporter: { phone: '13895012386' } });
    expect((await as.get('grid', '/api/visits')).body.items.map((v: { ticketId: number }) => v.ticketId)).toContain(id);
    expect((await as.get('community2', '/api/visits')).body.items.map((v: { ticketId: number }) => v.ticketId)).not.toContain(id);
    expect(await inbox('community', id)).toEqual(expect.arrayContaining([expect.objectContaining({ kind: 'visit_due' })]));

    const missed = await as.post('grid', `/api/tickets/${id}/visit`, { reached: false });
    expect(missed.body).toMatchObject({ status: 'resolved' });
    expect((await as.get('community', '/api/visits')).body.items.find((v: { ticketId: number }) => v.ticketId === id).attempts).toBe(1);
    const bad = await as.post('grid', `/api/tickets/${id}/visit`, { reached: true });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('rating');

    const reached = await as.post('grid', `/api/tickets/${id}/visit`, { reached: true, rating: 'basically_satisfied', comment: '电话回访：基本满意' });
    expect(reached.body).toMatchObject({ status: 'closed', rating: 'basically_satisfied' });
    expect(open(await legs(id))).toEqual([]);
    expect((await as.get('community', '/api/visits')).body.items.map((v: { ticketId: number }) => v.ticketId)).not.toContain(id);
  });

  it('回访 of a 12345 case: the task names the caller and their number, not the staff member who entered it', async () => {
    const { body } = await as.post('community', '/api/tickets', {
      categoryId: ids.category('manhole_cover_missing'), description: '12345转办：井盖缺失', compoundId: ids.unit('hupanjiayuan'),
      channel: 'hotline_12345', hotlineCaseNo: `VISIT-${Date.now()}`, callerName: '马秀兰', reporterPhone: '13995112233',
    });
    const id = body.id as number;
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    await fireNext(open(await legs(id))[0].id);
    const task = (await as.get('community', '/api/visits')).body.items.find((v: { ticketId: number }) => v.ticketId === id);
    expect(task).toMatchObject({ reporter: { displayName: '马秀兰', phone: '13995112233' } });
  });

  it('no result by the end of the visit window: closed as 未评价, never as satisfied', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    await fireNext(open(await legs(id))[0].id); // survey window over
    const visit = open(await legs(id))[0];
    await fireNext(visit.id); // warn the community
    expect(await fireNext(visit.id)).toEqual({ event: 'breach', first: 'fired', again: 'skipped' });
    const view = (await as.get('community', `/api/tickets/${id}`)).body;
    expect(view).toMatchObject({ status: 'closed', rating: null });
    expect(view.timeline.at(-1)).toMatchObject({ action: 'expire', from: 'resolved', to: 'closed', actor: { role: 'system' }, data: { unrated: true } });
    expect(open(view.deadlines)).toEqual([]);
  });

  it('a resolved resident with WeChat gets a subscribe message; a failing send never blocks the ticket', async () => {
    const login = await t.http().post('/api/auth/wechat').send({ code: 'good-push-resident' });
    const token = login.body.token;
    const compounds = (await t.http().get('/api/org/compounds').set('authorization', `Bearer ${token}`)).body.items;
    await t.http().patch('/api/me').set('authorization', `Bearer ${token}`).send({ compoundId: compounds.find((c: { code: string }) => c.code === 'hupanjiayuan').id });
    const created = await t.http().post('/api/tickets').set('authorization', `Bearer ${token}`).send({ categoryId: ids.category('street_light_out'), description: '路灯不亮' });
    const id = created.body.id;
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换灯泡' });
    const [notice]: Array<{ id: string; push_status: string }> = await t.db.query(`SELECT id, push_status FROM notifications WHERE ticket_id = $1 AND kind = 'rate_request'`, [id]);
    expect(notice.push_status).toBe('pending');

    const delivery = worker.get(PushDelivery);
    wechat.failSendsWith = 45009; // WeChat's rate limit: worth a retry
    await expect(delivery.deliver(notice.id, false)).rejects.toThrow(/45009/);
    expect(await delivery.deliver(notice.id, true)).toBe('failed');
    const [failed]: Array<{ push_status: string; push_attempts: number }> = await t.db.query('SELECT push_status, push_attempts FROM notifications WHERE id = $1', [notice.id]);
    expect(failed).toEqual({ push_status: 'failed', push_attempts: 2 });
    // The resident still rates, in the app inbox and on the ticket.
    const rated = await t.http().post(`/api/tickets/${id}/rate`).set('authorization', `Bearer ${token}`).send({ rating: 'satisfied' });
    expect(rated.body.status).toBe('closed');

    wechat.failSendsWith = null;
    await t.db.query(`UPDATE notifications SET push_status = 'pending' WHERE id = $1`, [notice.id]);
    expect(await delivery.deliver(notice.id, false)).toBe('sent');
    expect(await delivery.deliver(notice.id, false)).toBe('skipped');
    expect(wechat.sends).toEqual([expect.objectContaining({ touser: 'openid-push-resident', template_id: 'tmpl-rate-request', page: `pages/ticket/detail?id=${id}` })]);
  });

  it('the inbox: unread count, read one, read all, never someone else’s', async () => {
    const inboxRes = await as.get('property', '/api/notifications');
    expect(inboxRes.body.unread).toBeGreaterThan(0);
    const first = inboxRes.body.items[0];
    expect((await as.post('resident2', `/api/notifications/${first.id}/read`)).status).toBe(404);
    expect((await as.post('property', `/api/notifications/${first.id}/read`)).body).toEqual({ id: first.id, read: true });
    const all = await as.post('property', '/api/notifications/read-all');
    expect(all.body.marked).toBe(inboxRes.body.unread - 1);
    expect((await as.get('property', '/api/notifications')).body.unread).toBe(0);
  });

  it('admins change policies and the calendar; supervisors read them; others may not', async () => {
    expect((await as.get('community', '/api/admin/sla-policies')).status).toBe(403);
    const list = await as.get('supervisor', '/api/admin/sla-policies');
    expect(list.body.items.length).toBeGreaterThanOrEqual(24 * 3);
    const policy = { categoryId: ids.category('greenery_trim'), priority: 'normal', clock: 'working', dispatchMinutes: 120, acceptMinutes: 240, resolveMinutes: 4800, surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.75, escalationMinutes: 480, maxPauseMinutes: 7200 };
    expect((await as.post('supervisor', '/api/admin/sla-policies', policy)).status).toBe(404); // PUT only
    const put = await t.http().put('/api/admin/sla-policies').set('authorization', `Bearer ${await as.token('admin')}`).send(policy);
    expect(put.status).toBe(200);
    const id = await report('greenery_trim');
    expect(open(await legs(id))[0]).toMatchObject({ allowedMinutes: 120 });
    const badPolicy = await t.http().put('/api/admin/sla-policies').set('authorization', `Bearer ${await as.token('admin')}`).send({ ...policy, warnRatio: 2 });
    expect(badPolicy.status).toBe(400);
    expect(badPolicy.body.message).toContain('warnRatio');

    const calendar = (await as.get('admin', '/api/admin/calendar')).body;
    expect(calendar.holidays).toContain('2026-10-01');
    expect(calendar.workingWeekends).toContain('2026-10-10');
    const bad = await t.http().put('/api/admin/calendar').set('authorization', `Bearer ${await as.token('admin')}`).send({ ...calendar, workdayEnd: '07:00' });
    expect(bad.status).toBe(400);
    const ok = await t.http().put('/api/admin/calendar').set('authorization', `Bearer ${await as.token('admin')}`).send({ ...calendar, holidays: [...calendar.holidays, '2027-02-09'] });
    expect(ok.status).toBe(200);
    expect(ok.body.holidays).toContain('2027-02-09');
    expect((await t.http().put('/api/admin/calendar').set('authorization', `Bearer ${await as.token('supervisor')}`).send(calendar)).status).toBe(403);
  });
  it('tickets.due_key (the lists’ deadline order) follows the earliest open deadline through pause, resume, 回访 and 督办', async () => {
    const dueKey = async (id: number): Promise<number | 'infinity'> => {
      const [row]: Array<{ ms: string | null }> = await t.db.query(
        `SELECT CASE WHEN due_key <> 'infinity' THEN floor(extract(epoch FROM due_key) * 1000)::bigint END AS ms FROM tickets WHERE id = $1`,
        [id],
      );
      return row.ms === null ? 'infinity' : Number(row.ms);
    };
    const earliest = async (id: number): Promise<number> => Math.min(...open(await legs(id)).filter((l) => l.dueAt).map((l) => Date.parse(l.dueAt as string)));
    const id = await report();
    expect(await dueKey(id)).toBe(await earliest(id));
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    expect(await dueKey(id)).toBe(await earliest(id));
    await as.post('property', `/api/tickets/${id}/pause`, { reason: '等待配件' });
    expect(await dueKey(id)).toBe('infinity'); // the only open clock is stopped
    const resolveLeg = open(await legs(id))[0];
    expect(await fireNext(resolveLeg.id)).toMatchObject({ event: 'resume', first: 'fired' }); // the worker resumes it
    expect(await dueKey(id)).toBe(await earliest(id));
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    expect(await dueKey(id)).toBe('infinity'); // only the resident's survey window is open: not a deadline of the lists
    await fireNext(open(await legs(id))[0].id); // survey window over → the community's 回访 clock
    expect(await dueKey(id)).toBe(await earliest(id));

    // And every ticket of this database, whatever the suites above (and beside) did to it.
    const wrong: Array<{ id: number }> = await t.db.query(`
      SELECT t.id FROM tickets t
       WHERE t.due_key <> coalesce((SELECT date_trunc('milliseconds', min(d.due_at)) FROM ticket_deadlines d
                                     WHERE d.ticket_id = t.id AND d.status = 'open' AND d.leg <> 'survey'), 'infinity')`);
    expect(wrong).toEqual([]);
    const [kinds]: Array<{ finite: number; none: number }> = await t.db.query(
      `SELECT count(*) FILTER (WHERE due_key <> 'infinity')::int AS finite, count(*) FILTER (WHERE due_key = 'infinity')::int AS none FROM tickets`,
    );
    expect(kinds.finite).toBeGreaterThan(0);
    expect(kinds.none).toBeGreaterThan(0);
  });
});
