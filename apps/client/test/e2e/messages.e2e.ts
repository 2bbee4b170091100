import type { Browser } from 'playwright-core';
import { call } from './api.client';
import { addPhoto, expectStatus, go, launch, shot, signIn, vis } from './browser.helpers';
import { makePng } from './png.util';

jest.setTimeout(90_000);

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('消息: a resident hears of the dispatch in the app', () => {
  it('reports → staff dispatches → the home badge and the message show → opening it opens the ticket and clears the badge', async () => {
    // The demo data has older notices: start from an empty inbox, so the badge counts this ticket alone.
    await call('resident', 'POST', '/notifications/read-all');
    const resident = await signIn(browser, 'resident');
    await vis(resident, '[data-entry="report"]').click();
    await vis(resident, '[data-category="street_light_out"]').click();
    await vis(resident, '.report-form textarea').fill('e2e 消息：3号楼门前路灯不亮');
    await addPhoto(resident, makePng(320, 240));
    await vis(resident, 'input[placeholder^="如：6号楼东侧"]').fill('3号楼门前');
    await vis(resident, '[data-testid="submit-report"]').click();
    // H5 has no subscribe messages: the report goes straight to its ticket, no consent prompt.
    await resident.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(resident.url())![1]);
    await expect(resident.locator('.taro__modal').filter({ visible: true }).count()).resolves.toBe(0);

    const detail = await call('community', 'GET', `/tickets/${id}`);
    await call('community', 'POST', `/tickets/${id}/dispatch`, { companyId: detail.suggestedHandler.id });

    await go(resident, '/pages/index/index');
    await vis(resident, '[data-entry="messages"] [data-testid="unread-badge"]', '1').waitFor({ timeout: 15_000 });
    await shot(resident, 'messages-home-badge');
    await vis(resident, '[data-entry="messages"]').click();
    const thread = `.message-thread[data-ticket-id="${id}"]`;
    await vis(resident, `${thread} .message--unread`, '报事进展：待接单').waitFor();
    await shot(resident, 'messages-list');
    await vis(resident, `${thread} [data-testid="thread-open"]`).click();
    await resident.waitForURL(new RegExp(`pages/ticket/index\\?id=${id}`));
    await expectStatus(resident, '待接单');

    expect((await call('resident', 'GET', '/messages/unread')).total).toBe(0);
    await go(resident, '/pages/index/index');
    await vis(resident, '[data-entry="messages"]').waitFor();
    await resident.waitForFunction(
      () => !Array.from(document.querySelectorAll('[data-entry="messages"] [data-testid="unread-badge"]')).some((e) => (e as HTMLElement).offsetParent !== null),
      null,
      { timeout: 10_000 },
    );
    await shot(resident, 'messages-badge-cleared');
  });
});
