import { jpegWithExif } from './support/images';
import { Actors, codeIds } from './support/actors';
import { startApp, type TestApp } from './support/test-app';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; allOf?: Schema[] };
interface Op { parameters?: Array<{ name: string; in: string; schema?: Schema }>; requestBody?: { content: Record<string, { schema?: Schema }> } }
interface Doc { paths: Record<string, Record<string, Op>>; components: { schemas: Record<string, Schema> } }

/**
 * Security suite driven by the OpenAPI document, so a route is covered the day it is added (issue #11).
 *
 * 1. Scope matrix: every role × every route taking an id × an object outside that role's reach →
 *    403 or 404, never 2xx or 5xx. The objects belong to 湖畔嘉苑 (安居苑社区, 北京中路街道), handled by
 *    塞上阳光; the callers are one user per role with no reach there. District-wide roles (supervisor,
 *    admin) have no object outside their reach in a one-district deployment and are not in the matrix.
 * 2. Bad input: NUL bytes, deep nesting, a null body, oversize and control-character strings against
 *    every route: always a 4xx, never a 5xx. The rows are written for the fixed behaviour (issue #11's
 *    other branches); see docs/decisions.md for which rows fail before those merges.
 */
const DISCLOSURE_BODY = {
  serviceContent: '公共区域保洁、秩序维护', feeItems: [{ item: '物业服务费', unit: '元/平方米·月', amount: '1.20' }],
  basisKind: 'contract', basisText: '物业服务合同第五条', commitments: '报修30分钟内响应', complaintPhone: '0951-5108826',
};
const NOTICE_BODY = { kind: 'fund_spending', title: '维修资金使用公示', body: '更换电梯主板', month: '2026-11', amounts: [{ item: '电梯主板', amount: '18600.00' }] };

