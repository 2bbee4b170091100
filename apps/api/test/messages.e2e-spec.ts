import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '../src/config/app-config';
import { PushDelivery } from '../src/notifications/push-delivery.service';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

/**
 * This file's own resident: the demo resident also reports in suites running alongside, and their
 * messages would slip between the threads and counts checked here.
 */
const RES = 'msg-res';

interface Thread { ticket: { id: number; no: string; status: string } | null; unread: number; lastMessageId: number; messages: Array<{ id: number; kind: string; title: string; body: string; readAt: string | null }> }

describe('消息: message centre, subscribe consent, exactly-once subscribe sends', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let wechat: WechatStandIn;
  let worker: INestApplicationContext;
  let delivery: PushDelivery;
  /** A resident signed in through WeChat (has an openid), living in 湖畔嘉苑. */
  let wx = '';

  beforeAll(async () => {
    wechat = await startWechatStandIn();
    const env = {
      WECHAT_API_BASE: wechat.url, WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-visit', WECHAT_STATUS_TEMPLATE_ID: 'tmpl-status',
      WECHAT_SEND_TIMEOUT_MS: '300', PUSH_CLAIM_LEASE_SECONDS: '60',
    };
    t = await startApp(env);
    as = new Actors(t);
    ids = await codeIds(t);
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name, compound_id) VALUES ($1, '郑丽娟', $2) RETURNING id`, [RES, ids.unit('hupanjiayuan')]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, ...env, LOG_LEVEL: 'silent' })), { logger: false });
    delivery = worker.get(PushDelivery);
    wx = (await t.http().post('/api/auth/wechat').send({ code: 'good-msg-resident' })).body.token;
    expect((await wxReq('patch', '/api/me').send({ compoundId: ids.unit('hupanjiayuan') })).status).toBe(200);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await wechat.close();
  });

  const wxReq = (method: 'get' | 'post' | 'put' | 'patch', path: string) => t.http()[method](path).set('authorization', `Bearer ${wx}`);
  const report = async (user: string | null = RES) => {
    const body = { categoryId: ids.category('street_light_out'), description: '楼下路灯不亮，晚上很黑', compoundId: ids.unit('hupanjiayuan') };
    const res = user ? await as.post(user, '/api/tickets', body) : await wxReq('post', '/api/tickets').send(body);
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const dispatch = async (id: number) => expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
  const threads = async (user: string, query = '') => (await as.get(user, `/api/messages${query}`)).body.items as Thread[];
  const pushRow = async (ticketId: number) =>
    ((await t.db.query(`SELECT id, push_status, push_template, push_attempts, push_error FROM notifications WHERE ticket_id = $1 AND user_id = (SELECT id FROM users WHERE wechat_openid = 'openid-msg-resident') ORDER BY id DESC LIMIT 1`, [ticketId])) as Array<{ id: string; push_status: string; push_template: string | null; push_attempts: number; push_error: string | null }>)[0];

  describe('message centre', () => {
    it('groups my messages by ticket with unread counts; dispatch/accept reach the reporter, dispatch reaches the handler', async () => {
      const id = await report();
      await dispatch(id);
      expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
      const mine = (await threads(RES)).find((th) => th.ticket?.id === id);
      expect(mine).toMatchObject({ ticket: { id, status: 'accepted' }, unread: 2 });
      expect(mine?.messages.map((m) => m.title)).toEqual(['报事进展：处理中', '报事进展：待接单']);
      const unread = (await as.get(RES, '/api/messages/unread')).body;
      expect(unread.tickets).toContainEqual({ ticketId: id, unread: 2 });
      expect(unread.total).toBeGreaterThanOrEqual(2);
      // The handler learns of the dispatch in its own 消息; the one who dispatched gets nothing.
      expect((await threads('property')).find((th) => th.ticket?.id === id)?.messages).toEqual([expect.objectContaining({ kind: 'ticket_work', title: '新派单，请及时接单' })]);
      expect((await threads('community')).find((th) => th.ticket?.id === id)).toBeUndefined();
    });

    it('marks one ticket read idempotently, only my own; read-all clears the badge', async () => {
      const id = await report();
      await dispatch(id);
      expect((await as.post(RES, `/api/messages/tickets/${id}/read`)).body).toEqual({ marked: 1 });
      expect((await as.post(RES, `/api/messages/tickets/${id}/read`)).body).toEqual({ marked: 0 });
      expect((await as.post('resident2', `/api/messages/tickets/${id}/read`)).status).toBe(404);
      expect((await as.get(RES, '/api/messages/unread')).body.tickets.find((x: { ticketId: number }) => x.ticketId === id)).toBeUndefined();
      await as.post(RES, '/api/notifications/read-all');
      expect((await as.get(RES, '/api/messages/unread')).body).toEqual({ total: 0, tickets: [] });
    });

    it('pages threads by cursor (the newest message of the last thread)', async () => {
      const a = await report();
      await dispatch(a);
      const b = await report();
      await dispatch(b);
      const first = await threads(RES);
      expect(first.slice(0, 2).map((th) => th.ticket?.id)).toEqual([b, a]);
      const after = await threads(RES, `?cursor=${first[0].lastMessageId}`);
      expect(after[0].ticket?.id).toBe(a);
      expect((await as.get(RES, '/api/messages?cursor=abc')).status).toBe(400);
    });

    it('a follower (也遇到了) gets status changes without the staff’s notes', async () => {
      const id = await report();
      expect((await wxReq('post', `/api/tickets/${id}/follow`).send({})).status).toBe(200);
      await dispatch(id);
      expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
      expect((await as.post('property', `/api/tickets/${id}/progress`, { note: '已联系电工，302室王先生在家' })).status).toBe(200);
      expect((await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换灯泡，联系电话13900001111' })).status).toBe(200);
      const mine = (await wxReq('get', '/api/messages')).body.items.find((th: Thread) => th.ticket?.id === id) as Thread;
      expect(mine.messages.map((m) => m.title)).toEqual(['报事进展：待评价', '报事进展：处理中', '报事进展：待接单']);
      expect(mine.messages.map((m) => m.body).join()).not.toMatch(/13900001111|302/);
    });
  });

  describe('subscribe consent', () => {
    it('exposes the template ids and remembers answers; status pushes only after accept', async () => {
      const before = (await wxReq('get', '/api/messages/consent')).body.items;
      expect(before).toEqual([
        { template: 'status', templateId: 'tmpl-status', decision: null },
        { template: 'visit', templateId: 'tmpl-visit', decision: null },
      ]);
      const id = await report(null);
      await dispatch(id);
      expect(await pushRow(id)).toMatchObject({ push_status: 'none' }); // no consent yet: in-app only

      const put = await wxReq('put', '/api/messages/consent').send({ answers: [{ template: 'status', decision: 'reject' }, { template: 'visit', decision: 'accept' }] });
      expect(put.body.items).toEqual([expect.objectContaining({ template: 'status', decision: 'reject' }), expect.objectContaining({ template: 'visit', decision: 'accept' })]);
      expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
      expect(await pushRow(id)).toMatchObject({ push_status: 'none' });

      await wxReq('put', '/api/messages/consent').send({ answers: [{ template: 'status', decision: 'accept' }] });
      expect((await as.post('property', `/api/tickets/${id}/pause`, { reason: '等待配件到货' })).status).toBe(200); // no status change: no notice
      expect((await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' })).status).toBe(200);
      expect(await pushRow(id)).toMatchObject({ push_status: 'pending', push_template: 'visit' }); // the 回访 request
    });

    it('refuses bad answers with the field named', async () => {
      const res = await wxReq('put', '/api/messages/consent').send({ answers: [{ template: 'status', decision: 'maybe' }] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(/decision/);
      expect((await wxReq('put', '/api/messages/consent').send({ answers: [] })).status).toBe(400);
    });
  });

  describe('exactly once per notice', () => {
    /** A fresh dispatched ticket of the WeChat resident, whose status notice is pending. */
    const pendingNotice = async () => {
      await wxReq('put', '/api/messages/consent').send({ answers: [{ template: 'status', decision: 'accept' }] });
      const id = await report(null);
      await dispatch(id);
      const row = await pushRow(id);
      expect(row).toMatchObject({ push_status: 'pending', push_template: 'status' });
      return { id, notice: row.id };
    };
    const sendsFor = (ticketId: number) => wechat.sends.filter((s) => s.page === `pages/ticket/detail?id=${ticketId}`);
    beforeEach(() => {
      wechat.failSendsWith = null;
      wechat.afterDelivery = 'answer';
    });

    it('two workers on one notice: one claims and sends, the other skips', async () => {
      const { id, notice } = await pendingNotice();
      const outcomes = await Promise.all([delivery.deliver(notice, false), delivery.deliver(notice, false)]);
      expect(outcomes.sort()).toEqual(['sent', 'skipped']);
      expect(sendsFor(id)).toEqual([expect.objectContaining({ touser: 'openid-msg-resident', template_id: 'tmpl-status' })]);
      expect(await pushRow(id)).toMatchObject({ push_status: 'sent', push_attempts: 1 });
    });

    it('a worker killed between sending and recording: the expired claim becomes unknown, never a second send', async () => {
      const { id, notice } = await pendingNotice();
      // The dead worker's claim: committed, its lease (60 s) long over, no outcome recorded.
      await t.db.query(`UPDATE notifications SET push_status = 'sending', claimed_at = now() - interval '10 minutes', push_attempts = 1 WHERE id = $1`, [notice]);
      expect(await delivery.deliver(notice, false)).toBe('skipped');
      expect(await delivery.recoverExpiredClaims()).toBe(1);
      expect(await pushRow(id)).toMatchObject({ push_status: 'unknown', push_error: expect.stringMatching(/lease expired/) });
      expect(await delivery.deliver(notice, true)).toBe('skipped');
      expect(sendsFor(id)).toEqual([]);
    });

    it('a claim still inside its lease is left alone', async () => {
      const { notice } = await pendingNotice();
      await t.db.query(`UPDATE notifications SET push_status = 'sending', claimed_at = now() - interval '5 seconds' WHERE id = $1`, [notice]);
      expect(await delivery.recoverExpiredClaims()).toBe(0);
    });

    it.each([
      ['cut', 'the connection drops after WeChat received it'],
      ['hang', 'WeChat answers after the send timeout'],
    ] as const)('outcome unknown (%s: %s) → recorded unknown, not retried', async (mode, _why) => {
      const { id, notice } = await pendingNotice();
      wechat.afterDelivery = mode;
      expect(await delivery.deliver(notice, false)).toBe('unknown');
      wechat.afterDelivery = 'answer';
      expect(await delivery.deliver(notice, false)).toBe('skipped');
      expect(sendsFor(id)).toHaveLength(1);
      expect(await pushRow(id)).toMatchObject({ push_status: 'unknown', push_attempts: 1 });
    });

    it.each([43101, 40003])('WeChat refuses with %i → failed at once, and the ticket goes on', async (errcode) => {
      const { id, notice } = await pendingNotice();
      wechat.failSendsWith = errcode;
      expect(await delivery.deliver(notice, false)).toBe('failed');
      expect(await pushRow(id)).toMatchObject({ push_status: 'failed', push_error: expect.stringContaining(String(errcode)) });
      expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
      expect(sendsFor(id)).toEqual([]);
    });

    it('a transient refusal (45009) is retried, since WeChat’s answer proves nothing was delivered; sent once', async () => {
      const { id, notice } = await pendingNotice();
      wechat.failSendsWith = 45009;
      await expect(delivery.deliver(notice, false)).rejects.toThrow(/45009/);
      expect(await pushRow(id)).toMatchObject({ push_status: 'pending', push_attempts: 1 });
      wechat.failSendsWith = null;
      expect(await delivery.deliver(notice, false)).toBe('sent');
      expect(await delivery.deliver(notice, false)).toBe('skipped');
      expect(sendsFor(id)).toHaveLength(1);
      expect(await pushRow(id)).toMatchObject({ push_status: 'sent', push_attempts: 2 });
    });
  });
});
