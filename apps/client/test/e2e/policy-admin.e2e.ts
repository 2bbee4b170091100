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

// Two festivals of next year in the notice's own words (the 2026 notice's format, 2027's weekdays).
const NOTICE = '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月20日（周六）上班。';

describe('时限与配置: an admin loads next year’s holidays and edits a policy in the browser', () => {
  it('pastes the notice, previews it over the year, saves it; the policy form refuses a bad value in Chinese', async () => {
    const admin = await signIn(browser, 'admin');
    await vis(admin, '[data-entry="work-calendar"]').click();
    await vis(admin, '[data-testid="calendar-summary"]').waitFor();
    await vis(admin, '[data-testid="notice-text"] textarea').fill(NOTICE);
    await vis(admin, '[data-testid="notice-parse"]').click();
    await vis(admin, '[data-festival="春节"]', '2月5日至2月11日，共7天；2月20日上班').waitFor();
    await vis(admin, '[data-date="2027-02-20"][data-kind="workday"]').waitFor();
    await shot(admin, 'work-calendar-preview');
    await vis(admin, '[data-testid="notice-save"]').click();
    await vis(admin, '[data-testid="calendar-summary"]', '调休上班 1 天').waitFor();
    const saved = await call<{ holidays: string[]; workingWeekends: string[] }>('admin', 'GET', '/admin/calendar');
    expect(saved.holidays).toContain('2027-02-10');
    expect(saved.workingWeekends).toContain('2027-02-20');

    await admin.goBack();
    await vis(admin, '[data-entry="sla-policies"]').click();
    const row = vis(admin, '[data-policy$=":normal"]');
    await row.locator('[data-testid^="policy-"]').first().click();
    await vis(admin, '[data-testid="policy-dispatchMinutes"] input').fill('0');
    await vis(admin, '[data-testid="policy-save"]').click();
    await vis(admin, '[data-problem="dispatchMinutes"]', '派单时限须为正整数（分钟）').waitFor();
    await shot(admin, 'sla-policy-form');
  });
});
