import type { Browser } from 'playwright-core';
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

describe('五公开 and 公示栏 (issue #15)', () => {
  it('the manager submits 五公开, the community approves, the resident reads it', async () => {
    const me = await call<{ compound: { id: number } }>('resident', 'GET', '/me');
    const hupan = me.compound.id;
    const manager = await signIn(browser, 'property');
    await vis(manager, '[data-entry="disclosure-edit"]').click();
    await vis(manager, `[data-flag-compound="${hupan}"]`).click();
    await vis(manager, '[data-testid="dis-service"] textarea').fill('公共区域保洁每日两次；秩序维护24小时值守');
    await vis(manager, '[data-testid="dis-fees"] textarea').fill('物业服务费（住宅）｜元/平方米·月｜1.20\n地面停车位｜元/个·月｜60');
    await vis(manager, '[data-testid="dis-basis"] textarea').fill('物业服务合同第五条');
    await vis(manager, '[data-testid="dis-commitments"] textarea').fill('报修30分钟内响应');
    await vis(manager, '[data-testid="dis-phone"] input').fill('0951-5108826');
    await vis(manager, '[data-testid="dis-submit"]').click();
    // Back on the board, the compound now waits for review.
    await vis(manager, `[data-flag-compound="${hupan}"] [data-testid="flag"]`, '待审核').waitFor();

    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="disclosure-reviews"]').click();
    await vis(community, '[data-review^="disclosure-"] [data-testid="review-approve"]').click();
    await vis(community, '.empty', '没有待审核的内容').waitFor();

    const resident = await signIn(browser, 'resident');
    await vis(resident, '[data-entry="disclosure"]').click();
    await vis(resident, '[data-testid="complaint-phone"]', '0951-5108826').waitFor();
    await vis(resident, '.disclosure__amount', '1.20 元/平方米·月').waitFor();
    await shot(resident, 'disclosure-resident');
  });

  it('the 业委会 posts a notice, the community approves, a resident of the compound reads it', async () => {
    const committee = await signIn(browser, 'committee');
    await vis(committee, '[data-entry="disclosure"]').click();
    await vis(committee, '[data-testid="new-notice"]').click();
    await vis(committee, '[data-testid="notice-month"] input').fill('2026-11');
    await vis(committee, '[data-testid="notice-title"] input').fill('2026年11月维修资金使用公示');
    await vis(committee, '[data-testid="notice-body"] textarea').fill('经业主大会表决同意，使用专项维修资金更换2号楼电梯主板。');
    await vis(committee, '[data-testid="notice-amounts"] textarea').fill('2号楼电梯主板更换｜18600.00\n监理费｜0.10');
    await vis(committee, '[data-testid="notice-submit"]').click();
    await vis(committee, '[data-testid="new-notice"]').waitFor();

    const community = await signIn(browser, 'community3');
    await vis(community, '[data-entry="disclosure-reviews"]').click();
    await vis(community, '[data-review^="notice-"] [data-testid="review-approve"]').click();
    await vis(community, '.empty', '没有待审核的内容').waitFor();

    const owner = await signIn(browser, 'owner');
    await vis(owner, '[data-entry="disclosure"]').click();
    await vis(owner, '.notice', '2026年11月维修资金使用公示').waitFor();
    await vis(owner, '[data-testid="notice-total"]', '18600.10 元').waitFor();
    await shot(owner, 'notice-board-owner');
  });
});
