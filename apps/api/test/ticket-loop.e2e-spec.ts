import { Actors, codeIds } from './support/actors';
import { jpegWithExif } from './support/images';
import { startApp, type TestApp } from './support/test-app';

describe('the ticket loop over HTTP, role by role', () => {
  let t: TestApp;
  let as: Actors;
  let ids: Awaited<ReturnType<typeof codeIds>>;

  beforeAll(async () => {
    t = await startApp();
    as = new Actors(t);
    ids = await codeIds(t);
  });
  afterAll(() => t.close());

  const upload = async (user: string) => {
    const res = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token(user)}`).attach('file', jpegWithExif(), 'p.jpg');
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const report = async (user = 'resident', body: object = {}) => {
    const res = await as.post(user, '/api/tickets', { categoryId: ids.category('manhole_cover_missing'), description: '6号楼东侧井盖丢失，晚上很危险', ...body });
    expect(res.status).toBe(201);
    return res.body.id as number;
  };
  const detail = async (user: string, id: number) => {
    const res = await as.get(user, `/api/tickets/${id}`);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('report → dispatch → accept → progress → resolve → rate 满意 → closed', async () => {
    const before = await upload('resident');
    const id = await report('resident', { photoIds: [before], location: { lat: 38.4872, lng: 106.2309, address: '湖畔嘉苑6号楼东侧' } });

    const seenByCommunity = await detail('community', id);
    expect(seenByCommunity.status).toBe('submitted');
    expect(seenByCommunity.priority).toBe('emergency');
    expect(seenByCommunity.no).toMatch(/^HG\d{6}\d{6,}$/);
    expect(seenByCommunity.allowedActions.sort()).toEqual(['dispatch', 'escalate', 'merge', 'reject']);
    expect(seenByCommunity.suggestedHandler).toMatchObject({ kind: 'company', id: ids.org('saishang-wuye'), reason: 'contract' });
    expect(seenByCommunity.timeline[0].photos).toEqual([{ id: before, url: `/api/uploads/${before}` }]);

    const dispatched = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({ status: 'dispatched', handler: { kind: 'company', id: ids.org('saishang-wuye') } });

    const inbox = await as.get('property', '/api/tickets?status=dispatched');
    expect(inbox.body.items.map((i: { id: number }) => i.id)).toContain(id);
    expect((await detail('property', id)).allowedActions.sort()).toEqual(['accept', 'return']);

    const workerId = await as.id('worker');
    const accepted = await as.post('property', `/api/tickets/${id}/accept`, { assigneeId: workerId });
    expect(accepted.body).toMatchObject({ status: 'accepted', assignee: { id: workerId } });

    expect((await detail('worker', id)).allowedActions.sort()).toEqual(['pause', 'progress', 'resolve']);
    const progressed = await as.post('worker', `/api/tickets/${id}/progress`, { note: '已设置警示围挡，新井盖明天到货' });
    expect(progressed.body.status).toBe('accepted');

    const after = await upload('worker');
    const resolved = await as.post('worker', `/api/tickets/${id}/resolve`, { note: '已更换新井盖', photoIds: [after] });
    expect(resolved.body.status).toBe('resolved');

    expect((await detail('resident', id)).allowedActions).toEqual(['rate']);
    const rated = await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied', comment: '处理很快' });
    expect(rated.body).toMatchObject({ status: 'closed', rating: 'satisfied', reopenCount: 0 });

    const finalView = await detail('community', id);
    expect(finalView.status).toBe('closed');
    expect(finalView.timeline.map((e: { action: string; from: string | null; to: string }) => `${e.action}:${e.from}->${e.to}`)).toEqual([
      'report:null->submitted',
      'dispatch:submitted->dispatched',
      'accept:dispatched->accepted',
      'progress:accepted->accepted',
      'resolve:accepted->resolved',
      'rate:resolved->closed',
    ]);
    expect(finalView.timeline[4].photos[0].id).toBe(after);
    expect(finalView.timeline.map((e: { actor: { role: string } }) => e.actor.role)).toEqual([
      'resident', 'community_staff', 'property_manager', 'property_worker', 'property_worker', 'resident',
    ]);
    // The photos are served to whoever may see the ticket.
    const photo = await t.http().get(`/api/uploads/${after}`).set('authorization', `Bearer ${await as.token('resident')}`);
    expect(photo.status).toBe(200);
    expect(photo.headers['content-type']).toBe('image/jpeg');
  });

  it('退单 sends the ticket back to the community, which re-dispatches it', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('fengjie-wuye') });
    const returned = await as.post('property3', `/api/tickets/${id}/return`, { reason: '兜底物业本周人手不足，请派签约物业' });
    expect(returned.status).toBe(200);
    // The company no longer holds the ticket, so it no longer sees it.
    expect((await as.get('property3', `/api/tickets/${id}`)).status).toBe(404);

    const back = await detail('community', id);
    expect(back).toMatchObject({ status: 'submitted', handler: null, returnCount: 1 });
    expect(back.timeline.at(-1)).toMatchObject({ action: 'return', from: 'dispatched', to: 'submitted', note: '兜底物业本周人手不足，请派签约物业' });

    const again = await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    expect(again.body).toMatchObject({ status: 'dispatched', handler: { id: ids.org('saishang-wuye') }, returnCount: 1 });
    expect((await as.post('property', `/api/tickets/${id}/accept`)).body.status).toBe('accepted');
  });

  it('吹哨: a company that cannot act is replaced by the department, which resolves it', async () => {
    const id = await report('resident', { categoryId: ids.category('illegal_construction'), description: '顶楼业主在楼顶违章搭建彩钢房' });
    const seen = await detail('community', id);
    expect(seen.suggestedHandler).toMatchObject({ kind: 'department', id: ids.org('urban-mgmt'), reason: 'department' });

    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    const escalated = await as.post('street', `/api/tickets/${id}/escalate`, { departmentId: ids.org('urban-mgmt'), reason: '物业无执法权，需城管依法处置' });
    expect(escalated.status).toBe(200);
    expect(escalated.body).toMatchObject({ status: 'dispatched', handler: { kind: 'department', id: ids.org('urban-mgmt') }, assignee: null });
    expect(escalated.body.timeline.at(-1)).toMatchObject({ action: 'escalate', from: 'accepted', to: 'dispatched', data: { whistle: true } });
    expect((await as.get('property', `/api/tickets/${id}`)).status).toBe(404);

    expect((await as.post('dept', `/api/tickets/${id}/accept`)).body.status).toBe('accepted');
    expect((await as.post('dept', `/api/tickets/${id}/resolve`, { note: '已依法拆除' })).body.status).toBe('resolved');
    expect((await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'basically_satisfied' })).body.status).toBe('closed');
  });

  it('dispatch straight to a department (吹哨 at the first step)', async () => {
    const id = await report('resident', { categoryId: ids.category('flying_wire_charging'), description: '3单元有人从窗口拉线给电动车充电' });
    const res = await as.post('community', `/api/tickets/${id}/dispatch`, { departmentId: ids.org('fire') });
    expect(res.body).toMatchObject({ status: 'dispatched', handler: { kind: 'department', id: ids.org('fire') } });
    expect(res.body.timeline.at(-1).data).toMatchObject({ whistle: true, handlerKind: 'department' });
    expect((await as.post('dept-fire', `/api/tickets/${id}/accept`)).status).toBe(200);
  });

  it('不满意 reopens to the same handler and counts the rework', async () => {
    const id = await report();
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${id}/accept`);
    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已临时覆盖' });
    const reopened = await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'dissatisfied', comment: '只是盖了块木板，还是危险' });
    expect(reopened.body).toMatchObject({ status: 'accepted', reopenCount: 1, handler: { id: ids.org('saishang-wuye') }, resolvedAt: null });
    expect(reopened.body.timeline.at(-1)).toMatchObject({ action: 'rate', from: 'resolved', to: 'accepted', data: { rating: 'dissatisfied' } });

    await as.post('property', `/api/tickets/${id}/resolve`, { note: '已更换铸铁井盖' });
    const closed = await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied' });
    expect(closed.body).toMatchObject({ status: 'closed', reopenCount: 1, rating: 'satisfied' });
  });

  it('the reporter may cancel before acceptance, not after', async () => {
    const a = await report();
    expect((await as.post('resident', `/api/tickets/${a}/cancel`, { reason: '已自行解决' })).body.status).toBe('cancelled');

    const b = await report();
    await as.post('community', `/api/tickets/${b}/dispatch`, { companyId: ids.org('saishang-wuye') });
    expect((await as.post('resident', `/api/tickets/${b}/cancel`)).body.status).toBe('cancelled');

    const c = await report();
    await as.post('community', `/api/tickets/${c}/dispatch`, { companyId: ids.org('saishang-wuye') });
    await as.post('property', `/api/tickets/${c}/accept`);
    const late = await as.post('resident', `/api/tickets/${c}/cancel`);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('ILLEGAL_TRANSITION');
  });

  it('the community rejects a case that is not valid, with a reason', async () => {
    const id = await report('resident', { description: '希望小区门口开一家超市' });
    const res = await as.post('community', `/api/tickets/${id}/reject`, { reason: '不属于报事范围，已电话说明' });
    expect(res.body.status).toBe('rejected');
    expect(res.body.timeline.at(-1)).toMatchObject({ action: 'reject', note: '不属于报事范围，已电话说明' });
    expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') })).status).toBe(409);
  });

  it('merges a duplicate into an open ticket and records it on both timelines', async () => {
    const target = await report();
    const dup = await report('grid', { compoundId: ids.unit('hupanjiayuan'), channel: 'grid_patrol', reporterPhone: '13900001111' });
    const res = await as.post('community', `/api/tickets/${dup}/merge`, { intoTicketId: target });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'merged', mergedIntoId: target });
    const targetView = await detail('community', target);
    expect(targetView.status).toBe('submitted');
    expect(targetView.timeline.at(-1)).toMatchObject({ action: 'merge', data: { mergedTicketId: dup, direction: 'in' } });

    const self = await as.post('community', `/api/tickets/${target}/merge`, { intoTicketId: target });
    expect(self.status).toBe(400);
    const another = await report();
    const intoMerged = await as.post('community', `/api/tickets/${another}/merge`, { intoTicketId: dup });
    expect(intoMerged.status).toBe(400);
    expect(intoMerged.body).toMatchObject({ code: 'INVALID_REFERENCE' });
    expect(intoMerged.body.message).toContain('intoTicketId');
  });

  it('staff enter hotline cases for residents without accounts, in their own area only', async () => {
    const ok = await as.post('community', '/api/tickets', {
      categoryId: ids.category('sewer_blocked'), description: '12345转来：5号楼下水道反水', compoundId: ids.unit('fenglinwan'),
      channel: 'hotline_12345', reporterPhone: '13711112222', hotlineCaseNo: `LOOP-${Date.now()}`,
    });
    expect(ok.status).toBe(201);
    const view = await detail('community', ok.body.id);
    expect(view).toMatchObject({ channel: 'hotline_12345', priority: 'urgent', reporter: { phone: '13711112222' } });
    expect(view.timeline[0].actor.role).toBe('community_staff');

    const outside = await as.post('community', '/api/tickets', {
      categoryId: ids.category('sewer_blocked'), description: '别的社区的案件', compoundId: ids.unit('mingyuan'), channel: 'walk_in',
    });
    expect(outside.status).toBe(400);
    expect(outside.body.message).toContain('compoundId');

    const residentHotline = await as.post('resident', '/api/tickets', { categoryId: ids.category('sewer_blocked'), description: '冒充热线', channel: 'hotline_12345' });
    expect(residentHotline.status).toBe(403);
    expect(residentHotline.body).toMatchObject({ code: 'CHANNEL_NOT_ALLOWED' });
    expect(residentHotline.body.message).toContain('channel');
  });

  it('illegal steps are refused with 409 and a code, wrong roles with 403', async () => {
    const id = await report();
    const acceptEarly = await as.post('property', `/api/tickets/${id}/accept`);
    // The company does not hold the ticket yet, so for it the ticket does not exist.
    expect(acceptEarly.status).toBe(404);
    const rejectByResident = await as.post('resident', `/api/tickets/${id}/reject`, { reason: '我不想要了' });
    expect(rejectByResident.status).toBe(403);
    expect(rejectByResident.body.code).toBe('ROLE_NOT_ALLOWED');
    const rateEarly = await as.post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied' });
    expect(rateEarly.status).toBe(409);
    expect(rateEarly.body.code).toBe('ILLEGAL_TRANSITION');
    const resolveEarly = await as.post('community', `/api/tickets/${id}/resolve`, { note: 'x' });
    expect(resolveEarly.status).toBe(409);
    expect(resolveEarly.body.code).toBe('ILLEGAL_TRANSITION');
    // Nothing was written by the refused calls.
    expect((await detail('community', id)).timeline).toHaveLength(1);
    await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: ids.org('saishang-wuye') });
    const acceptByCommunity = await as.post('community', `/api/tickets/${id}/accept`);
    expect(acceptByCommunity.status).toBe(403);
    expect(acceptByCommunity.body.code).toBe('ROLE_NOT_ALLOWED');
    const cancelByOther = await as.post('grid', `/api/tickets/${id}/cancel`);
    expect(cancelByOther.status).toBe(403);
    expect(cancelByOther.body.code).toBe('NOT_REPORTER');
  });
});
