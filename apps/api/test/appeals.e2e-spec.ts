import { randomBytes } from 'node:crypto';
import { Actors, codeIds } from './support/actors';
import { insertTicketFixtures, type TicketFixture } from './support/report-fixtures';
import { startAppOnOwnDatabase, type TestApp } from './support/test-app';

/**
 * 申诉: a handler appeals a 不满意, street staff uphold or deny it, an upheld one leaves 满意率.
 * Every ticket here is handled by a property company created for this run (X), so the company's row
 * of the SLA report holds only this file's facts whatever other suites write meanwhile.
 * A database of its own: "the street's staff are told, once each" names every street_staff account of
 * 北京中路街道, and suites alongside create such accounts (人员管理) on the run's shared database.
 */
describe('appeals (申诉)', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  const tag = randomBytes(3).toString('hex');
  const companyCode = `appeal-x-${tag}`;
  const managerX = `appeal-pm-${tag}`;
  const otherStreetStaff = `appeal-street-${tag}`;
  let companyX: number;

  const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);

  /** A live ticket reported by the resident, handled by X and rated through the API. */
  async function ratedTicket(rating: 'satisfied' | 'basically_satisfied' | 'dissatisfied'): Promise<number> {
    const created = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: `申诉测试 ${tag} 路灯不亮` });
    expect(created.status).toBe(201);
    const id: number = created.body.id;
    const steps: Array<[string, string, object]> = [
      ['community', 'dispatch', { companyId: companyX }],
      [managerX, 'accept', {}],
      [managerX, 'resolve', { note: '已更换灯泡' }],
      ['resident', 'rate', { rating, comment: rating === 'dissatisfied' ? '还是不亮' : '好了' }],
    ];
    for (const [user, action, body] of steps) {
      const res = await as.post(user, `/api/tickets/${id}/${action}`, body);
      if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
    }
    return id;
  }

  const ratingEvents = async (ticketId: number): Promise<number[]> =>
    (await t.db.query(`SELECT id FROM ticket_events WHERE ticket_id = $1 AND action IN ('rate', 'visit') ORDER BY id`, [ticketId]) as Array<{ id: string }>)
      .map((r) => Number(r.id));

  const companyRow = async (from: string, to: string) => {
    const res = await as.get('supervisor', `/api/reports/sla?from=${from}&to=${to}&groupBy=company`);
    expect(res.status).toBe(200);
    // The district report reads the rollups: the appeal's effect must reach them, not only the raw tables.
    expect(res.body.source).toBe('rollups');
    return res.body.rows.find((r: { group: { id: number } }) => r.group.id === companyX);
  };

  beforeAll(async () => {
    t = await startAppOnOwnDatabase();
    as = new Actors(t);
    ids = await codeIds(t);
    const [{ id: district }]: Array<{ id: number }> = await t.db.query(`SELECT id FROM org_units WHERE code = 'jinfeng'`);
    [{ id: companyX }] = await t.db.query(
      `INSERT INTO organizations (kind, code, name, district_id) VALUES ('property_company', $1, $2, $3) RETURNING id`,
      [companyCode, `申诉测试物业${tag}`, district],
    );
    const bind = async (username: string, name: string, binding: string, value: number) => {
      const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ($1, $2) RETURNING id`, [username, name]);
      await t.db.query(`INSERT INTO role_bindings (user_id, role, ${binding.split(':')[1]}) VALUES ($1, $2, $3)`, [u.id, binding.split(':')[0], value]);
    };
    await bind(managerX, '申诉测试项目经理', 'property_manager:organization_id', companyX);
    // X serves 湖畔嘉苑 (the resident's compound) for this run: 派单 goes only to a contracted company.
    await t.db.query(
      `INSERT INTO compound_contracts (compound_id, organization_id, kind, starts_on, ends_on) VALUES ($1, $2, 'contract', current_date - 30, current_date + 30)`,
      [ids.unit('hupanjiayuan'), companyX],
    );
    // Street staff of 贺兰山中路街道: the fixtures and live tickets are all in 北京中路街道.
    await bind(otherStreetStaff, '贺兰山中路街道工作人员', 'street_staff:org_unit_id', ids.unit('helanshanzhonglu'));
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('file and decide through the API', () => {
    let ticket: number;
    let appealId: number;
    let before: Record<string, unknown>;

    beforeAll(async () => {
      ticket = await ratedTicket('dissatisfied');
      before = await companyRow(day(-1), day(1));
    });

    it('the handler sees the 申诉 offer with its deadline, 7 days after the rating; others do not', async () => {
      const [ratingId] = await ratingEvents(ticket);
      const [{ created_at: ratedAt }]: Array<{ created_at: Date }> = await t.db.query('SELECT created_at FROM ticket_events WHERE id = $1', [ratingId]);
      const view = await as.get(managerX, `/api/tickets/${ticket}`);
      expect(view.body.appealable).toEqual({
        ratingEventId: ratingId,
        ratedAt: ratedAt.toISOString(),
        deadline: new Date(ratedAt.getTime() + 7 * 86_400_000).toISOString(),
      });
      expect(view.body.appeals).toEqual([]);
      for (const user of ['resident', 'community', 'street']) expect((await as.get(user, `/api/tickets/${ticket}`)).body.appealable).toBeNull();
    });

    it('refuses a missing, blank-padded or overlong reason with 400 naming reason', async () => {
      for (const body of [{}, { reason: '   短   ' }, { reason: '理'.repeat(501) }, { reason: 42 }]) {
        const res = await as.post(managerX, `/api/tickets/${ticket}/appeals`, body);
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('VALIDATION_FAILED');
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain('reason');
      }
      const wrongEvent = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '居民诉求超出报修范围', ratingEventId: 1 });
      expect(wrongEvent.status).toBe(400);
      expect(wrongEvent.body).toMatchObject({ code: 'INVALID_REFERENCE', details: [{ field: 'ratingEventId' }] });
    });

    it('only the rated handler’s desk may file: others get 403, or 404 when they cannot see the ticket', async () => {
      const reason = { reason: '居民诉求超出报修范围' };
      const community = await as.post('community', `/api/tickets/${ticket}/appeals`, reason);
      expect(community.status).toBe(403);
      expect(community.body.code).toBe('ROLE_NOT_ALLOWED');
      expect((await as.post('resident', `/api/tickets/${ticket}/appeals`, reason)).status).toBe(403);
      // 塞上阳光 neither holds nor was rated on this ticket.
      const property = await as.post('property', `/api/tickets/${ticket}/appeals`, reason);
      expect(property.status).toBe(404);
      expect(property.body.code).toBe('NOT_FOUND');
      expect((await as.post(managerX, '/api/tickets/2147483000/appeals', reason)).status).toBe(404);
      const [{ n }]: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM rating_appeals WHERE ticket_id = $1', [ticket]);
      expect(n).toBe(0);
    });

    it('files the appeal: 201, pending, an `appeal` event on the timeline, the ticket itself untouched', async () => {
      const prior = (await as.get(managerX, `/api/tickets/${ticket}`)).body;
      const res = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '  居民要求更换整条路的路灯，超出本次报修范围  ' });
      expect(res.status).toBe(201);
      appealId = res.body.id;
      expect(res.body).toMatchObject({
        status: 'pending', rating: 'dissatisfied', ratingComment: '还是不亮', reason: '居民要求更换整条路的路灯，超出本次报修范围',
        handler: { id: companyX }, filedBy: { displayName: '申诉测试项目经理' }, decidedBy: null, ticket: { id: ticket },
      });
      const after = (await as.get(managerX, `/api/tickets/${ticket}`)).body;
      expect(after).toMatchObject({ status: prior.status, version: prior.version, appealable: null });
      expect(after.appeals).toEqual([expect.objectContaining({ id: appealId, status: 'pending' })]);
      const last = after.timeline[after.timeline.length - 1];
      expect(last).toMatchObject({
        action: 'appeal', from: prior.status, to: prior.status, note: '居民要求更换整条路的路灯，超出本次报修范围',
        actor: { displayName: '申诉测试项目经理', role: 'property_manager' }, data: { appealId, ratingEventId: res.body.ratingEventId, handlerOrgId: companyX },
      });
    });

    it('the street’s staff get an inbox notice of the appeal, once', async () => {
      // Read from the table: the street's inbox page may fill with other suites' notices.
      const notices: Array<{ username: string; title: string }> = await t.db.query(
        `SELECT u.username, n.title FROM notifications n JOIN users u ON u.id = n.user_id
          WHERE n.ticket_id = $1 AND n.kind = 'appeal_filed' ORDER BY u.username`,
        [ticket],
      );
      expect(notices).toEqual([{ username: 'street', title: '新的评价申诉待裁定' }]);
    });

    it('a second appeal on the same rating is 409 APPEAL_EXISTS', async () => {
      const res = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '再次申诉，理由同上' });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('APPEAL_EXISTS');
      expect(res.body.message).toContain('ratingEventId');
    });

    it('lists by scope: the handler and the ticket’s street see it, another street does not, residents may not list', async () => {
      const has = async (user: string) => {
        const res = await as.get(user, '/api/appeals?status=pending&limit=200');
        expect(res.status).toBe(200);
        return res.body.items.find((a: { id: number }) => a.id === appealId);
      };
      expect(await has(managerX)).toMatchObject({ canDecide: false });
      expect(await has('street')).toMatchObject({ canDecide: true, ticket: { no: expect.stringMatching(/^HG/) } });
      expect(await has('supervisor')).toMatchObject({ canDecide: true });
      expect(await has(otherStreetStaff)).toBeUndefined();
      expect(await has('property')).toBeUndefined();
      expect((await as.get('street', '/api/appeals?status=upheld&limit=200')).body.items.map((a: { id: number }) => a.id)).not.toContain(appealId);
      for (const user of ['resident', 'community', 'worker']) expect((await as.get(user, '/api/appeals')).status).toBe(403);
      const bad = await as.get('street', '/api/appeals?status=open');
      expect(bad.status).toBe(400);
      expect(bad.body.details[0].field).toBe('status');
    });

    it('deciding: another street is 404; the handler, community and resident 403; bad input 400 naming the field', async () => {
      const decision = { decision: 'upheld', note: '经核实申诉成立' };
      expect((await as.post(otherStreetStaff, `/api/appeals/${appealId}/decision`, decision)).status).toBe(404);
      expect((await as.post('property', `/api/appeals/${appealId}/decision`, decision)).status).toBe(404);
      for (const user of [managerX, 'community', 'resident']) {
        const res = await as.post(user, `/api/appeals/${appealId}/decision`, decision);
        expect(res.status).toBe(403);
      }
      for (const [body, field] of [[{ decision: 'maybe', note: '说明' }, 'decision'], [{ decision: 'upheld' }, 'note'], [{ decision: 'denied', note: '  ' }, 'note']] as const) {
        const res = await as.post('street', `/api/appeals/${appealId}/decision`, body);
        expect(res.status).toBe(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
      }
      expect((await as.post('street', '/api/appeals/2147483000/decision', decision)).status).toBe(404);
      const [{ status }]: Array<{ status: string }> = await t.db.query('SELECT status FROM rating_appeals WHERE id = $1', [appealId]);
      expect(status).toBe('pending');
    });

    it('two deciders at once: one 200, the other 409 APPEAL_DECIDED, one decision event', async () => {
      const [a, b] = await Promise.all([
        as.post('street', `/api/appeals/${appealId}/decision`, { decision: 'upheld', note: '街道：经核实，居民诉求超出报修范围' }),
        as.post('supervisor', `/api/appeals/${appealId}/decision`, { decision: 'upheld', note: '区督办：申诉成立' }),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const winner = a.status === 200 ? a : b;
      expect((a.status === 200 ? b : a).body.code).toBe('APPEAL_DECIDED');
      const [row]: Array<{ status: string; decision_note: string }> = await t.db.query('SELECT status, decision_note FROM rating_appeals WHERE id = $1', [appealId]);
      expect(row).toEqual({ status: 'upheld', decision_note: winner.body.decisionNote });
      expect(winner.body).toMatchObject({ status: 'upheld', decidedBy: { displayName: expect.any(String) }, decidedAt: expect.any(String) });
      const events: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'appeal_decision'`, [ticket]);
      expect(events[0].n).toBe(1);
      // The appealing company hears the outcome once.
      const notices: Array<{ title: string }> = await t.db.query(
        `SELECT n.title FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.ticket_id = $2 AND n.kind = 'appeal_decided'`,
        [managerX, ticket],
      );
      expect(notices).toEqual([{ title: '申诉成立' }]);
    });

    it('the timeline keeps both records with their Chinese-labelled actions; the resident sees them too', async () => {
      const view = (await as.get('resident', `/api/tickets/${ticket}`)).body;
      const actions = view.timeline.map((e: { action: string }) => e.action);
      expect(actions.slice(-2)).toEqual(['appeal', 'appeal_decision']);
      const decision = view.timeline[view.timeline.length - 1];
      const [row]: Array<{ decision_note: string }> = await t.db.query('SELECT decision_note FROM rating_appeals WHERE id = $1', [appealId]);
      expect(decision).toMatchObject({ note: row.decision_note, from: view.status, to: view.status, data: { appealId, decision: 'upheld' } });
      expect(view.appeals[0]).toMatchObject({ id: appealId, status: 'upheld', decisionNote: row.decision_note });
      const again = await as.post('street', `/api/appeals/${appealId}/decision`, { decision: 'denied', note: '改判' });
      expect(again.status).toBe(409);
    });

    it('the SLA report: the upheld appeal takes the 不满意 out of the answers and the reopens', async () => {
      expect(before).toMatchObject({ answered: 1, dissatisfied: 1, satisfactionRate: 0, reopened: 1, surveysSent: 1 });
      const after = await companyRow(day(-1), day(1));
      expect(after).toMatchObject({ answered: 0, dissatisfied: 0, satisfactionRate: null, reopened: 0, surveysSent: 1, responseRate: 0 });
    });
  });

  it('a rating other than 不满意 cannot be appealed (409 NOT_APPEALABLE)', async () => {
    const ticket = await ratedTicket('basically_satisfied');
    const res = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '这是基本满意，也想申诉' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('NOT_APPEALABLE');
    expect(res.body.message).toContain('ratingEventId');
    expect((await as.get(managerX, `/api/tickets/${ticket}`)).body.appealable).toBeNull();
  });

  it('two filings at once on one rating: one 201, one 409 APPEAL_EXISTS', async () => {
    const ticket = await ratedTicket('dissatisfied');
    const [a, b] = await Promise.all([
      as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '第一份申诉理由' }),
      as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '第二份申诉理由' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    expect((a.status === 409 ? a : b).body.code).toBe('APPEAL_EXISTS');
    const events: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'appeal'`, [ticket]);
    expect(events[0].n).toBe(1);
  });

  it('the window: 6 days after the rating it is open, 8 days after it is closed (409 APPEAL_WINDOW_CLOSED)', async () => {
    const [ticket] = Object.values(await insertTicketFixtures(t.db, `W${tag}`, [{
      key: 'W', category: 'street_light_out', compound: 'hupanjiayuan', status: 'accepted', handler: { kind: 'company', org: companyCode },
      created: '01-05 09:00', reopenCount: 2, legs: [], events: [],
    }]));
    const [{ id: admin }]: Array<{ id: number }> = await t.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    const rate = async (daysAgo: number) => {
      const [{ id }]: Array<{ id: string }> = await t.db.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
         VALUES ($1, 'rate', 'resolved', 'accepted', $2, 'resident', $3, now() - make_interval(days => $4)) RETURNING id`,
        [ticket, admin, { rating: 'dissatisfied', handlerOrgId: companyX }, daysAgo],
      );
      return Number(id);
    };
    const old = await rate(8);
    const recent = await rate(6);
    const view = (await as.get(managerX, `/api/tickets/${ticket}`)).body;
    expect(view.appealable).toMatchObject({ ratingEventId: recent });
    const closed = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '超过期限的申诉', ratingEventId: old });
    expect(closed.status).toBe(409);
    expect(closed.body.code).toBe('APPEAL_WINDOW_CLOSED');
    expect(closed.body.message).toContain('ratingEventId');
    const open = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '期限内的申诉' });
    expect(open.status).toBe(201);
    expect(open.body.ratingEventId).toBe(recent);
    // The only 不满意 left is past its window: nothing more to offer.
    expect((await as.get(managerX, `/api/tickets/${ticket}`)).body.appealable).toBeNull();
  });

  it('after 吹哨 the department cannot appeal the company’s rating (403 NOT_RATED_HANDLER); the company still can', async () => {
    const [ticket] = Object.values(await insertTicketFixtures(t.db, `E${tag}`, [{
      key: 'E', category: 'street_light_out', compound: 'hupanjiayuan', status: 'dispatched', handler: { kind: 'department', org: 'water' },
      created: '01-06 09:00', reopenCount: 1, legs: [], events: [],
    }]));
    const [{ id: admin }]: Array<{ id: number }> = await t.db.query(`SELECT id FROM users WHERE username = 'admin'`);
    const [{ id: rating }]: Array<{ id: string }> = await t.db.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data, created_at)
       VALUES ($1, 'rate', 'resolved', 'accepted', $2, 'resident', $3, now() - interval '1 day') RETURNING id`,
      [ticket, admin, { rating: 'dissatisfied', handlerOrgId: companyX }],
    );
    const dept = await as.post('dept-water', `/api/tickets/${ticket}/appeals`, { reason: '不是我们办的，也想申诉', ratingEventId: Number(rating) });
    expect(dept.status).toBe(403);
    expect(dept.body.code).toBe('NOT_RATED_HANDLER');
    expect((await as.get('dept-water', `/api/tickets/${ticket}`)).body.appealable).toBeNull();
    // X no longer holds (or sees) the ticket, but the rating is about its work.
    expect((await as.get(managerX, `/api/tickets/${ticket}`)).status).toBe(404);
    const own = await as.post(managerX, `/api/tickets/${ticket}/appeals`, { reason: '居民诉求超出报修范围' });
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({ ratingEventId: Number(rating), handler: { id: companyX } });
  });

  /**
   * 满意率 worked by hand. Six tickets handled by X in 2026-02-09 … 02-13, each resolved once and
   * rated once: A1–A3 满意, A4 基本满意, A5 不满意 (app), A6 不满意 (phone visit).
   * Appeals on A5 and A6, decided through the API: A5 upheld, A6 denied.
   * Before: 4 of 6 = 66.67 %. After: A5's rating is void → (3 + 1) ÷ 5 = 80.00 %;
   * 参评率 5 answered of 6 surveys sent = 83.33 %; 重办率 1 不满意 left of 6 resolutions = 16.67 %.
   */
  it('满意率 by hand: 3 满意, 1 基本满意, 2 不满意 of which 1 upheld → 4/5 = 80.00 %', async () => {
    const rated = (key: string, d: string, action: 'rate' | 'visit', rating: string): TicketFixture => ({
      key, category: 'street_light_out', compound: 'hupanjiayuan', handler: { kind: 'company', org: companyCode },
      status: rating === 'dissatisfied' ? 'accepted' : 'closed', reopenCount: rating === 'dissatisfied' ? 1 : 0, created: `02-${d} 08:00`,
      legs: [
        { leg: 'resolve', party: 'company', org: companyCode, start: `02-${d} 08:30`, due: `02-${d} 17:30`, status: 'met', closed: `02-${d} 10:00` },
        { leg: 'survey', party: 'resident', start: `02-${d} 10:00`, due: `02-${d} 23:00`, status: 'met', closed: `02-${d} 12:00` },
      ],
      events: [
        { action: 'resolve', at: `02-${d} 10:00`, from: 'accepted', to: 'resolved', data: { handlerOrgId: companyCode } },
        { action, at: `02-${d} 12:00`, from: 'resolved', to: rating === 'dissatisfied' ? 'accepted' : 'closed', data: { rating, handlerOrgId: companyCode, ...(action === 'visit' ? { reached: true } : {}) } },
      ],
    });
    const fixtures = [
      rated('A1', '09', 'rate', 'satisfied'), rated('A2', '10', 'rate', 'satisfied'), rated('A3', '11', 'visit', 'satisfied'),
      rated('A4', '11', 'rate', 'basically_satisfied'), rated('A5', '12', 'rate', 'dissatisfied'), rated('A6', '13', 'visit', 'dissatisfied'),
    ];
    const tickets = await insertTicketFixtures(t.db, `F${tag}`, fixtures);
    const period = ['2026-02-09', '2026-02-13'] as const;
    expect(await companyRow(...period)).toMatchObject({ answered: 6, satisfied: 3, basicallySatisfied: 1, dissatisfied: 2, satisfactionRate: 0.6667 });

    // The window for these February ratings is long closed for filing; the appeals are written as
    // filed back then, and decided now through the API (deciding has no window).
    const [{ id: filer }]: Array<{ id: number }> = await t.db.query('SELECT id FROM users WHERE username = $1', [managerX]);
    const appeal = async (key: string) => {
      const [ratingEvent] = await ratingEvents(tickets[key]);
      const [{ id }]: Array<{ id: number }> = await t.db.query(
        `INSERT INTO rating_appeals (ticket_id, rating_event_id, handler_org_id, reason, filed_by) VALUES ($1, $2, $3, '居民诉求超出服务范围', $4) RETURNING id`,
        [tickets[key], ratingEvent, companyX, filer],
      );
      return id;
    };
    const a5 = await appeal('A5');
    const a6 = await appeal('A6');
    // Pending appeals change nothing.
    expect(await companyRow(...period)).toMatchObject({ answered: 6, satisfactionRate: 0.6667 });
    expect((await as.post('street', `/api/appeals/${a5}/decision`, { decision: 'upheld', note: '申诉成立' })).status).toBe(200);
    expect((await as.post('street', `/api/appeals/${a6}/decision`, { decision: 'denied', note: '申诉不成立' })).status).toBe(200);

    const x = await companyRow(...period);
    expect(x).toMatchObject({ satisfied: 3, basicallySatisfied: 1, dissatisfied: 1, answered: 5, satisfactionRate: 0.8 });
    expect(x).toMatchObject({ surveysSent: 6, responseRate: 0.8333, resolutions: 6, reopened: 1, reopenRate: 0.1667 });
    // The same in the district totals' definition text: the void rating is named there.
    const body = (await as.get('supervisor', `/api/reports/sla?from=${period[0]}&to=${period[1]}`)).body;
    expect(body.definitions.answered.zh).toContain('申诉成立');
  });
});
