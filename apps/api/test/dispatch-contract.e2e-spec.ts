import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

/**
 * 派单 goes to a company that serves the compound today (contract or 社区托管) or to the district's
 * 国企兜底; any other company would read the resident's phone once it accepted (issue #11).
 */
describe('dispatch: only to the compound’s contracted company or the fallback', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  /** A ticket in 湖畔嘉苑: 塞上阳光 holds its contract; 凤洁 is 金凤区's 国企兜底. */
  const report = async () => {
    const res = await as.post('resident', '/api/tickets', {
      categoryId: ids.category('street_light_out'), description: '单元门口路灯不亮', compoundId: ids.unit('hupanjiayuan'), reporterPhone: '13812345678',
    });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const events = async (id: number) =>
    ((await t.db.query('SELECT action FROM ticket_events WHERE ticket_id = $1 ORDER BY created_at', [id])) as Array<{ action: string }>).map((e) => e.action);

  it('refuses a company without a contract for the compound: 422 COMPANY_NOT_CONTRACTED naming companyId, nothing changes', async () => {
    const id = await report();
    const res = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('yuehai-wuye') });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'COMPANY_NOT_CONTRACTED', details: [expect.objectContaining({ field: 'companyId' })] });
    expect(res.body.message).toContain('companyId');
    const [row]: Array<{ status: string; handler_org_id: number | null }> = await t.db.query('SELECT status, handler_org_id FROM tickets WHERE id = $1', [id]);
    expect(row).toEqual({ status: 'submitted', handler_org_id: null });
    expect(await events(id)).toEqual(['report']);
    // The company never gets to see the ticket, let alone the phone.
    expect((await as.get('property4', `/api/tickets/${id}`)).status).toBe(404);
  });

  it('refuses a company whose contract for the compound has ended', async () => {
    const id = await report();
    const zhongfang = ids.org('zhongfang-wuye');
    const [k]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on)
       VALUES ($1, $2, 'contract', current_date - 400, current_date - 30) RETURNING id`,
      [ids.unit('hupanjiayuan'), zhongfang],
    );
    try {
      const res = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: zhongfang });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('COMPANY_NOT_CONTRACTED');
    } finally {
      await t.db.query('DELETE FROM compound_contracts WHERE id = $1', [k.id]);
    }
  });

  it('accepts the contracted company and the fallback', async () => {
    const a = await report();
    expect((await as.post('community', `/api/tickets/${a}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(200);
    const b = await report();
    const res = await as.post('community', `/api/tickets/${b}/dispatch`, { companyId: ids.org('fengjie-wuye') });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'dispatched', handler: { kind: 'company', id: ids.org('fengjie-wuye') } });
  });

  it('GET /tickets/:id/dispatch-targets lists exactly what dispatch accepts, for the dispatching desk in scope', async () => {
    const id = await report();
    const res = await as.get('community', `/api/tickets/${id}/dispatch-targets`);
    expect(res.status).toBe(200);
    const listed = new Map((res.body.items as Array<{ id: number; reason: string }>).map((c) => [c.id, c.reason]));
    expect(listed.get(ids.org('saishang-wuye'))).toBe('contract');
    expect(listed.get(ids.org('fengjie-wuye'))).toBe('fallback');
    // (Other suites may add a company of their own to 湖畔嘉苑 for their run; none of the seeded others serve it.)
    for (const other of ['yuehai-wuye', 'zhongfang-wuye', 'baohu-wuye', 'hongguanjia-station']) expect(listed.has(ids.org(other))).toBe(false);
    expect((await as.get('community2', `/api/tickets/${id}/dispatch-targets`)).status).toBe(404);
    expect((await as.get('resident', `/api/tickets/${id}/dispatch-targets`)).status).toBe(403);
  });
});
