import { randomBytes } from 'node:crypto';
import { Actors, codeIds } from './support/actors';
import { insertTicketFixtures, type TicketFixture } from './support/report-fixtures';
import { startApp, type TestApp } from './support/test-app';

/**
 * The SLA report against figures worked out by hand. The fixtures live in 阅海湾社区 (贺兰山中路街道),
 * in March and on 1 April 2026, which no other test file touches, so suites writing tickets in
 * parallel cannot move these numbers. Y = 银川阅海物业 (serves all three compounds of 阅海湾),
 * B = 宝湖物业 (no contract there), W = 水务局 (department). Times are Shanghai wall times.
 *
 * T1  路灯 天润府 Y: everything on time, 满意.
 * T2  管道 阅海万家A Y: accept late (90 min, due after 60); resolve late (due 03-05 18:40, resolved 03-09 09:00), 基本满意.
 * T3  路灯 天润府 Y: resolve leg overdue since 03-12 09:50 and still open.
 * T4  管道 中海珑湾 Y: resolved 03-16, 不满意 (重办) 03-17, resolved again 03-17, 满意.
 * T5  路灯 天润府 Y: resolved; nobody rated; a phone visit reached nobody; closed 未评价 03-28.
 * T6  停水 阅海万家A W: reported on the 12345 hotline; dispatch late (45 min, due after 30); rated 满意 on a phone visit.
 * T7  路灯 天润府 B: reported 03-31 23:59 (in March); dispatched 04-01 00:00; accept leg open, overdue since 04-01 14:00.
 * T8  路灯 天润府 Y: reported 03-01 23:50 (before the period); resolved 03-02 00:00 (in it); survey still pending.
 * T9  路灯 天润府: reported 04-01 00:00 (after the period).
 * T10 管道 中海珑湾: Y's resolve leg overdue 03-24 09:40, 吹哨 to W 03-25 09:00; W resolves on time, 满意.
 * T11 路灯 阅海万家A Y: resolve leg overdue 03-27 10:00, then paused (due_at cleared), still open.
 * T12 路灯 天润府: cancelled by the resident before dispatch.
 */
