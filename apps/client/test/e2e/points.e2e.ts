import type { Browser, Page } from 'playwright-core';
import { call } from './api.client';
import { launch, shot, signIn, vis } from './browser.helpers';

jest.setTimeout(120_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const balanceOf = async (page: Page) => Number(await vis(page, '[data-testid="points-balance"]').textContent());

describe('积分 in 安居苑社区: an activity earns points that the resident spends at the 爱心屋', () => {
  it('staff publish, a resident signs up, is checked in, sees the points, redeems, and staff hand the item over', async () => {
    const title = `湖畔嘉苑楼道清理 ${Date.now() % 10000}`;
    const residentId = (await call<{ id: number }>('resident', 'GET', '/me')).id;
    const before = (await call<{ balance: number }>('resident', 'GET', '/points/me')).balance;

    // The community publishes an activity of 2 hours (the seeded district rule: 10 points an hour).
    const staff = await signIn(browser, 'community');
    await vis(staff, '[data-entry="points-desk"]').click();
    await vis(staff, '[data-testid="activity-title"] input').fill(title);
    await vis(staff, '[data-testid="activity-place"] input').fill('湖畔嘉苑6号楼');
    await vis(staff, '[data-testid="activity-submit"]').click();
    await vis(staff, '.activity', title).waitFor();
    const activityId = (await call<{ items: Array<{ id: number; title: string }> }>('community', 'GET', '/activities')).items.find((a) => a.title === title)!.id;

    // The resident signs up from 积分与爱心屋.
    const resident = await signIn(browser, 'resident');
    await vis(resident, '[data-entry="points"]').click();
    await vis(resident, `[data-testid="signup-${activityId}"]`, '报名').click();
    await vis(resident, `[data-testid="signup-${activityId}"]`, '已报名').waitFor();

    // Staff open the activity and check the resident in: the points follow.
    await staff.reload();
    await vis(staff, '.activity', title).click();
    await vis(staff, '[data-checkin]').waitFor();
    await vis(staff, `[data-testid="checkin-${residentId}"]`).click();
    await vis(staff, `[data-signup="${residentId}"]`, '已签到').waitFor();
    await shot(staff, 'points-desk-checkin');

    await resident.reload();
    await vis(resident, '.points-ledger__row', title).waitFor();
    expect(await balanceOf(resident)).toBe(before + 20);

    // The resident redeems 抽纸一提 (10 points); staff hand it over.
    const items = await call<{ items: Array<{ id: number; name: string }> }>('resident', 'GET', '/shop-items');
    await vis(resident, `[data-testid="redeem-${items.items.find((i) => i.name === '抽纸一提')!.id}"]`, '兑换').click();
    await vis(resident, '[data-redemption]', '待领取').waitFor();
    expect(await balanceOf(resident)).toBe(before + 10);
    await shot(resident, 'points-resident');

    await staff.reload();
    const pending = (await call<{ items: Array<{ id: number; status: string }> }>('resident', 'GET', '/redemptions')).items.find((r) => r.status === 'pending')!;
    await vis(staff, `[data-testid="handover-${pending.id}"]`).click();
    await vis(staff, '.redemption-desk', '没有待领取的兑换').waitFor();

    await resident.reload();
    await vis(resident, '[data-redemption]', '已领取').waitFor();
  });
});
