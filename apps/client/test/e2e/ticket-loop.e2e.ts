import type { Browser, Page } from 'playwright-core';
import { call, dispatchedTicket, uploadAs } from './api.client';
import { addPhoto, expectStatus, go, launch, shot, signIn, vis } from './browser.helpers';
import { makePng } from './png.util';

jest.setTimeout(120_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

async function openTicket(page: Page, id: number): Promise<void> {
  await vis(page, `[data-ticket-id="${id}"]`).click();
  await vis(page, '.detail .timeline').waitFor();
}

async function act(page: Page, action: string): Promise<void> {
  await vis(page, `[data-action="${action}"]`).click();
  await vis(page, '[data-testid="confirm"]').waitFor();
}

describe('群众点单、社区派单、物业接单 in the browser (H5 against the real API)', () => {
  it('resident reports with a photo → community dispatches → property accepts and resolves with a photo → resident rates 满意 → 已办结 on both sides', async () => {
    const resident = await signIn(browser, 'resident');
    await shot(resident, 'resident-home');
    await vis(resident, '[data-entry="report"]').click();
    await vis(resident, '[data-category="manhole_cover_missing"]').click();
    await vis(resident, '.report-form textarea').fill('e2e：6号楼东侧井盖丢失，晚上很危险');
    await addPhoto(resident, makePng(640, 480));
    await vis(resident, 'input[placeholder^="如：6号楼东侧"]').fill('6号楼东侧草坪旁');
    await shot(resident, 'resident-report');
    await vis(resident, '[data-testid="submit-report"]').click();
    await resident.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(resident.url())![1]);
    await expectStatus(resident, '待派单');
    await vis(resident, '.detail img').waitFor();

    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="queue"]').click();
    await vis(community, `[data-ticket-id="${id}"]`).waitFor();
    // Sorted by deadline (sort=due); the new report's dispatch clock has just started.
    await expect(vis(community, `[data-ticket-id="${id}"] [data-testid="countdown"]`).textContent()).resolves.toMatch(/^剩余 /);
    await shot(community, 'community-queue');
    await openTicket(community, id);
    await vis(community, '[data-testid="deadlines"] [data-leg="dispatch"]', '派单时限').waitFor();
    await vis(community, '[data-testid="suggested-handler"]', '宁夏塞上阳光物业').waitFor();
    await shot(community, 'community-detail');
    await act(community, 'dispatch');
    await vis(community, '[data-testid="choose-suggested"]').waitFor();
    await vis(community, '[data-testid="confirm"]').click();
    await expectStatus(community, '待接单');

    const property = await signIn(browser, 'property');
    await vis(property, '[data-entry="inbox"]').click();
    await vis(property, `[data-ticket-id="${id}"]`).waitFor();
    await expect(vis(property, `[data-ticket-id="${id}"] [data-testid="countdown"]`).textContent()).resolves.toMatch(/^剩余 /);
    await shot(property, 'property-inbox');
    await openTicket(property, id);
    await act(property, 'accept');
    await vis(property, '[data-testid="assignee-select"]').click();
    await vis(property, '.sheet__option', '物业维修工').click();
    await vis(property, '[data-testid="confirm"]').click();
    await expectStatus(property, '处理中');
    await act(property, 'progress');
    await vis(property, '[data-testid="note"] textarea').fill('已到现场设置围挡，井盖已订购');
    await vis(property, '[data-testid="confirm"]').click();
    await vis(property, '.timeline__note', '已到现场设置围挡').waitFor();
    await act(property, 'resolve');
    await vis(property, '[data-testid="note"] textarea').fill('已更换井盖并设置警示标志');
    await addPhoto(property, makePng(320, 240, [22, 128, 61]));
    await vis(property, '[data-testid="confirm"]').click();
    await expectStatus(property, '待评价');

    await go(resident, '/pages/tickets/index');
    await openTicket(resident, id);
    await expectStatus(resident, '待评价');
    await vis(resident, '[data-action="rate"]').click();
    await vis(resident, '[data-rating="satisfied"]').click();
    await vis(resident, '.rate-form .btn').click();
    await expectStatus(resident, '已办结');
    expect(await resident.locator('.detail .timeline__item').filter({ visible: true }).count()).toBe(6);
    // Each photo is fetched with the bearer token before its <img> exists: wait for the second one
    // to arrive (the count right after 已办结 showed may still be 1), then check there is no third.
    await resident.locator('.detail .timeline img').filter({ visible: true }).nth(1).waitFor();
    await expect(resident.locator('.detail .timeline img').filter({ visible: true }).count()).resolves.toBe(2);
    await shot(resident, 'resident-detail-closed');

    await property.reload();
    await expectStatus(property, '已办结');
    const closed = await call('property', 'GET', `/tickets/${id}`);
    expect(closed).toMatchObject({ status: 'closed', rating: 'satisfied' });
  });

  it('property returns a ticket (退单) with a reason: it leaves the inbox and is back in the community queue', async () => {
    const id = await dispatchedTicket('e2e：3号楼路灯不亮（退单）');
    const property = await signIn(browser, 'property');
    await vis(property, '[data-entry="inbox"]').click();
    await openTicket(property, id);
    await act(property, 'return');
    await vis(property, '[data-testid="reason"] textarea').fill('该路灯属于市政照明，不在物业服务范围内');
    await vis(property, '[data-testid="confirm"]').click();
    await vis(property, '.tabs').waitFor();
    await expect(property.locator(`[data-ticket-id="${id}"]`).filter({ visible: true }).count()).resolves.toBe(0);

    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="queue"]').click();
    await vis(community, `[data-ticket-id="${id}"]`, '被退回1次').waitFor();
    await openTicket(community, id);
    await expectStatus(community, '待派单');
    await vis(community, '.timeline__note', '不在物业服务范围内').waitFor();
  });

  it('resident rates 不满意: the ticket reopens to the same handler (处理中, 重办 1)', async () => {
    const id = await dispatchedTicket('e2e：单元门口路灯坏了（不满意重办）');
    await call('property', 'POST', `/tickets/${id}/accept`, {});
    await call('property', 'POST', `/tickets/${id}/resolve`, { note: '已更换灯泡', photoIds: [await uploadAs('property')] });

    const resident = await signIn(browser, 'resident');
    await go(resident, `/pages/ticket/index?id=${id}`);
    await expectStatus(resident, '待评价');
    await vis(resident, '[data-action="rate"]').click();
    await vis(resident, '[data-rating="dissatisfied"]').click();
    await vis(resident, '.rate-form .hint', '退回原处理单位').waitFor();
    await vis(resident, '.rate-form textarea').fill('灯还是不亮');
    await vis(resident, '.rate-form .btn').click();
    await expectStatus(resident, '处理中');
    await vis(resident, '.kv', '重办次数').waitFor();

    const property = await signIn(browser, 'property');
    await vis(property, '[data-entry="inbox"]').click();
    await vis(property, '[data-tab="accepted"]').click();
    await vis(property, `[data-ticket-id="${id}"]`).waitFor();
    const reopened = await call('property', 'GET', `/tickets/${id}`);
    expect(reopened).toMatchObject({ status: 'accepted', reopenCount: 1, handler: { name: expect.stringContaining('宁夏塞上阳光物业') } });
  });

  it('resident cancels (撤销) a report before anyone accepted it', async () => {
    const categories = await call('resident', 'GET', '/categories');
    const categoryId = categories.items.find((c: { code: string }) => c.code === 'corridor_clutter').id;
    const created = await call('resident', 'POST', '/tickets', { categoryId, description: 'e2e：楼道纸箱已自行清理（撤销）' });
    const resident = await signIn(browser, 'resident');
    await go(resident, `/pages/ticket/index?id=${created.id}`);
    await expectStatus(resident, '待派单');
    await vis(resident, '[data-action="cancel"]').click();
    await resident.getByText('确定', { exact: true }).filter({ visible: true }).first().click();
    await expectStatus(resident, '已撤销');
    await expect(resident.locator('[data-testid="action-bar"]').filter({ visible: true }).count()).resolves.toBe(0);
  });

  it('handler pauses (挂起) with a reason, then resumes the clock', async () => {
    const id = await dispatchedTicket('e2e：楼道灯不亮，需订购灯具（挂起）');
    await call('property', 'POST', `/tickets/${id}/accept`, {});
    const property = await signIn(browser, 'property');
    await go(property, `/pages/ticket/index?id=${id}`);
    await act(property, 'pause');
    await vis(property, '[data-testid="reason"] textarea').fill('灯具需订购，预计三天到货');
    await vis(property, '[data-testid="confirm"]').click();
    await vis(property, '[data-testid="paused"]', '灯具需订购').waitFor();
    await vis(property, '[data-action="resume"]').click();
    await property.getByText('确定', { exact: true }).filter({ visible: true }).first().click();
    await vis(property, '.timeline__action', '恢复计时').waitFor();
    await expect(property.locator('[data-testid="paused"]').filter({ visible: true }).count()).resolves.toBe(0);
  });
});
