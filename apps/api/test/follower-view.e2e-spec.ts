import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

interface PublicTicket {
  id: number; status: string; summary: string; followerCount: number; following: boolean; mine: boolean;
  steps: Array<{ status: string; at: string }>;
}

describe('也遇到了: a follower opens a followed ticket in its public shape', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    // A neighbour of `resident` in 湖畔嘉苑 (a plain resident, as WeChat sign-in makes them).
    const [u]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name, compound_id) VALUES ('follower-neighbour', '湖畔嘉苑邻居', $1) RETURNING id`,
      [ids.unit('hupanjiayuan')],
    );
    await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [u.id]);
  });
  afterAll(() => t.close());

  const report = async () => {
    const res = await as.post('resident', '/api/tickets', {
      categoryId: ids.category('street_light_out'), description: '3号楼路灯不亮，请联系138-1234-5678', compoundId: ids.unit('hupanjiayuan'),
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const view = (user: string, id: number) => as.get(user, `/api/tickets/${id}/public`);

  it('a follower reads it, sees the status change after dispatch, and nothing of the reporter, phone or notes', async () => {
    const id = await report();
    expect((await view('follower-neighbour', id)).status).toBe(404); // not following yet
    expect((await as.get('follower-neighbour', `/api/tickets/${id}`)).status).toBe(404); // the full view stays closed
    expect((await as.post('follower-neighbour', `/api/tickets/${id}/follow`)).status).toBe(200);

    const before = await view('follower-neighbour', id);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ id, status: 'submitted', followerCount: 1, following: true, mine: false, steps: [{ status: 'submitted' }] });

    expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    expect((await as.post('property', `/api/tickets/${id}/accept`)).status).toBe(200);
    expect((await as.post('property', `/api/tickets/${id}/progress`, { note: '已联系电工，302室王先生在家，电话13900001111' })).status).toBe(200);
    const after = await view('follower-neighbour', id);
    expect(after.status).toBe(200);
    const body = after.body as PublicTicket;
    expect(body.status).toBe('accepted');
    // The progress note is no status step: it is not there at all.
    expect(body.steps.map((s) => s.status)).toEqual(['submitted', 'dispatched', 'accepted']);
    for (const step of body.steps) expect(Object.keys(step).sort()).toEqual(['at', 'status']);
    expect(Object.keys(body).sort()).toEqual(['category', 'createdAt', 'followerCount', 'following', 'id', 'mine', 'no', 'status', 'steps', 'summary']);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/138-1234-5678|13800|13900001111|302室|王先生|电工/);
    const [{ display_name: reporterName, phone }]: Array<{ display_name: string; phone: string | null }> =
      await t.db.query('SELECT display_name, phone FROM users WHERE id = (SELECT reporter_id FROM tickets WHERE id = $1)', [id]);
    expect(text).not.toContain(reporterName);
    if (phone) expect(text).not.toContain(phone);
    expect(body.summary).toContain('3号楼路灯不亮');

    // The reporter may read the same public view of their own ticket.
    expect((await view('resident', id)).body).toMatchObject({ id, mine: true, following: false });
  });

  it('a resident of another compound who does not follow it gets 404, like a missing ticket', async () => {
    const id = await report();
    const res = await view('resident2', id);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('NOT_FOUND');
    expect((await view('resident2', 2147483000)).body).toEqual(res.body);
    // Staff in scope are no followers either: they have the full view.
    expect((await view('community', id)).status).toBe(404);
  });

  it('unfollow closes it again (404)', async () => {
    const id = await report();
    expect((await as.post('follower-neighbour', `/api/tickets/${id}/follow`)).status).toBe(200);
    expect((await view('follower-neighbour', id)).status).toBe(200);
    const off = await t.http().delete(`/api/tickets/${id}/follow`).set('authorization', `Bearer ${await as.token('follower-neighbour')}`);
    expect(off.status).toBe(200);
    expect((await view('follower-neighbour', id)).status).toBe(404);
  });
});
