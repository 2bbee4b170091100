import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseHolidayNotice, withHolidaySchedule, type WorkingCalendar } from '@red-butler/domain';
import { loadConfig } from '../src/config/app-config';
import { DeadlineLedger } from '../src/deadlines/deadline-ledger.service';
import { WechatSubscribeSender } from '../src/notifications/subscribe-message.sender';
import { SlaService } from '../src/sla/sla.service';
import { SubscribeTemplates } from '../src/settings/subscribe-templates.service';
import { WorkerModule } from '../src/worker/worker.module';
import { Actors, codeIds } from './support/actors';
import { ownDatabase } from './support/own-database';
import { startApp, type TestApp } from './support/test-app';
import { startWechatStandIn, type WechatStandIn } from './support/wechat-stand-in';

// Changes the working calendar and admin settings, which are global: the suite runs on a database of its own.
describe('policies and keys (issue #12 part C): admin APIs and changes that apply at once', () => {
  let own: Awaited<ReturnType<typeof ownDatabase>>;
  let wechat: WechatStandIn;
  let a: TestApp;
  let b: TestApp;
  let worker: INestApplicationContext;
  let as: Actors;
  let asB: Actors;
  let categoryId: number;
  const env = () => ({ DATABASE_URL: own.url, WECHAT_API_BASE: wechat.url, WECHAT_STATUS_TEMPLATE_ID: 'env-status-template', WECHAT_SUBSCRIBE_TEMPLATE_ID: '' });

  beforeAll(async () => {
    own = await ownDatabase();
    wechat = await startWechatStandIn();
    // Two API hosts and a worker host, each with its own cache, on one database.
    a = await startApp(env());
    b = await startApp(env());
    worker = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig({ ...process.env, LOG_LEVEL: 'silent', ...env() })), { logger: false });
    as = new Actors(a);
    asB = new Actors(b);
    const [cat]: Array<{ id: number }> = await a.db.query(
      `INSERT INTO categories (code, name, group_name, icon, handler_kind, default_priority) VALUES ('policy-test', '时限测试', '测试', 'light', 'company', 'normal') RETURNING id`,
    );
    categoryId = cat.id;
  }, 120_000);
  afterAll(async () => {
    await worker?.close();
    await b?.close();
    await a?.close();
    await wechat?.close();
    await own?.drop();
  });

  const policy = (dispatchMinutes: number) => ({
    categoryId, priority: 'normal', clock: 'clock', dispatchMinutes, acceptMinutes: 60, resolveMinutes: 600, surveyMinutes: 4320,
    visitMinutes: 10080, warnRatio: 0.8, escalationMinutes: 120, maxPauseMinutes: 1440,
  });
  const fileOnB = async () => {
    const res = await asB.post('resident', '/api/tickets', { categoryId, description: '时限测试：楼道灯不亮' });
    expect(res.status).toBe(201);
    const [leg]: Array<{ allowed_minutes: number }> = await b.db.query(`SELECT allowed_minutes FROM ticket_deadlines WHERE ticket_id = $1 AND leg = 'dispatch'`, [res.body.id]);
    return leg.allowed_minutes;
  };

  describe('SLA policies and the working calendar reach every host’s next clock at once', () => {
    it('a policy changed on one host is used by the next ticket filed on another and by the worker', async () => {
      expect((await as.put('admin', '/api/admin/sla-policies', policy(100))).status).toBe(200);
      // Both caches now hold the 100-minute policy.
      expect(await fileOnB()).toBe(100);
      const workerSla = worker.get(SlaService);
      expect((await workerSla.policy(categoryId, 'normal')).dispatch_minutes).toBe(100);

      expect((await as.put('admin', '/api/admin/sla-policies', policy(55))).status).toBe(200);
      expect(await fileOnB()).toBe(55);
      const plan = await worker.get(DeadlineLedger).plan(worker.get(SlaService)['db'].manager, { id: 0, category_id: categoryId, priority: 'normal' } as never, 'dispatch', 'community', null, new Date('2027-03-01T02:00:00Z'));
      expect(plan.minutes).toBe(55);
    });

    it('a calendar saved from the pasted notice is the worker’s calendar at once', async () => {
      const workerSla = worker.get(SlaService);
      const before = await workerSla.workingCalendar();
      const parsed = parseHolidayNotice('元旦：1月1日（周五）至3日（周日）放假，共3天。\n春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。', 2027);
      expect(parsed.problems).toEqual([]);
      const next: WorkingCalendar = withHolidaySchedule(before, parsed);
      const res = await as.put('admin', '/api/admin/calendar', next);
      expect(res.status).toBe(200);
      expect(res.body.workingWeekends).toContain('2027-02-20');
      const seen = await workerSla.workingCalendar();
      expect(seen.holidays).toContain('2027-02-10');
      expect(seen.workingWeekends).toContain('2027-02-20');
      expect(seen.holidays).not.toContain('2027-06-09'); // the provisional 2027 day is gone
    });

    it('refuses a bad policy or calendar with the field named, and anyone but an admin', async () => {
      const bad = await as.put('admin', '/api/admin/sla-policies', { ...policy(10), dispatchMinutes: 0 });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'dispatchMinutes' })]);
      const cal = await as.put('admin', '/api/admin/calendar', { workdayStart: '08:30', workdayEnd: '17:30', holidays: ['2027-02-30'], workingWeekends: [] });
      expect(cal.status).toBe(400);
      expect(cal.body.message).toContain('holidays');
      expect((await as.put('supervisor', '/api/admin/sla-policies', policy(10))).status).toBe(403);
      expect((await as.put('community', '/api/admin/calendar', await (await as.get('admin', '/api/admin/calendar')).body)).status).toBe(403);
    });
  });

  describe('categories', () => {
    const body = () => ({ name: '时限测试', groupName: '测试', icon: 'light', handlerKind: 'company', departmentId: null, publiclyListed: false, active: true });

    it('lists every category with its flags, to admins only', async () => {
      const res = await as.get('admin', '/api/admin/categories');
      expect(res.status).toBe(200);
      expect(res.body.items).toContainEqual(expect.objectContaining({ id: categoryId, code: 'policy-test', publiclyListed: false, active: true, departmentId: null }));
      expect((await as.get('community', '/api/admin/categories')).status).toBe(403);
    });

    it('changes name, icon, Open311 listing and the owning department', async () => {
      const ids = await codeIds(a);
      const res = await as.put('admin', `/api/admin/categories/${categoryId}`, { ...body(), name: '楼道灯不亮', icon: 'stairs', publiclyListed: true, handlerKind: 'department', departmentId: ids.org('fire') });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: categoryId, name: '楼道灯不亮', icon: 'stairs', publiclyListed: true, handlerKind: 'department', departmentId: ids.org('fire') });
      expect(res.body.departmentName).toEqual(expect.any(String));
      // Residents see the new name at once (this host's cache was dropped).
      const listed = (await as.get('resident', '/api/categories')).body.items as Array<{ id: number; name: string }>;
      expect(listed.find((c) => c.id === categoryId)?.name).toBe('楼道灯不亮');
    });

    it('answers 400 naming the field, 404 for no such category, 403 for others', async () => {
      const ids = await codeIds(a);
      const icon = await as.put('admin', `/api/admin/categories/${categoryId}`, { ...body(), icon: 'Light Bulb' });
      expect(icon.status).toBe(400);
      expect(icon.body.details).toEqual([expect.objectContaining({ field: 'icon' })]);
      const dept = await as.put('admin', `/api/admin/categories/${categoryId}`, { ...body(), handlerKind: 'department' });
      expect(dept.status).toBe(400);
      expect(dept.body.details).toEqual([expect.objectContaining({ field: 'departmentId' })]);
      const company = await as.put('admin', `/api/admin/categories/${categoryId}`, { ...body(), departmentId: ids.org('saishang-wuye') });
      expect(company.status).toBe(400);
      expect(company.body.code).toBe('INVALID_REFERENCE');
      expect((await as.put('admin', '/api/admin/categories/2147483000', body())).status).toBe(404);
      expect((await as.put('street', `/api/admin/categories/${categoryId}`, body())).status).toBe(403);
    });
  });

  describe('subscribe-message templates', () => {
    it('start from the env default; an admin’s id is what the consent screen offers and the worker sends with', async () => {
      const start = await as.get('admin', '/api/admin/subscribe-templates');
      expect(start.status).toBe(200);
      expect(start.body.items).toEqual([
        expect.objectContaining({ template: 'status', templateId: 'env-status-template', source: 'env', envDefault: 'env-status-template' }),
        expect.objectContaining({ template: 'visit', templateId: null, source: 'none', envDefault: null }),
      ]);

      const set = await as.put('admin', '/api/admin/subscribe-templates', { status: 'admin-status-template-1', visit: 'admin-visit-template-1' });
      expect(set.status).toBe(200);
      expect(set.body.items[0]).toMatchObject({ template: 'status', templateId: 'admin-status-template-1', source: 'setting' });
      const consent = await asB.get('resident', '/api/messages/consent');
      expect(consent.body.items).toContainEqual(expect.objectContaining({ template: 'visit', templateId: 'admin-visit-template-1' }));

      expect(await worker.get(SubscribeTemplates).templateId('status')).toBe('admin-status-template-1');
      const sender = new WechatSubscribeSender(loadConfig({ ...process.env, ...env(), WECHAT_APPID: 'wx-test', WECHAT_SECRET: 'secret' }), worker.get(SubscribeTemplates));
      await sender.send({ openid: 'openid-policy', template: 'status', title: '工单已派单', body: '请留意办理进度', page: 'pages/index/index' });
      expect(wechat.sends.at(-1)).toMatchObject({ touser: 'openid-policy', template_id: 'admin-status-template-1' });

      // null: back to the env default; an absent field stays as it is.
      const reset = await as.put('admin', '/api/admin/subscribe-templates', { status: null });
      expect(reset.body.items).toEqual([
        expect.objectContaining({ template: 'status', templateId: 'env-status-template', source: 'env' }),
        expect.objectContaining({ template: 'visit', templateId: 'admin-visit-template-1', source: 'setting' }),
      ]);
    });

    it('answers 400 naming the field and 403 to anyone but an admin', async () => {
      const bad = await as.put('admin', '/api/admin/subscribe-templates', { visit: 'no spaces allowed' });
      expect(bad.status).toBe(400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'visit' })]);
      expect((await as.get('supervisor', '/api/admin/subscribe-templates')).status).toBe(403);
      expect((await as.put('community', '/api/admin/subscribe-templates', { status: 'admin-status-template-2' })).status).toBe(403);
    });
  });

  it('Open311 keys list their scope and stated purpose, and when they were last used', async () => {
    const issued = await as.post('admin', '/api/admin/open311-keys', { name: '时限测试热线', scope: 'full', purpose: '12345热线回访来电市民的报事办理情况' });
    expect(issued.status).toBe(201);
    const list = await as.get('admin', '/api/admin/open311-keys');
    expect(list.body.items).toContainEqual(expect.objectContaining({ id: issued.body.id, scope: 'full', purpose: '12345热线回访来电市民的报事办理情况', lastUsedAt: null }));
  });
});