const FIXTURES: TicketFixture[] = [
  {
    key: 'T1', category: 'street_light_out', compound: 'tianrunfu', status: 'closed', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-03 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-03 09:00', due: '03-03 13:00', status: 'met', closed: '03-03 09:30' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-03 09:30', due: '03-03 11:30', status: 'met', closed: '03-03 10:00' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-03 10:00', due: '03-05 10:00', status: 'met', closed: '03-04 10:00' },
      { leg: 'survey', party: 'resident', start: '03-04 10:00', due: '03-07 10:00', status: 'met', closed: '03-04 20:00' },
    ],
    events: [
      { action: 'resolve', at: '03-04 10:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } },
      { action: 'rate', at: '03-04 20:00', from: 'resolved', to: 'closed', data: { rating: 'satisfied', handlerOrgId: 'yuehai-wuye' } },
    ],
  },
  {
    key: 'T2', category: 'pipe_leak', compound: 'yuehaiwanjia-a', status: 'closed', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-05 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-05 09:00', due: '03-05 09:30', status: 'met', closed: '03-05 09:10' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-05 09:10', due: '03-05 10:10', status: 'met', closed: '03-05 10:40', breached: '03-05 10:10' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-05 10:40', due: '03-05 18:40', status: 'met', closed: '03-09 09:00', breached: '03-05 18:40' },
      { leg: 'survey', party: 'resident', start: '03-09 09:00', due: '03-12 09:00', status: 'met', closed: '03-09 12:00' },
    ],
    events: [
      { action: 'resolve', at: '03-09 09:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } },
      { action: 'rate', at: '03-09 12:00', from: 'resolved', to: 'closed', data: { rating: 'basically_satisfied', handlerOrgId: 'yuehai-wuye' } },
    ],
  },
  {
    key: 'T3', category: 'street_light_out', compound: 'tianrunfu', status: 'accepted', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-10 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-10 09:00', due: '03-10 13:00', status: 'met', closed: '03-10 09:20' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-10 09:20', due: '03-10 11:20', status: 'met', closed: '03-10 09:50' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-10 09:50', due: '03-12 09:50', status: 'open', breached: '03-12 09:50' },
    ],
    events: [],
  },
  {
    key: 'T4', category: 'pipe_leak', compound: 'zhonghailongwan', status: 'closed', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-16 09:00', reopenCount: 1,
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-16 09:00', due: '03-16 09:30', status: 'met', closed: '03-16 09:05' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-16 09:05', due: '03-16 10:05', status: 'met', closed: '03-16 09:15' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-16 09:15', due: '03-16 17:15', status: 'met', closed: '03-16 15:15' },
      { leg: 'survey', party: 'resident', start: '03-16 15:15', due: '03-19 15:15', status: 'met', closed: '03-17 09:00' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-17 09:00', due: '03-17 17:00', status: 'met', closed: '03-17 11:00' },
      { leg: 'survey', party: 'resident', start: '03-17 11:00', due: '03-20 11:00', status: 'met', closed: '03-17 18:00' },
    ],
    events: [
      { action: 'resolve', at: '03-16 15:15', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } },
      { action: 'rate', at: '03-17 09:00', from: 'resolved', to: 'accepted', data: { rating: 'dissatisfied', handlerOrgId: 'yuehai-wuye' } },
      { action: 'resolve', at: '03-17 11:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } },
      { action: 'rate', at: '03-17 18:00', from: 'resolved', to: 'closed', data: { rating: 'satisfied', handlerOrgId: 'yuehai-wuye' } },
    ],
  },
  {
    key: 'T5', category: 'street_light_out', compound: 'tianrunfu', status: 'closed', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-18 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-18 09:00', due: '03-18 13:00', status: 'met', closed: '03-18 10:00' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-18 10:00', due: '03-18 12:00', status: 'met', closed: '03-18 10:30' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-18 10:30', due: '03-19 10:30', status: 'met', closed: '03-18 16:30' },
      { leg: 'survey', party: 'resident', start: '03-18 16:30', due: '03-21 16:30', status: 'cancelled', closed: '03-21 16:30', breached: '03-21 16:30' },
      { leg: 'visit', party: 'community', start: '03-21 16:30', due: '03-28 16:30', status: 'cancelled', closed: '03-28 16:30', breached: '03-28 16:30' },
    ],
    events: [
      { action: 'resolve', at: '03-18 16:30', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } },
      { action: 'visit', at: '03-22 10:00', from: 'resolved', to: 'resolved', data: { reached: false, rating: null, handlerOrgId: 'yuehai-wuye' } },
      { action: 'expire', at: '03-28 16:30', from: 'resolved', to: 'closed', data: { unrated: true } },
    ],
  },
  {
    key: 'T6', category: 'water_outage', compound: 'yuehaiwanjia-a', status: 'closed', handler: { kind: 'department', org: 'water' }, created: '03-20 09:00', channel: 'hotline_12345',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-20 09:00', due: '03-20 09:30', status: 'met', closed: '03-20 09:45', breached: '03-20 09:30' },
      { leg: 'accept', party: 'department', org: 'water', start: '03-20 09:45', due: '03-20 10:45', status: 'met', closed: '03-20 10:00' },
      { leg: 'resolve', party: 'department', org: 'water', start: '03-20 10:00', due: '03-20 18:00', status: 'met', closed: '03-20 17:00' },
      { leg: 'survey', party: 'resident', start: '03-20 17:00', due: '03-23 17:00', status: 'cancelled', closed: '03-23 17:00', breached: '03-23 17:00' },
      { leg: 'visit', party: 'community', start: '03-23 17:00', due: '03-30 17:00', status: 'met', closed: '03-24 10:00' },
    ],
    events: [
      { action: 'resolve', at: '03-20 17:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'water' } },
      { action: 'visit', at: '03-24 10:00', from: 'resolved', to: 'closed', data: { reached: true, rating: 'satisfied', handlerOrgId: 'water' } },
    ],
  },
  {
    key: 'T7', category: 'street_light_out', compound: 'tianrunfu', status: 'dispatched', handler: { kind: 'company', org: 'baohu-wuye' }, created: '03-31 23:59',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-31 23:59', due: '04-01 12:00', status: 'met', closed: '04-01 00:00' },
      { leg: 'accept', party: 'company', org: 'baohu-wuye', start: '04-01 00:00', due: '04-01 14:00', status: 'open' },
    ],
    events: [],
  },
  {
    key: 'T8', category: 'street_light_out', compound: 'tianrunfu', status: 'resolved', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-01 23:50',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-01 23:50', due: '03-02 08:00', status: 'met', closed: '03-01 23:55' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-01 23:55', due: '03-02 10:00', status: 'met', closed: '03-01 23:58' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-01 23:58', due: '03-02 18:00', status: 'met', closed: '03-02 00:00' },
      { leg: 'survey', party: 'resident', start: '03-02 00:00', due: '03-05 00:00', status: 'open' },
    ],
    events: [{ action: 'resolve', at: '03-02 00:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'yuehai-wuye' } }],
  },
  { key: 'T9', category: 'street_light_out', compound: 'tianrunfu', status: 'submitted', created: '04-01 00:00', legs: [], events: [] },
  {
    key: 'T10', category: 'pipe_leak', compound: 'zhonghailongwan', status: 'closed', handler: { kind: 'department', org: 'water' }, created: '03-23 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-23 09:00', due: '03-23 09:30', status: 'met', closed: '03-23 09:10' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-23 09:10', due: '03-23 10:10', status: 'met', closed: '03-23 09:40' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-23 09:40', due: '03-24 09:40', status: 'cancelled', closed: '03-25 09:00', breached: '03-24 09:40' },
      { leg: 'accept', party: 'department', org: 'water', start: '03-25 09:00', due: '03-25 11:00', status: 'met', closed: '03-25 10:00' },
      { leg: 'resolve', party: 'department', org: 'water', start: '03-25 10:00', due: '03-25 18:00', status: 'met', closed: '03-25 16:00' },
      { leg: 'survey', party: 'resident', start: '03-25 16:00', due: '03-28 16:00', status: 'met', closed: '03-26 09:00' },
    ],
    events: [
      { action: 'escalate', at: '03-25 09:00', from: 'accepted', to: 'dispatched', data: { handlerKind: 'department', handlerOrgId: 'water', whistle: true } },
      { action: 'resolve', at: '03-25 16:00', from: 'accepted', to: 'resolved', data: { handlerOrgId: 'water' } },
      { action: 'rate', at: '03-26 09:00', from: 'resolved', to: 'closed', data: { rating: 'satisfied', handlerOrgId: 'water' } },
    ],
  },
  {
    key: 'T11', category: 'street_light_out', compound: 'yuehaiwanjia-a', status: 'accepted', handler: { kind: 'company', org: 'yuehai-wuye' }, created: '03-26 09:00',
    legs: [
      { leg: 'dispatch', party: 'community', start: '03-26 09:00', due: '03-26 13:00', status: 'met', closed: '03-26 09:30' },
      { leg: 'accept', party: 'company', org: 'yuehai-wuye', start: '03-26 09:30', due: '03-26 11:30', status: 'met', closed: '03-26 10:00' },
      { leg: 'resolve', party: 'company', org: 'yuehai-wuye', start: '03-26 10:00', due: null, status: 'open', breached: '03-27 10:00', paused: '03-27 11:00' },
    ],
    events: [],
  },
  {
    key: 'T12', category: 'street_light_out', compound: 'tianrunfu', status: 'cancelled', created: '03-12 10:00',
    legs: [{ leg: 'dispatch', party: 'community', start: '03-12 10:00', due: '03-12 14:00', status: 'cancelled', closed: '03-12 10:30' }],
    events: [{ action: 'cancel', at: '03-12 10:30', from: 'submitted', to: 'cancelled' }],
  },
];