describe('security matrix (from the OpenAPI document)', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;
  let doc: Doc;
  /** The object behind each path family, and a second ticket for merge. */
  const target: Record<string, string | number> = {};
  let otherTicket = 0;
  /** The resident bound as an owner in the 业主大会 rows. */
  let residentId = 0;
  /** A building of 湖畔嘉苑, for the 绑定房屋 rows. */
  let householdBuilding = 0;

  /** One user per role, none of whom reaches the objects (street staff of another street, added here). */
  const OUTSIDERS = ['resident2', 'grid2', 'community2', 'property2', 'worker', 'dept', 'matrix-street'];

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
    expect((await t.http().get('/api/health/ready')).status).toBe(200);
    doc = (await t.http().get('/api/docs-json')).body as Doc;
    const [u]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ('matrix-street', '贺兰山中路街道工作人员') RETURNING id`);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'street_staff', $2)`, [u.id, ids.unit('helanshanzhonglu')]);

    const photo = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token('resident')}`).attach('file', jpegWithExif(), 'p.jpg');
    expect(photo.status).toBe(201);
    const report = async (photoIds: string[] = []) => {
      const res = await as.post('resident', '/api/tickets', {
        categoryId: ids.category('street_light_out'), description: '安全矩阵：楼下路灯不亮', compoundId: ids.unit('hupanjiayuan'), photoIds,
      });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      expect(res.status).toBe(201);
      return res.body.id as number;
    };
    // A ticket taken to a 不满意 and an appeal, so every id-taking route has a real object.
    const ticket = await report([photo.body.id]);
    otherTicket = await report();
    for (const [user, action, body] of [
      ['community', 'dispatch', { companyId: ids.org('saishang-wuye') }],
      ['property', 'accept', {}],
      ['property', 'resolve', { note: '已更换灯泡' }],
      ['resident', 'rate', { rating: 'dissatisfied', comment: '还是不亮' }],
    ] as const) expect((await as.post(user, `/api/tickets/${ticket}/${action}`, body)).status).toBe(200);
    const appeal = await as.post('property', `/api/tickets/${ticket}/appeals`, { reason: '已按要求更换灯泡，居民误评' });
    expect(appeal.status).toBe(201);
    const [note]: Array<{ id: string }> = await t.db.query('SELECT id FROM notifications WHERE user_id = $1 ORDER BY id LIMIT 1', [await as.id('resident')]);
    const key = await as.post('admin', '/api/admin/open311-keys', { name: '安全矩阵测试' });
    expect(key.status).toBe(201);
    // 业主大会 (issue #16): a register unit of 湖畔嘉苑, a resident's claim on it, and an approved vote.
    const hupan = ids.unit('hupanjiayuan');
    const register = await t.http().post(`/api/compounds/${hupan}/register`).set('authorization', `Bearer ${await as.token('community')}`)
      .attach('file', Buffer.from('楼栋,房号,建筑面积,业主姓名,证件号码,是否已售\n6号楼,2-602,96.40,李建国,640104197001010015,是\n', 'utf8'), 'register.csv');
    expect(register.status).toBe(200);
    const [regUnit]: Array<{ id: number }> = await t.db.query(`SELECT id FROM register_units WHERE compound_id = $1 AND unit_no = '2-602'`, [hupan]);
    residentId = await as.id('resident');
    const claim = await as.post('resident', '/api/owner-claims', { unitId: regUnit.id });
    expect(claim.status).toBe(201);
    const vote = await as.post('community', '/api/votes', {
      compoundId: hupan, question: '是否同意增设电动车充电桩', options: ['同意', '不同意'], matter: 'ordinary',
      opensAt: new Date(Date.now() - 1000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(vote.status).toBe(201);
    expect((await as.post('community', `/api/votes/${vote.body.id}/review`, { decision: 'approve' })).status).toBe(200);
    // 五公开 and 公示栏 (issue #15): a submitted 五公开 version of 湖畔嘉苑 and a 业委会 draft waiting for review.
    const disclosure = await as.post('property', `/api/compounds/${hupan}/disclosures`, DISCLOSURE_BODY);
    expect(disclosure.status).toBe(201);
    expect((await as.post('property', `/api/disclosures/${disclosure.body.id}/submit`, { revision: 1 })).status).toBe(200);
    const [m]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ('matrix-committee', '湖畔嘉苑业委会委员') RETURNING id`);
    await t.db.query(`INSERT INTO role_bindings (user_id, role, org_unit_id) VALUES ($1, 'owners_committee_member', $2)`, [m.id, hupan]);
    const noticeDraft = await as.post('matrix-committee', `/api/compounds/${hupan}/notice-drafts`, NOTICE_BODY);
    expect(noticeDraft.status).toBe(201);
    Object.assign(target, {
      '/api/disclosures/': disclosure.body.id,
      '/api/notice-drafts/': noticeDraft.body.id,
    });
    // 积分 (issue #15): an activity, a 爱心屋 item and a redemption of 安居苑社区 (the resident's).
    const anjuyuan = ids.unit('anjuyuan');
    expect((await as.post('community', '/api/points/rules', { orgUnitId: anjuyuan, kind: 'activity_hour', points: 10, dailyCap: 100 })).status).toBe(200);
    const activity = await as.post('community', '/api/activities', { communityId: anjuyuan, title: '安全矩阵志愿服务', place: '湖畔嘉苑南门', startsAt: new Date().toISOString(), hours: 1, capacity: 5 });
    expect((await as.post('resident', `/api/activities/${activity.body.id}/signup`)).status).toBe(200);
    expect((await as.post('community', `/api/activities/${activity.body.id}/check-in`, { userId: residentId })).status).toBe(200);
    const shopItem = await as.post('community', '/api/shop-items', { communityId: anjuyuan, name: '洗洁精', price: 5, stock: 10 });
    const redemption = await as.post('resident', `/api/shop-items/${shopItem.body.id}/redeem`);
    expect(redemption.status).toBe(201);
    Object.assign(target, {
      '/api/activities/': activity.body.id,
      '/api/shop-items/': shopItem.body.id,
      '/api/redemptions/': redemption.body.id,
      '/api/compounds/': hupan,
      '/api/register-units/': regUnit.id,
      '/api/owner-claims/': claim.body.id,
      '/api/votes/': vote.body.id,
    });
    // 督导整改 objects written straight to the tables (no worker clock, no notices to other suites' users):
    // a notice to 塞上阳光 about 湖畔嘉苑 from 北京中路街道, and a 清退 record far in the future.
    const [notice]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO supervision_notices (organization_id, compound_ids, street_ids, district_id, issuer_unit_id, issued_by, problem, expected, working_days, due_at)
       VALUES ($1, ARRAY[$2::int], ARRAY[$3::int], $4, $3, $5, '安全矩阵：楼道照明整改', '限期修复', 3, now() + interval '3 days') RETURNING id`,
      [ids.org('saishang-wuye'), ids.unit('hupanjiayuan'), ids.unit('beijingzhonglu'), ids.unit('jinfeng'), await as.id('street')],
    );
    const [exit]: Array<{ id: number }> = await t.db.query(
      `INSERT INTO company_exits (organization_id, compound_id, effective_on, ended_contracts, reason, created_by)
       VALUES ($1, $2, '2099-01-01', '[]', '安全矩阵：清退记录', $3) RETURNING id`,
      [ids.org('saishang-wuye'), ids.unit('hupanjiayuan'), await as.id('supervisor')],
    );
    Object.assign(target, {
      '/api/supervision/notices/': notice.id,
      '/api/supervision/exits/': exit.id,
      '/api/supervision/companies/': ids.org('saishang-wuye'),
      '/api/supervision/compounds/': ids.unit('hupanjiayuan'),
      // Also /api/tickets/{id}/public (也遇到了): no outsider follows or reported the ticket, so 404.
      '/api/tickets/': ticket,
      '/api/appeals/': appeal.body.id,
      '/api/uploads/': photo.body.id,
      '/api/notifications/': Number(note.id),
      // 消息 per ticket: the outsiders have no message on the ticket, so marking it read is 404.
      '/api/messages/': ticket,
      '/api/org/organizations/': ids.org('saishang-wuye'),
      '/api/admin/open311-keys/': key.body.id,
      // Admin-only: every outsider is refused (403) whatever the category.
      '/api/admin/categories/': ids.category('street_light_out'),
    });
    // 人员管理 and 绑定房屋 (issue #12 B): a staff account of 安居苑社区, its binding, and a resident's request for 湖畔嘉苑.
    const staff = await as.post('admin', '/api/admin/users', { username: 'matrix-staff', displayName: '安全矩阵社区人员', roles: [{ role: 'community_staff', orgUnitId: anjuyuan }] });
    expect(staff.status).toBe(201);
    const [hupanBuilding]: Array<{ id: number }> = await t.db.query(`SELECT id FROM org_units WHERE kind = 'building' AND parent_id = $1 ORDER BY id LIMIT 1`, [hupan]);
    householdBuilding = hupanBuilding.id;
    const [mr]: Array<{ id: number }> = await t.db.query(`INSERT INTO users (username, display_name) VALUES ('matrix-resident', '安全矩阵居民') RETURNING id`);
    await t.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident')`, [mr.id]);
    const household = await as.post('matrix-resident', '/api/me/household-bindings', { compoundId: hupan, buildingId: householdBuilding, room: '9-909', tenure: 'tenant' });
    expect(household.status).toBe(201);
    Object.assign(target, {
      '/api/admin/users/': staff.body.user.id,
      '/api/admin/role-bindings/': staff.body.user.roles[0].id,
      '/api/household-bindings/': household.body.id,
      // District reference data (issue #12): admin-only, so every outsider is 403 before the id is read.
      '/api/admin/org-units/': ids.unit('hupanjiayuan'),
      '/api/admin/companies/': ids.org('saishang-wuye'),
      '/api/admin/contracts/': Number((await t.db.query(`SELECT id FROM compound_contracts WHERE compound_id = $1 ORDER BY id LIMIT 1`, [ids.unit('hupanjiayuan')]))[0].id),
      '/api/admin/departments/': ids.org('fire'),
      // 小区平面图 writes: admins only, so every outsider is refused (403).
      '/api/admin/compounds/': ids.unit('hupanjiayuan'),
    });
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, byMethod]) => Object.entries(byMethod).map(([method, op]) => ({ method, path, op })));
  const objectFor = (path: string): string | number | undefined => Object.entries(target).find(([prefix]) => path.startsWith(prefix))?.[1];

  /** A body that passes validation, so the request reaches the scope check. */
  const VALID_BODIES: Record<string, () => object> = {
    'post /api/tickets/{id}/dispatch': () => ({ companyId: ids.org('saishang-wuye') }),
    'post /api/tickets/{id}/escalate': () => ({ departmentId: ids.org('fire'), reason: '涉及消防通道，需职能部门处理' }),
    'post /api/tickets/{id}/return': () => ({ reason: '不在我司服务范围内' }),
    'post /api/tickets/{id}/progress': () => ({ note: '已联系供电部门' }),
    'post /api/tickets/{id}/resolve': () => ({ note: '已更换灯泡' }),
    'post /api/tickets/{id}/rate': () => ({ rating: 'satisfied' }),
    'post /api/tickets/{id}/reject': () => ({ reason: '不属于受理范围' }),
    'post /api/tickets/{id}/merge': () => ({ intoTicketId: otherTicket }),
    'post /api/tickets/{id}/reassign': () => ({ assigneeId: otherTicket }),
    'post /api/tickets/{id}/pause-decision': () => ({ approve: false }),
    'post /api/tickets/{id}/pause': () => ({ reason: '等待配件到货' }),
    'post /api/tickets/{id}/visit': () => ({ reached: false }),
    'post /api/tickets/{id}/appeals': () => ({ reason: '已按要求处理，居民误评' }),
    'post /api/appeals/{id}/decision': () => ({ decision: 'upheld', note: '经核实，处理到位' }),
    'post /api/owner-claims/{id}/decision': () => ({ decision: 'verified' }),
    'post /api/register-units/{id}/owners': () => ({ userId: residentId }),
    'post /api/votes/{id}/review': () => ({ decision: 'approve' }),
    'post /api/activities/{id}/check-in': () => ({ userId: residentId }),
    'post /api/votes/{id}/ballots': () => ({ unitId: target['/api/register-units/'], option: 0, channel: 'paper' }),
    'post /api/supervision/notices/{id}/answers': () => ({ body: '已更换楼道灯具' }),
    'post /api/supervision/notices/{id}/verification': () => ({ verdict: 'accepted' }),
    'post /api/supervision/notices/{id}/downgrades': () => ({}),
    'post /api/compounds/{id}/disclosures': () => DISCLOSURE_BODY,
    'put /api/disclosures/{id}': () => ({ ...DISCLOSURE_BODY, revision: 1 }),
    'post /api/disclosures/{id}/submit': () => ({ revision: 1 }),
    'post /api/disclosures/{id}/review': () => ({ decision: 'approve' }),
    'post /api/compounds/{id}/notice-drafts': () => NOTICE_BODY,
    'post /api/notice-drafts/{id}/review': () => ({ decision: 'approve' }),
    'put /api/admin/categories/{id}': () => ({ name: '路灯不亮', groupName: '公共设施', icon: 'light', handlerKind: 'company', departmentId: null, publiclyListed: true, active: true }),
    'post /api/admin/users/{id}/roles': () => ({ role: 'resident' }),
    'post /api/household-bindings/{id}/decision': () => ({ decision: 'approved' }),
    'post /api/compounds/{id}/household-bindings': () => ({ userId: residentId, buildingId: householdBuilding, room: '9-909', tenure: 'tenant' }),
  };
  /**
   * Routes that act only on the caller's own row and answer the same for any id: a foreign id tells
   * nothing and changes nothing, which the test checks instead of a 404.
   */
  const SELF_ONLY: Record<string, string> = {
    'delete /api/tickets/{id}/follow': 'stop following: deletes only the caller’s own follow (idempotent)',
  };

  it('covers every route that takes an id (a new one needs its object here)', () => {
    const uncovered = operations().filter(({ path }) => path.includes('{') && objectFor(path) === undefined).map(({ method, path }) => `${method} ${path}`);
    expect(uncovered).toEqual([]);
    expect(operations().filter(({ path }) => path.includes('{')).length).toBeGreaterThanOrEqual(24);
  });

  it('every role × every id-taking route × an object outside its reach → 403 or 404, never 2xx or 5xx', async () => {
    const wrong: string[] = [];
    for (const { method, path } of operations().filter((o) => o.path.includes('{'))) {
      const key = `${method} ${path}`;
      const url = path.replace('{id}', String(objectFor(path)));
      for (const user of OUTSIDERS) {
        const req = t.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('authorization', `Bearer ${await as.token(user)}`);
        const res = ['post', 'put', 'patch'].includes(method) ? await req.send(VALID_BODIES[key]?.() ?? {}) : await req;
        if (SELF_ONLY[key]) {
          const nowhere = await t.http()[method as 'delete'](path.replace('{id}', '2147483000')).set('authorization', `Bearer ${await as.token(user)}`);
          if (res.status !== nowhere.status || JSON.stringify({ ...res.body, ticketId: 0 }) !== JSON.stringify({ ...nowhere.body, ticketId: 0 })) {
            wrong.push(`${user} ${key}: answers a foreign id (${res.status}) unlike a missing one (${nowhere.status})`);
          }
          continue;
        }
        if (res.status !== 403 && res.status !== 404) wrong.push(`${user} ${key}: ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
    // Grows with every id-taking route (×7 callers): well over the default 30 s on a loaded 2-core machine.
  }, 120_000);

  /** Every string property of an operation's JSON body, or `note` when it has none. */
  const stringFields = (op: Op): string[] => {
    const resolve = (s?: Schema): Schema | undefined => (s?.$ref ? doc.components.schemas[s.$ref.split('/').pop() as string] : s);
    const root = resolve(op.requestBody?.content['application/json']?.schema);
    const props = { ...(root?.properties ?? {}), ...Object.assign({}, ...(root?.allOf ?? []).map((s) => resolve(s)?.properties ?? {})) } as Record<string, Schema>;
    const names = Object.entries(props).filter(([, s]) => s.type === 'string' || s.type === undefined).map(([k]) => k);
    return names.length ? names : ['note'];
  };
  const deep = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;

  type Row = { name: string; applies: (op: Op, path: string, method: string) => boolean; send: (path: string, op: Op) => { url: string; body?: string | object; type?: string } };
  const hasBody = (op: Op) => !!op.requestBody?.content['application/json'];
  const withId = (path: string, id: string) => path.replace('{id}', id);
  const real = (path: string) => withId(path, String(objectFor(path) ?? 1));
  const fill = (op: Op, value: string) => Object.fromEntries(stringFields(op).map((f) => [f, value]));
  const BAD_INPUT: Row[] = [
    { name: 'NUL byte in the path id', applies: (_, p) => p.includes('{id}'), send: (p) => ({ url: withId(p, '1%00') }) },
    { name: 'control character in the path id', applies: (_, p) => p.includes('{id}'), send: (p) => ({ url: withId(p, '1%07') }) },
    { name: 'oversize path id', applies: (_, p) => p.includes('{id}'), send: (p) => ({ url: withId(p, '9'.repeat(4000)) }) },
    {
      name: 'NUL byte in a query parameter',
      applies: (op) => (op.parameters ?? []).some((q) => q.in === 'query'),
      send: (p, op) => ({ url: `${real(p)}?${(op.parameters ?? []).filter((q) => q.in === 'query').map((q) => `${q.name}=a%00b`).join('&')}` }),
    },
    { name: 'null body', applies: hasBody, send: (p) => ({ url: real(p), body: 'null', type: 'application/json' }) },
    { name: 'deep nesting (10,000 levels)', applies: hasBody, send: (p) => ({ url: real(p), body: deep(10_000), type: 'application/json' }) },
    { name: 'NUL byte in every string field', applies: hasBody, send: (p, op) => ({ url: real(p), body: fill(op, 'a\u0000b') }) },
    { name: 'control characters in every string field', applies: hasBody, send: (p, op) => ({ url: real(p), body: fill(op, '路灯\u0007\u001b[2J不亮') }) },
    { name: 'oversize string in every string field', applies: hasBody, send: (p, op) => ({ url: real(p), body: fill(op, '长'.repeat(60_000)) }) },
  ];

  it.each(BAD_INPUT.map((r) => [r.name, r] as const))('bad input — %s: every route answers 4xx, never 5xx', async (_name, row) => {
    const wrong: string[] = [];
    for (const { method, path, op } of operations()) {
      if (!row.applies(op, path, method)) continue;
      const { url, body, type } = row.send(path, op);
      let req = t.http()[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).set('authorization', `Bearer ${await as.token('admin')}`);
      if (type) req = req.set('content-type', type);
      const res = body === undefined ? await req : await req.send(body);
      if (res.status < 400 || res.status >= 500) wrong.push(`${method.toUpperCase()} ${path}: ${res.status} ${JSON.stringify(res.body ?? '').slice(0, 100)}`);
    }
    expect(wrong).toEqual([]);
  });
});
