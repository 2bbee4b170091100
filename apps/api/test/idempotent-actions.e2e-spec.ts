import { randomBytes } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Response } from 'supertest';
import type { Actor } from '../src/access/actor';
import { ActorService } from '../src/access/actor.service';
import { loadConfig } from '../src/config/app-config';
import { DeadlineEffects } from '../src/deadlines/deadline-effects.service';
import type { DeadlineEvent } from '../src/deadlines/ticket-deadline.entity';
import { KeyClaim } from '../src/idempotency/key-claim';
import { TicketTransitionService } from '../src/tickets/ticket-transition.service';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/**
 * Idempotency-Key on every state-changing ticket action (issue #17): a retry of an action whose
 * answer was lost gets the first answer back (`idempotent-replayed: true`), never 409.
 */
describe('idempotent ticket actions (Idempotency-Key)', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let worker: INestApplicationContext;
  const tag = randomBytes(4).toString('hex');
  let n = 0;
  /** A fresh key for each intended action, as a client makes them. */
  const newKey = (what: string) => `idem-${tag}-${what}-${(n += 1)}`;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    // The worker's services without its BullMQ loop, to end a survey window for the phone visit.
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent' })), { logger: false });
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
  });

  const company = () => ({ companyId: ids.org('saishang-wuye') });
  const report = async (description = `幂等测试 ${tag} 楼道灯不亮`) => {
    const res = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const keyed = (user: string, path: string, body: object, key: string) => as.post(user, path, body, { 'Idempotency-Key': key });
  const events = async (ticketId: number, action: string): Promise<number> => {
    const [{ n: count }]: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = $2', [ticketId, action]);
    return count;
  };
  const keyRows = async (key: string): Promise<Array<{ user_id: number; route: string; response_status: number | null }>> =>
    t.db.query('SELECT user_id, route, response_status FROM idempotency_keys WHERE key = $1 ORDER BY user_id', [key]);
  const status = async (ticketId: number): Promise<string> => (await t.db.query('SELECT status FROM tickets WHERE id = $1', [ticketId]))[0].status;
  const expectReplayOf = (again: Response, first: Response) => {
    expect(again.status).toBe(first.status);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
  };

  it('dispatch retried with the same key: the first answer again, marked replayed, one timeline event; without a key it is 409', async () => {
    const id = await report();
    const key = newKey('dispatch');
    const path = `/api/tickets/${id}/dispatch`;
    const first = await keyed('community', path, company(), key);
    expect(first.status).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(first.body.status).toBe('dispatched');

    const again = await keyed('community', path, company(), key);
    expectReplayOf(again, first);
    expect(await events(id, 'dispatch')).toBe(1);
    expect(await keyRows(key)).toEqual([{ user_id: await as.id('community'), route: `POST ${path}`, response_status: 200 }]);

    // Behaviour without a key is unchanged: the second dispatch is a real conflict.
    const bare = await as.post('community', path, company());
    expect(bare.status).toBe(409);
    expect(bare.body.code).toBe('ILLEGAL_TRANSITION');
    expect(await events(id, 'dispatch')).toBe(1);
  });

  it('accept retried after the ticket moved on: still the first answer (accepted), never 409', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, company());
    const key = newKey('accept');
    const first = await keyed('property', `/api/tickets/${id}/accept`, {}, key);
    expect(first.status).toBe(200);
    expect(first.body.status).toBe('accepted');
    expect((await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换灯泡' })).status).toBe(200);

    const again = await keyed('property', `/api/tickets/${id}/accept`, {}, key);
    expectReplayOf(again, first);
    expect(again.body.status).toBe('accepted');
    expect(await status(id)).toBe('resolved');
    expect(await events(id, 'accept')).toBe(1);
  });

  it('every action of a ticket’s life replays its first answer on a retry, and happens once', async () => {
    const id = await report();
    const life: Array<[user: string, action: string, body: object]> = [
      ['community', 'dispatch', company()],
      ['property', 'return', { reason: '不属于本物业服务范围' }],
      ['community', 'dispatch', company()],
      ['property', 'accept', {}],
      ['property', 'progress', { note: '已联系电工，明天上门' }],
      ['property', 'pause', { reason: '等待灯具到货' }],
      ['property', 'resume', {}],
      ['property', 'resolve', { note: '已更换灯泡' }],
      ['resident', 'rate', { rating: 'dissatisfied', comment: '还是一闪一闪' }],
      ['property', 'resolve', { note: '已更换镇流器' }],
      ['resident', 'rate', { rating: 'satisfied' }],
    ];
    for (const [user, action, body] of life) {
      const key = newKey(action);
      const first = await keyed(user, `/api/tickets/${id}/${action}`, body, key);
      expect({ action, status: first.status }).toEqual({ action, status: 200 });
      const again = await keyed(user, `/api/tickets/${id}/${action}`, body, key);
      expectReplayOf(again, first);
    }
    // 退单 took the ticket from the company: its answer was `{id, returned: true}`, and so is the replay.
    const counts: Record<string, number> = {};
    for (const [, action] of life) counts[action] = (counts[action] ?? 0) + 1;
    for (const [action, count] of Object.entries(counts)) expect({ action, n: await events(id, action) }).toEqual({ action, n: count });
    expect(await status(id)).toBe('closed');
  });

  it('escalate, reject, cancel and merge replay too', async () => {
    const cases: Array<[user: string, action: string, body: (id: number, other: number) => object, to: string]> = [
      ['community', 'escalate', () => ({ departmentId: ids.org('urban-mgmt'), reason: '涉及占道施工，需城管处置' }), 'dispatched'],
      ['community', 'reject', () => ({ reason: '重复报事' }), 'rejected'],
      ['resident', 'cancel', () => ({ reason: '已经自己修好了' }), 'cancelled'],
      ['community', 'merge', (_id, other) => ({ intoTicketId: other }), 'merged'],
    ];
    for (const [user, action, body, to] of cases) {
      const id = await report();
      const other = await report();
      const key = newKey(action);
      const first = await keyed(user, `/api/tickets/${id}/${action}`, body(id, other), key);
      expect({ action, status: first.status }).toEqual({ action, status: 200 });
      const again = await keyed(user, `/api/tickets/${id}/${action}`, body(id, other), key);
      expectReplayOf(again, first);
      expect(await status(id)).toBe(to);
      expect({ action, n: await events(id, action) }).toEqual({ action, n: 1 });
    }
  });

  it('a phone visit (电话回访) replays too', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, company());
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换' });
    // The survey window ends without a rating: its breach opens the phone visit.
    const [survey]: Array<{ id: string; next_event: DeadlineEvent; next_event_at: Date }> = await t.db.query(
      `WITH u AS (UPDATE ticket_deadlines SET next_event_at = date_trunc('milliseconds', now()) - interval '1 second'
                   WHERE ticket_id = $1 AND leg = 'survey' AND status = 'open' RETURNING id, next_event, next_event_at)
       SELECT * FROM u`,
      [id],
    );
    expect(await worker.get(DeadlineEffects).fire(survey.id, survey.next_event, survey.next_event_at)).toBe('fired');
    const key = newKey('visit');
    const body = { reached: true, rating: 'satisfied', comment: '电话回访：满意' };
    const first = await keyed('grid', `/api/tickets/${id}/visit`, body, key);
    expect(first.status).toBe(200);
    expectReplayOf(await keyed('grid', `/api/tickets/${id}/visit`, body, key), first);
    expect(await events(id, 'visit')).toBe(1);
    expect(await status(id)).toBe('closed');
  });

  it('the same key on a different request is 422 IDEMPOTENCY_KEY_REUSED naming the header, and changes nothing', async () => {
    const id = await report();
    const other = await report();
    const key = newKey('reuse');
    expect((await keyed('community', `/api/tickets/${id}/dispatch`, company(), key)).status).toBe(200);

    const attempts = [
      keyed('community', `/api/tickets/${id}/dispatch`, { ...company(), note: '加急' }, key), // another body
      keyed('community', `/api/tickets/${other}/dispatch`, company(), key), // another ticket
      keyed('community', `/api/tickets/${other}/reject`, { reason: '重复报事' }, key), // another action
      keyed('community', '/api/tickets', { categoryId: ids.category('street_light_out'), description: '另一件事' }, key), // 点单
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(res.body.message).toContain('Idempotency-Key');
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'Idempotency-Key' })]);
    }
    expect(await status(other)).toBe('submitted');
    expect(await events(id, 'dispatch')).toBe(1);

    // And a key 点单 used cannot be spent on an action.
    const createKey = newKey('create');
    expect((await keyed('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: `点单 ${tag}` }, createKey)).status).toBe(201);
    const cancel = await keyed('resident', `/api/tickets/${other}/cancel`, {}, createKey);
    expect(cancel.status).toBe(422);
    expect(cancel.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await status(other)).toBe('submitted');
  });

  it('concurrent copies with one key: one accept happens, every copy gets its answer', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, company());
    await as.token('property');
    const key = newKey('burst');
    const results = await Promise.all(Array.from({ length: 8 }, () => keyed('property', `/api/tickets/${id}/accept`, {}, key)));
    expect(results.map((r) => r.status)).toEqual(Array(8).fill(200));
    expect(results.filter((r) => r.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    for (const r of results) expect({ id: r.body.id, status: r.body.status }).toEqual({ id, status: 'accepted' });
    expect(await events(id, 'accept')).toBe(1);
    expect(await keyRows(key)).toHaveLength(1);
  });

  it('a different user with the same key is independent', async () => {
    const a = await report();
    const b = await report();
    const key = newKey('shared');
    expect((await keyed('community', `/api/tickets/${a}/dispatch`, company(), key)).status).toBe(200);
    // Street staff (also a dispatch desk) with the same key: its own action, not community's answer.
    const street = await keyed('street', `/api/tickets/${b}/dispatch`, company(), key);
    expect(street.status).toBe(200);
    expect(street.headers['idempotent-replayed']).toBeUndefined();
    expect(await status(b)).toBe('dispatched');
    // Nor does it get community's answer for ticket a: for it that is a real conflict.
    const conflict = await keyed('street', `/api/tickets/${a}/dispatch`, company(), newKey('street'));
    expect(conflict.status).toBe(409);
    expect((await keyRows(key)).map((r) => r.user_id)).toEqual([await as.id('community'), await as.id('street')].sort((x, y) => x - y));
  });

  it('a failed request records no key: sent again corrected with the same key, it is done', async () => {
    const id = await report();
    const key = newKey('fix');
    const bad = await keyed('community', `/api/tickets/${id}/dispatch`, { companyId: 2147483000 }, key);
    expect(bad.status).toBe(400);
    expect(await keyRows(key)).toEqual([]);
    const good = await keyed('community', `/api/tickets/${id}/dispatch`, company(), key);
    expect(good.status).toBe(200);
    expect(good.headers['idempotent-replayed']).toBeUndefined();

    const malformed = await keyed('community', `/api/tickets/${id}/accept`, {}, 'short');
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toContain('Idempotency-Key');
  });

  it('the key is written in the step’s transaction: a step that loses its race leaves no key behind', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, company());
    const actor = (await t.app.get(ActorService).load(await as.id('property'))) as Actor;
    const key = newKey('atomic');
    const claim = new KeyClaim(actor.userId, key, `POST /api/tickets/${id}/accept`, 'h'.repeat(64), 200);
    const step = t.app.get(TicketTransitionService).step(actor, id, {
      action: 'accept',
      idempotency: claim,
      // A colleague accepts between this step's read and its write: the guarded update finds nothing.
      plan: async () => {
        expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
        return {};
      },
    });
    await expect(step).rejects.toMatchObject({ code: 'STALE_STATE' });
    expect(await keyRows(key)).toEqual([]);
    expect(await events(id, 'accept')).toBe(1);
  });

  it('an answer that was never stored (stopped after the commit) is replayed from the ticket as it is now', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, company());
    const key = newKey('lost');
    const first = await keyed('property', `/api/tickets/${id}/accept`, {}, key);
    expect(first.status).toBe(200);
    await t.db.query('UPDATE idempotency_keys SET response_body = NULL WHERE key = $1', [key]);
    const again = await keyed('property', `/api/tickets/${id}/accept`, {}, key);
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id, status: 'accepted' });
    expect(await events(id, 'accept')).toBe(1);
  });

  it('keys are kept 24 hours: a younger one replays, an older one is forgotten, and each new key clears expired ones', async () => {
    const id = await report();
    const key = newKey('ttl');
    const path = `/api/tickets/${id}/dispatch`;
    const first = await keyed('community', path, company(), key);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '23 hours' WHERE key = $1`, [key]);
    expectReplayOf(await keyed('community', path, company(), key), first);

    // Someone else's key from two days ago, never reused: cleared by the next keyed request of anyone.
    const stale = newKey('stale');
    expect((await keyed('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: `旧的 ${tag}` }, stale)).status).toBe(201);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '48 hours' WHERE key = $1`, [stale]);
    await t.db.query(`UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE key = $1`, [key]);
    const late = await keyed('community', path, company(), key);
    // Forgotten: the retry is a new request, and the ticket is already dispatched.
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
    expect(await keyRows(key)).toEqual([]);
    expect(await keyRows(stale)).toEqual([]);
  });

  it('申诉 and its decision replay too (201 and 200)', async () => {
    const id = await report();
    for (const [user, action, body] of [
      ['community', 'dispatch', company()],
      ['property', 'accept', {}],
      ['property', 'resolve', { note: '已更换灯泡' }],
      ['resident', 'rate', { rating: 'dissatisfied', comment: '还是不亮' }],
    ] as Array<[string, string, object]>) {
      expect((await as.post(user, `/api/tickets/${id}/${action}`, body)).status).toBe(200);
    }
    const fileKey = newKey('appeal');
    const reason = { reason: '居民诉求超出报修范围，已按报修内容修复' };
    const filed = await keyed('property', `/api/tickets/${id}/appeals`, reason, fileKey);
    expect(filed.status).toBe(201);
    expectReplayOf(await keyed('property', `/api/tickets/${id}/appeals`, reason, fileKey), filed);
    const bare = await as.post('property', `/api/tickets/${id}/appeals`, reason);
    expect(bare.status).toBe(409);
    expect(bare.body.code).toBe('APPEAL_EXISTS');

    const decideKey = newKey('decide');
    const decision = { decision: 'upheld', note: '诉求确实超出范围' };
    const decided = await keyed('street', `/api/appeals/${filed.body.id}/decision`, decision, decideKey);
    expect(decided.status).toBe(200);
    expectReplayOf(await keyed('street', `/api/appeals/${filed.body.id}/decision`, decision, decideKey), decided);
    const changed = await keyed('street', `/api/appeals/${filed.body.id}/decision`, { ...decision, decision: 'denied' }, decideKey);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await events(id, 'appeal')).toBe(1);
    expect(await events(id, 'appeal_decision')).toBe(1);
  });

  it('OpenAPI documents the Idempotency-Key header on every state-changing ticket and appeal action', async () => {
    const docs = await t.http().get('/api/docs-json');
    expect(docs.status).toBe(200);
    const paths = docs.body.paths as Record<string, { post?: { parameters?: Array<{ in: string; name: string }> } }>;
    const actions = ['dispatch', 'escalate', 'return', 'accept', 'progress', 'resolve', 'rate', 'cancel', 'reject', 'merge', 'pause', 'resume', 'visit'];
    const routes = [...actions.map((a) => `/api/tickets/{id}/${a}`), '/api/tickets', '/api/tickets/{id}/appeals', '/api/appeals/{id}/decision'];
    for (const route of routes) {
      const header = paths[route]?.post?.parameters?.find((p) => p.in === 'header' && p.name === 'Idempotency-Key');
      expect({ route, documented: Boolean(header) }).toEqual({ route, documented: true });
    }
  });
});