/** 阅海湾 compounds' households in the demo seed: 阅海万家A 1980 + 中海珑湾 1350 + 天润府 880. */
const YUEHAIWAN_HOUSEHOLDS = 4210;
const MARCH = { from: '2026-03-02', to: '2026-03-31' };

describe('reports: SLA figures against values worked out by hand', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let tickets: Record<string, number>;
  let yuehaiwan: number;
  const streetSupervisor = `report-sup-${randomBytes(3).toString('hex')}`;
  const yuehaiwanStaff = `report-desk-${randomBytes(3).toString('hex')}`;

  type Query = Record<string, string | number>;
  const sla = (user: string, q: Query) =>
    as.get(user, `/api/reports/sla?${new URLSearchParams(Object.entries(q).map(([k, v]): [string, string] => [k, String(v)]))}`);
  const ok = async (user: string, q: Query) => {
    const res = await sla(user, q);
    if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    yuehaiwan = ids.unit('yuehaiwan');
    tickets = await insertTicketFixtures(t.db, randomBytes(2).toString('hex'), FIXTURES);
    // A supervisor bound to a street (the demo seed has only a district one).
    const [user]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name) VALUES ($1, '贺兰山中路街道督办') RETURNING id`, [streetSupervisor]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'supervisor', $2)`, [user.id, ids.unit('helanshanzhonglu')]);
    // A dispatcher for 阅海湾 (the demo seed has none), for the live loop below.
    const [desk]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO users (username, display_name) VALUES ($1, '阅海湾社区派单员') RETURNING id`, [yuehaiwanStaff]);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'community_staff', $2)`, [desk.id, yuehaiwan]);
  });
  afterAll(() => t.close());

  describe('totals over 阅海湾社区, 2026-03-02 … 2026-03-31', () => {
    let body: { totals: Record<string, number | null>; scope: unknown; period: unknown; definitions: Record<string, { zh: string; en: string }> };
    beforeAll(async () => {
      body = await ok('supervisor', { ...MARCH, scopeId: yuehaiwan });
    });

    it('names the period and the scope', () => {
      expect(body.period).toEqual(MARCH);
      expect(body.scope).toEqual({ id: yuehaiwan, kind: 'community', name: '阅海湾社区' });
    });

    it('受理量: tickets reported in the period, the cancelled one and the one at 03-31 23:59 included', () => {
      // T1 T2 T3 T4 T5 T6 T7 T10 T11 T12; not T8 (03-01 23:50) nor T9 (04-01 00:00).
      expect(body.totals.received).toBe(10);
    });

    it('办结量 counts tickets first resolved; 办结次数 every resolution', () => {
      // resolve events: T8 (03-02 00:00, first minute of the period), T1, T2, T4 ×2, T5, T6, T10 → 8.
      expect(body.totals.resolutions).toBe(8);
      // T4's second resolution after 重办 is not a second ticket → 7.
      expect(body.totals.resolved).toBe(7);
    });

    it('派单及时率: dispatch legs met in the period, on time ÷ closed', () => {
      // met: T1 30, T2 10, T3 20, T4 5, T5 60, T6 45 (late, due after 30), T10 10, T11 30 minutes; T7's is met 04-01 00:00.
      expect(body.totals).toMatchObject({ dispatchClosed: 8, dispatchOnTime: 7, timelyDispatchRate: 0.875 });
      // 210 / 8 = 26.25 → 26.3; nearest-rank p90 of 8 values is the 8th, 60, in the bin (45, 60] → 60.
      expect(body.totals).toMatchObject({ dispatchAvgMinutes: 26.3, dispatchP90Minutes: 60 });
    });

    it('接单及时率: accept legs met in the period, whoever held them', () => {
      // T1 30, T2 90 (late), T3 30, T4 10, T5 30, T6 15 (W), T10 30 (Y) and 60 (W), T11 30 → 8 of 9 on time.
      expect(body.totals).toMatchObject({ acceptClosed: 9, acceptOnTime: 8, timelyAcceptRate: 0.8889 });
      // 325 / 9 = 36.11 → 36.1; p90 of 9 values is the 9th, 90, in the bin (60, 90] → 90.
      expect(body.totals).toMatchObject({ acceptAvgMinutes: 36.1, acceptP90Minutes: 90 });
    });

    it('按时办结率: a late ticket cannot vanish by staying open, by a pause, or by being whistled away', () => {
      // met: T8 2, T1 1440, T2 5660 (late), T4 360 and 120, T5 360, T6 420, T10(W) 360 minutes → 7 on time of 8;
      // T10's resolve leg taken from Y after it went overdue → 1; still open past due: T3, and T11 (paused, due_at cleared) → 2.
      expect(body.totals).toMatchObject({ resolveClosed: 8, resolvedOnTime: 7, resolvedLate: 1, resolveWithdrawnLate: 1, openPastDue: 2 });
      // 7 ÷ (8 + 1 + 2) = 0.63636 → 0.6364
      expect(body.totals.onTimeResolutionRate).toBe(0.6364);
      // 8722 / 8 = 1090.25 → 1090.3; p90 of 8 is the 8th, 5660, in the bin (4320, 5760] → reported as 5760.
      expect(body.totals).toMatchObject({ resolveAvgMinutes: 1090.3, resolveP90Minutes: 5760 });
    });

    it('超期量: legs that went overdue in the period while open, whatever happened after', () => {
      // T2 accept, T2 resolve, T3 resolve, T6 dispatch, T10 resolve (Y), T11 resolve; T7's accept went overdue in April;
      // survey and visit windows that lapsed (T5, T6) are 未评价, not 超期.
      expect(body.totals).toMatchObject({ overdue: 6, overdueOpen: 2 });
    });

    it('满意率 and 参评率: ratings from the app and from phone visits; 未评价 is never an answer', () => {
      // answers: T1 满意, T2 基本满意, T4 不满意 and 满意, T6 满意 (visit), T10 满意; T5's visit reached nobody.
      expect(body.totals).toMatchObject({ satisfied: 4, basicallySatisfied: 1, dissatisfied: 1, answered: 6, unrated: 1 });
      // 5 of 6 → 0.8333
      expect(body.totals.satisfactionRate).toBe(0.8333);
      // surveys sent = one per resolution: 8; 6 of 8 answered → 0.75 (T8's is still pending, T5's lapsed).
      expect(body.totals).toMatchObject({ surveysSent: 8, responseRate: 0.75 });
    });

    it('重办率: 不满意 answers ÷ resolutions', () => {
      // T4 once → 1 of 8 = 0.125
      expect(body.totals).toMatchObject({ reopened: 1, reopenRate: 0.125 });
    });

    it('投诉率: received per 1,000 households served', () => {
      // 10 × 1000 / 4210 = 2.37529 → 2.3753
      expect(body.totals).toMatchObject({ households: YUEHAIWAN_HOUSEHOLDS, complaints: 10, complaintRate: 2.3753 });
    });

    it('defines every figure it returns, in Chinese and English', () => {
      for (const key of Object.keys(body.totals)) {
        expect(body.definitions[key]).toEqual({ zh: expect.any(String), en: expect.any(String) });
      }
      expect(body.definitions.onTimeResolutionRate.zh).toContain('按时办结率');
    });
  });

  it('the period boundary on the other side: 1 April holds T9 and T7’s dispatch, not T7’s report', async () => {
    const body = await ok('supervisor', { from: '2026-04-01', to: '2026-04-01', scopeId: yuehaiwan });
    // T9 reported at 04-01 00:00; T7 at 03-31 23:59 is March's.
    expect(body.totals.received).toBe(1);
    // T7's dispatch leg met at 04-01 00:00, 1 minute after it started.
    expect(body.totals).toMatchObject({ dispatchClosed: 1, dispatchOnTime: 1, timelyDispatchRate: 1, dispatchAvgMinutes: 1 });
    // T7's accept leg went overdue at 04-01 14:00 and is still open; it is an accept leg, so not openPastDue.
    expect(body.totals).toMatchObject({ overdue: 1, overdueOpen: 1, openPastDue: 0, onTimeResolutionRate: null });
  });

  it('interval=week: Monday buckets, each judged at its own end', async () => {
    const body = await ok('supervisor', { ...MARCH, interval: 'week', scopeId: yuehaiwan });
    expect(body.groupBy).toBeNull();
    const rows: Array<Record<string, unknown>> = body.rows;
    expect(rows.map((r) => r.bucket)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23', '2026-03-30']);
    expect(rows.every((r) => (r.group as { name: string }).name === '阅海湾社区')).toBe(true);
    // received: T1 T2 | T3 T12 | T4 T5 T6 | T10 T11 | T7 (03-31 23:59, in the short last week) → adds up to 10.
    expect(rows.map((r) => r.received)).toEqual([2, 2, 3, 2, 1]);
    // Week 1: resolved T8 and T1 on time; T2's resolve leg went overdue 03-05 and was still open when the week
    // ended → 2 ÷ (2 + 0 + 1) = 0.6667. Week 2: T2 resolved late, T3 overdue and open → 0 ÷ 2.
    // Week 3: T4 ×2, T5, T6 all on time → 1. Week 4: T10(W) on time, T10(Y) withdrawn late, T11 open past due → 1 ÷ 3.
    expect(rows.map((r) => r.onTimeResolutionRate)).toEqual([0.6667, 0, 1, 0.3333, null]);
    // T2's lateness shows in week 1 (open past due) and in week 2 (resolved late): per-bucket figures are judged at
    // each bucket's end, so weekly openPastDue (1+1+0+1) need not add up to the month's (2).
    expect(rows.map((r) => r.openPastDue)).toEqual([1, 1, 0, 1, 0]);
    expect(rows.map((r) => r.overdue)).toEqual([2, 1, 1, 2, 0]);
    expect(rows.map((r) => r.overdueOpen)).toEqual([1, 1, 0, 1, 0]);
    // Week 1: dispatch T1, T2; accept T1, T2 (late) → 0.5. Week 3: T6's dispatch late → 2 of 3.
    expect(rows.map((r) => r.timelyAcceptRate)).toEqual([0.5, 1, 1, 1, null]);
    expect(rows.map((r) => r.timelyDispatchRate)).toEqual([1, 1, 0.6667, 1, null]);
    // ratings: T1 | T2 | T4 ×2 | T6 (visit), T10; 未评价 T5 on 03-28 in week 4.
    expect(rows.map((r) => r.answered)).toEqual([1, 1, 2, 2, 0]);
    expect(rows.map((r) => r.unrated)).toEqual([0, 0, 0, 1, 0]);
    expect(rows.map((r) => r.reopened)).toEqual([0, 0, 1, 0, 0]);
    // The totals are the whole period, not the sum of the rows.
    expect(body.totals).toMatchObject({ received: 10, openPastDue: 2, onTimeResolutionRate: 0.6364 });
  });

  it('interval=month: a month that starts before `from` is labelled the 1st and clipped to the period', async () => {
    const body = await ok('supervisor', { from: '2026-03-02', to: '2026-04-01', interval: 'month', scopeId: yuehaiwan });
    expect(body.rows.map((r: { bucket: string; received: number }) => [r.bucket, r.received])).toEqual([['2026-03-01', 10], ['2026-04-01', 1]]);
  });

  it('groupBy=company: leg figures count against the leg’s party, ticket figures against the handler', async () => {
    const body = await ok('supervisor', { ...MARCH, groupBy: 'company', scopeId: yuehaiwan });
    const names = body.rows.map((r: { group: { name: string } }) => r.group.name);
    // Y serves the compounds; B holds T7. 水务局 is a department, not a company.
    expect(names).toEqual(expect.arrayContaining(['银川阅海物业管理有限公司', '宁夏宝湖物业服务有限公司']));
    expect(body.rows).toHaveLength(2);
    const y = body.rows.find((r: { group: { id: number } }) => r.group.id === ids.org('yuehai-wuye'));
    expect(y.bucket).toBe('2026-03-02');
    // received: tickets Y holds now: T1 T2 T3 T4 T5 T11 (T10 went to W by 吹哨).
    expect(y).toMatchObject({ received: 6, resolutions: 6, resolved: 5 });
    // the community's dispatch clock is nobody's company figure.
    expect(y).toMatchObject({ dispatchClosed: 0, timelyDispatchRate: null, dispatchAvgMinutes: null });
    // accept legs Y held: T1 30, T2 90 (late), T3 30, T4 10, T5 30, T10 30, T11 30 → 6 of 7 = 0.8571; 250/7 = 35.7.
    expect(y).toMatchObject({ acceptClosed: 7, acceptOnTime: 6, timelyAcceptRate: 0.8571, acceptAvgMinutes: 35.7, acceptP90Minutes: 90 });
    // resolve legs Y held: met T8 T1 T2(late) T4 T4 T5 → 5 on time of 6; T10 taken away late; T3, T11 open past due.
    // 5 ÷ (6 + 1 + 2) = 0.5556 — the late T10 leg stays with Y although W finished the job.
    expect(y).toMatchObject({ resolveClosed: 6, resolvedOnTime: 5, resolveWithdrawnLate: 1, openPastDue: 2, onTimeResolutionRate: 0.5556 });
    expect(y).toMatchObject({ overdue: 5, overdueOpen: 2 });
    // answers about Y's work: T1 满意, T2 基本满意, T4 不满意, T4 满意 → 3 of 4; surveys after Y's resolutions: 6.
    expect(y).toMatchObject({ answered: 4, satisfactionRate: 0.75, surveysSent: 6, responseRate: 0.6667, unrated: 1 });
    // 1 reopen of 6 resolutions → 0.1667
    expect(y).toMatchObject({ reopened: 1, reopenRate: 0.1667 });
    // all three compounds are under Y's contract: 6 × 1000 / 4210 = 1.42518 → 1.4252
    expect(y).toMatchObject({ households: YUEHAIWAN_HOUSEHOLDS, complaintRate: 1.4252 });

    const b = body.rows.find((r: { group: { id: number } }) => r.group.id === ids.org('baohu-wuye'));
    // B holds T7 (reported in March) but serves no compound here: no households, so no complaint rate.
    expect(b).toMatchObject({ received: 1, households: 0, complaintRate: null, acceptClosed: 0, overdue: 0 });
    // The totals are the whole scope, not only what companies hold.
    expect(body.totals.received).toBe(10);
  });

  it('groupBy=department: 吹哨 moves the ticket and its later work to the department', async () => {
    const body = await ok('supervisor', { ...MARCH, groupBy: 'department', scopeId: yuehaiwan });
    expect(body.rows.map((r: { group: { name: string } }) => r.group.name)).toEqual(['金凤区水务局']);
    // T6 and T10; W's legs were all on time (T6's late dispatch was the community's).
    expect(body.rows[0]).toMatchObject({
      received: 2, resolutions: 2, resolved: 2, acceptClosed: 2, timelyAcceptRate: 1, resolveClosed: 2, onTimeResolutionRate: 1,
      overdue: 0, answered: 2, satisfactionRate: 1, surveysSent: 2, responseRate: 1,
      // departments serve the whole scope: 2 × 1000 / 4210 = 0.47506 → 0.4751
      households: YUEHAIWAN_HOUSEHOLDS, complaintRate: 0.4751,
    });
  });

  it('groupBy=channel: every figure by how the ticket came in', async () => {
    const body = await ok('supervisor', { ...MARCH, groupBy: 'channel', scopeId: yuehaiwan });
    const row = (code: string) => body.rows.find((r: { group: { id: string } }) => r.group.id === code);
    expect(body.rows).toHaveLength(2);
    // 12345热线: T6 only — its dispatch was late (45 min of 30), its phone-visit rating 满意.
    expect(row('hotline_12345')).toMatchObject({
      group: { name: '12345热线' }, received: 1, dispatchClosed: 1, dispatchOnTime: 0, timelyDispatchRate: 0, dispatchAvgMinutes: 45,
      answered: 1, satisfactionRate: 1,
    });
    // 小程序: the other nine received in the period; 7 of its 7 dispatch legs on time.
    expect(row('mini_program')).toMatchObject({ group: { name: '小程序' }, received: 9, dispatchClosed: 7, dispatchOnTime: 7, timelyDispatchRate: 1 });
  });

  it('groupBy=category: every figure by the ticket’s category', async () => {
    const body = await ok('supervisor', { ...MARCH, groupBy: 'category', scopeId: yuehaiwan });
    const row = (code: string) => body.rows.find((r: { group: { id: number } }) => r.group.id === ids.category(code));
    expect(body.rows).toHaveLength(3);
    // 路灯: T1 T3 T5 T7 T11 T12; resolve legs met T8 T1 T5 on time, T3 and T11 open past due → 3 ÷ 5.
    expect(row('street_light_out')).toMatchObject({
      group: { name: '路灯不亮' }, received: 6, dispatchClosed: 4, timelyDispatchRate: 1, resolveClosed: 3, openPastDue: 2,
      onTimeResolutionRate: 0.6, complaintRate: 1.4252, // 6000 / 4210
    });
    // 管道: T2 T4 T10; met T2 (late), T4 ×2, T10(W); T10(Y) withdrawn late → 3 ÷ (4 + 1).
    expect(row('pipe_leak')).toMatchObject({
      received: 3, resolveClosed: 4, resolvedOnTime: 3, resolveWithdrawnLate: 1, onTimeResolutionRate: 0.6, overdue: 3,
      complaintRate: 0.7126, // 3000 / 4210 = 0.71259
    });
    // 停水: T6, dispatched late → 0 of 1.
    expect(row('water_outage')).toMatchObject({ received: 1, dispatchClosed: 1, timelyDispatchRate: 0, onTimeResolutionRate: 1 });
  });

  it('groupBy=street within a community scope is the community’s street; a compound scope narrows to it', async () => {
    const byStreet = await ok('supervisor', { ...MARCH, groupBy: 'street', scopeId: yuehaiwan });
    expect(byStreet.rows).toEqual([expect.objectContaining({ group: { id: ids.unit('helanshanzhonglu'), name: '贺兰山中路街道' }, received: 10 })]);
    // 天润府 alone: T1 T3 T5 T7 T12; 5 × 1000 / 880 = 5.6818
    const compound = await ok('supervisor', { ...MARCH, scopeId: ids.unit('tianrunfu') });
    expect(compound.scope).toMatchObject({ kind: 'compound', name: '天润府' });
    expect(compound.totals).toMatchObject({ received: 5, households: 880, complaintRate: 5.6818 });
  });

  it('GET /api/reports/overdue lists the open overdue legs in scope, longest overdue first, with who holds them', async () => {
    const res = await as.get('supervisor', `/api/reports/overdue?scopeId=${yuehaiwan}`);
    expect(res.status).toBe(200);
    const mine = res.body.items.filter((i: { ticketId: number }) => Object.values(tickets).includes(i.ticketId));
    // T3 (since 03-12), T11 (since 03-27, paused), T7 (since 04-01 14:00); T8's pending survey is not overdue.
    expect(mine.map((i: { ticketId: number; leg: string }) => [i.ticketId, i.leg])).toEqual([
      [tickets.T3, 'resolve'], [tickets.T11, 'resolve'], [tickets.T7, 'accept'],
    ]);
    expect(mine[0]).toMatchObject({ holder: { party: 'company', name: '银川阅海物业管理有限公司' }, legLabel: '办结', paused: false });
    expect(mine[1]).toMatchObject({ dueAt: null, paused: true, overdueSince: new Date('2026-03-27T10:00:00+08:00').toISOString() });
    expect(mine[2]).toMatchObject({ holder: { party: 'company', name: '宁夏宝湖物业服务有限公司' } });
    expect(res.body.total).toBeGreaterThanOrEqual(3);
    expect((await as.get('resident', '/api/reports/overdue')).status).toBe(403);
    expect((await as.get('street', `/api/reports/overdue?scopeId=${yuehaiwan}`)).status).toBe(404);
  });

  it('counts what the live loop writes: report, dispatch, accept, resolve and rate through the API', async () => {
    // 天润府 today: no other test file reports there, and the fixtures are in March.
    const tianrunfu = ids.unit('tianrunfu');
    const day = (offset: number) => new Date(Date.now() + 8 * 3600_000 + offset * 86_400_000).toISOString().slice(0, 10);
    const around = { from: day(-1), to: day(1), scopeId: tianrunfu };
    const created = await as.post('resident', '/api/tickets', { categoryId: ids.category('street_light_out'), description: '天润府东门路灯不亮', compoundId: tianrunfu });
    expect(created.status).toBe(201);
    const id = created.body.id;
    expect((await as.post(yuehaiwanStaff, `/api/tickets/${id}/dispatch`, { companyId: ids.org('yuehai-wuye') })).status).toBe(200);
    expect((await as.post('property4', `/api/tickets/${id}/accept`)).status).toBe(200);
    expect((await as.post('property4', `/api/tickets/${id}/resolve`, { note: '已更换灯泡' })).status).toBe(200);
    expect((await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied' })).status).toBe(200);

    const { totals } = await ok('supervisor', around);
    expect(totals).toMatchObject({
      received: 1, dispatchClosed: 1, dispatchOnTime: 1, acceptClosed: 1, acceptOnTime: 1, resolveClosed: 1, resolvedOnTime: 1,
      resolved: 1, resolutions: 1, surveysSent: 1, answered: 1, satisfied: 1, overdue: 0, onTimeResolutionRate: 1,
    });
    // The survey is paired with the resolution it asks about, so it counts for the company that resolved.
    const [y] = (await ok('supervisor', { ...around, groupBy: 'company' })).rows;
    expect(y).toMatchObject({ group: { id: ids.org('yuehai-wuye') }, received: 1, acceptClosed: 1, resolutions: 1, surveysSent: 1, answered: 1, responseRate: 1 });
  });

  describe('scope', () => {
    it('a street supervisor sees the street only', async () => {
      const own = await ok(streetSupervisor, MARCH);
      expect(own.scope).toEqual({ id: ids.unit('helanshanzhonglu'), kind: 'street', name: '贺兰山中路街道' });
      // Only our fixtures are in this street in March.
      expect(own.totals.received).toBe(10);
      expect((await sla(streetSupervisor, { ...MARCH, scopeId: yuehaiwan })).status).toBe(200);
      expect((await sla(streetSupervisor, { ...MARCH, scopeId: ids.unit('anjuyuan') })).status).toBe(404);
      expect((await sla(streetSupervisor, { ...MARCH, scopeId: ids.unit('jinfeng') })).status).toBe(404);
    });

    it('street and community staff get their own unit; another unit is 404, like a missing one', async () => {
      expect((await ok('street', MARCH)).scope).toMatchObject({ kind: 'street', name: '北京中路街道' });
      expect((await ok('community', MARCH)).scope).toMatchObject({ kind: 'community', name: '安居苑社区' });
      for (const user of ['street', 'community']) {
        const res = await sla(user, { ...MARCH, scopeId: yuehaiwan });
        expect(res.status).toBe(404);
        expect(res.body.code).toBe('NOT_FOUND');
      }
      expect((await sla('street', { ...MARCH, scopeId: 2147483000 })).status).toBe(404);
    });

    it('the district supervisor and admins may narrow to any unit below them and get the same figures', async () => {
      const supervisor = await ok('supervisor', { ...MARCH, scopeId: yuehaiwan });
      const admin = await ok('admin', { ...MARCH, scopeId: yuehaiwan });
      expect(admin.totals).toEqual(supervisor.totals);
      expect((await ok('supervisor', MARCH)).scope).toMatchObject({ kind: 'district', name: '金凤区' });
      const all = await ok('admin', MARCH);
      expect(all.scope).toEqual({ id: null, kind: 'all', name: '全部' });
      expect(all.totals.received).toBeGreaterThanOrEqual(10);
    });

    it('a community reads the rollups (with asOf); its grids read the raw tables, and the two agree', async () => {
      const community = await ok('supervisor', { ...MARCH, scopeId: yuehaiwan });
      expect(community.source).toBe('rollups');
      expect(Number.isNaN(Date.parse(community.asOf))).toBe(false);
      const grids = await Promise.all(['yuehaiwan-g1', 'yuehaiwan-g2'].map((g) => ok('supervisor', { ...MARCH, scopeId: ids.unit(g) })));
      expect(grids.map((g) => g.source)).toEqual(['reference', 'reference']);
      // The two grids hold the three compounds of 阅海湾: their received tickets add up to its 10.
      expect(grids[0].totals.received + grids[1].totals.received).toBe(10);
    });

    it.each(['resident', 'grid', 'property4', 'worker', 'dept-water'])('%s may not read reports (403)', async (user) => {
      const res = await sla(user, MARCH);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });
  });

  describe('validation: 400 naming the field', () => {
    it.each([
      ['from missing', { to: '2026-03-31' }, 'from'],
      ['from not a real date', { from: '2026-02-30', to: '2026-03-31' }, 'from'],
      ['from in another format', { from: '2026/03/01', to: '2026-03-31' }, 'from'],
      ['to missing', { from: '2026-03-01' }, 'to'],
      ['to before from', { from: '2026-03-31', to: '2026-03-01' }, 'to'],
      ['367 days', { from: '2025-01-01', to: '2026-01-02' }, 'to'],
      ['groupBy unknown', { ...MARCH, groupBy: 'grid' }, 'groupBy'],
      ['interval unknown', { ...MARCH, interval: 'year' }, 'interval'],
      ['scopeId not a number', { ...MARCH, scopeId: 'abc' }, 'scopeId'],
      ['an unknown parameter', { ...MARCH, districtId: 1 }, 'districtId'],
    ])('%s', async (_, q, field) => {
      const res = await sla('supervisor', q);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
    });

    it('366 days (a leap year) is allowed', async () => {
      expect((await sla('supervisor', { from: '2024-01-01', to: '2024-12-31', scopeId: yuehaiwan })).status).toBe(200);
    });

    it('a building is not a report scope', async () => {
      const res = await sla('admin', { ...MARCH, scopeId: ids.unit('tianrunfu-b1') });
      expect(res.status).toBe(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'scopeId' })]);
    });
  });
});
