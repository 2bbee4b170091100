import type { Actor } from '../src/access/actor';
import { ActorService } from '../src/access/actor.service';
import { TicketTransitionService } from '../src/tickets/ticket-transition.service';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

describe('concurrency and retries', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const body = () => ({ categoryId: ids.category('elevator_fault'), description: '2号楼电梯停在8楼不动了' });

  it('20 concurrent accepts: exactly one wins, the others get 409 STALE_STATE', async () => {
    const created = await as.post('resident', '/api/tickets', body());
    const id = created.body.id;
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.token('property');
    const results = await Promise.all(Array.from({ length: 20 }, () => as.post('property', `/api/tickets/${id}/accept`)));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    // A loser that read the ticket before the winner committed lost the race (STALE_STATE); one that
    // read it after sees an accepted ticket (ILLEGAL_TRANSITION). Either way: 409 and nothing written.
    for (const r of results.filter((r) => r.status === 409)) expect(['STALE_STATE', 'ILLEGAL_TRANSITION']).toContain(r.body.code);
    const events: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'accept'`, [id]);
    expect(events[0].n).toBe(1);
  });

  it('a step whose ticket changed between its read and its write gets 409 STALE_STATE and writes nothing', async () => {
    const id = (await as.post('resident', '/api/tickets', body())).body.id;
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    const actor = (await t.app.get(ActorService).load(await as.id('property'))) as Actor;
    const step = t.app.get(TicketTransitionService).step(actor, id, {
      action: 'accept',
      // Runs after this step has read the ticket: a colleague accepts it right then.
      plan: async () => {
        const rival = await as.post('property', `/api/tickets/${id}/accept`);
        expect(rival.status).toBe(200);
        return {};
      },
    });
    await expect(step).rejects.toMatchObject({ code: 'STALE_STATE' });
    const events: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'accept'`, [id]);
    expect(events[0].n).toBe(1);
  });

  it('two staff acting at once on one ticket: one dispatch and one reject, only one lands', async () => {
    const id = (await as.post('resident', '/api/tickets', body())).body.id;
    const [a, b] = await Promise.all([
      as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') }),
      as.post('street', `/api/tickets/${id}/reject`, { reason: '重复报事' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1', [id]);
    expect(events[0].n).toBe(2);
  });

  it('an Idempotency-Key retry returns the same ticket and creates nothing new', async () => {
    const key = 'retry-0001-abcdef';
    const first = await as.post('resident', '/api/tickets', body(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    const again = await as.post('resident', '/api/tickets', body(), { 'Idempotency-Key': key });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, no: first.body.no, replayed: true });
    const n: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1', [key]);
    expect(n[0].n).toBe(1);
  });

  it('concurrent retries with one key make exactly one ticket', async () => {
    const key = `burst-${Date.now()}`;
    const description = `同一个重试 ${key}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () => as.post('resident', '/api/tickets', { ...body(), description }, { 'Idempotency-Key': key })),
    );
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    const made: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM tickets WHERE description = $1', [description]);
    expect(made[0].n).toBe(1);
  });

  it('the same key with a different body is refused, and keys are per user', async () => {
    const key = 'reuse-key-12345';
    await as.post('resident', '/api/tickets', body(), { 'Idempotency-Key': key });
    const changed = await as.post('resident', '/api/tickets', { ...body(), description: '另一件事' }, { 'Idempotency-Key': key });
    // 422, not 409: a reused key is the client's mistake, not a conflict worth retrying.
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(changed.body.message).toContain('Idempotency-Key');
    const otherUser = await as.post('resident2', '/api/tickets', body(), { 'Idempotency-Key': key });
    expect(otherUser.status).toBe(201);
    const badKey = await as.post('resident', '/api/tickets', body(), { 'Idempotency-Key': 'x' });
    expect(badKey.status).toBe(400);
    expect(badKey.body.message).toContain('Idempotency-Key');
  });

  it('a failed intake leaves nothing half-written', async () => {
    const description = `半截工单 ${Date.now()}`;
    const res = await as.post('resident', '/api/tickets', { ...body(), description, photoIds: ['6f1c1d1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f'] });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('photoIds');
    // The ticket and its event were inserted before the photo check failed; the rollback took both.
    const left: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM tickets WHERE description = $1', [description]);
    expect(left[0].n).toBe(0);
  });
});
