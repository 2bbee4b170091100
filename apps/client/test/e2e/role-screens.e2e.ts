import { join } from 'node:path';
import type { Role } from '@red-butler/domain';
import { workbenchFor } from '../../src/lib/workbench.util';
import { axeProblems, smallTargets, smallText } from './a11y.helpers';
import type { Browser, Page } from 'playwright-core';
import { call, dispatchedTicket } from './api.client';
import { go, launch, SCREENSHOTS, shot, signIn, vis } from './browser.helpers';

jest.setTimeout(120_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/**
 * The board counts days and quarters on the browser's clock: give the page this process's, which (like
 * the API's and the seed's) may be faked to another day in CI — Chromium itself does not run under
 * libfaketime.
 */
async function onTestClock(page: Page): Promise<Page> {
  await page.clock.install({ time: new Date() });
  await page.reload();
  await vis(page, '.home__hello').waitFor();
  return page;
}

describe('each role’s main screen (screenshots kept under artifacts/screenshots)', () => {
  it('grid worker: reports a patrol case on behalf of a resident with a call-back number', async () => {
    const grid = await signIn(browser, 'grid');
    await vis(grid, '[data-entry="on-behalf"]').click();
    await vis(grid, '[data-category="corridor_clutter"]').click();
    await vis(grid, '.report-form textarea').fill('e2e：2单元楼道堆放大量纸箱（居民来电）');
    await vis(grid, '[data-testid="compound-select"]').click();
    await vis(grid, '.sheet__option').click();
    // A grid worker files patrol cases only: 网格巡查 is the one channel offered.
    await vis(grid, '.chip-option--on', '网格巡查').waitFor();
    expect(await grid.locator('.chip-option').count()).toBe(1);
    await vis(grid, 'input[placeholder^="11位手机号"]').fill('13912345678');
    await shot(grid, 'grid-report-on-behalf');
    await vis(grid, '[data-testid="submit-report"]').click();
    await grid.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(grid.url())![1]);
    const ticket = await call('community', 'GET', `/tickets/${id}`);
    expect(ticket).toMatchObject({ channel: 'grid_patrol', reporter: { phone: '13912345678' } });
    await go(grid, '/staff/pages/visits/index');
    await vis(grid, '.page-head', '待回访').waitFor();
    await vis(grid, '[data-visit-ticket]').waitFor();
    await shot(grid, 'grid-visits');
  });

  it('community staff: enter a 12345 hotline case with its case number, call time and caller', async () => {
    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="on-behalf"]').click();
    await vis(community, '[data-category="sewer_blocked"]').click();
    await vis(community, '.report-form textarea').fill('e2e：12345转来，6号楼下水道反水');
    await vis(community, '[data-testid="compound-select"]').click();
    await vis(community, '.sheet__option', '湖畔嘉苑').click();
    await vis(community, '.chip-option', '12345热线').click();
    const caseNo = `E2E-${Date.now()}`;
    await vis(community, 'input[placeholder="热线平台的工单编号"]').fill(caseNo);
    await vis(community, 'input[placeholder^="如 2026-11-25"]').fill('2026-03-02 09:30');
    await vis(community, 'input[placeholder="来电或来访居民的姓名"]').fill('张秀英');
    await vis(community, 'input[placeholder^="11位手机号"]').fill('13909518826');
    await shot(community, 'community-hotline-case');
    await vis(community, '[data-testid="submit-report"]').click();
    await community.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(community.url())![1]);
    const ticket = await call('community', 'GET', `/tickets/${id}`);
    expect(ticket).toMatchObject({
      channel: 'hotline_12345', hotline: { caseNo, calledAt: '2026-03-02T01:30:00.000Z' }, caller: { name: '张秀英', phone: '13909518826' },
    });
    await vis(community, '.kv__v', caseNo).waitFor();
  });

  it('community staff: import the sample 12345 export — preview first, then create', async () => {
    const community = await signIn(browser, 'community');
    await vis(community, '[data-entry="import"]').click();
    const [chooser] = await Promise.all([community.waitForEvent('filechooser'), vis(community, '[data-testid="import-choose"]').click()]);
    await chooser.setFiles(join(__dirname, '..', '..', '..', '..', 'seeds', 'hotline-12345-sample.csv'));
    await vis(community, '[data-testid="import-summary"]', '将创建 5').waitFor();
    await shot(community, 'community-hotline-import-preview');
    await vis(community, '[data-testid="import-confirm"]').click();
    await vis(community, '[data-testid="import-summary"]', '已创建 5').waitFor();
    const listed = await call('community', 'GET', '/tickets?channel=hotline_12345&text=NX12345-20261124-0031');
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ channel: 'hotline_12345', hotline: { caseNo: 'NX12345-20261124-0031' }, caller: { phone: '139****8826' } });
  });

  it('community and street staff: the dispatch queue; merge offers the community’s open tickets of the category', async () => {
    const first = await dispatchedTicket('e2e：小区北门路灯不亮（合并目标）');
    const categories = await call('resident', 'GET', '/categories');
    const categoryId = categories.items.find((c: { code: string }) => c.code === 'street_light_out').id;
    const duplicate = await call('resident', 'POST', '/tickets', { categoryId, description: 'e2e：北门的路灯坏了（重复）' });
    const community = await signIn(browser, 'community');
    await go(community, `/pages/ticket/index?id=${duplicate.id}`);
    await vis(community, '[data-action="merge"]').click();
    await vis(community, `[data-candidate="${first}"]`).click();
    await shot(community, 'community-merge');
    await vis(community, '[data-testid="confirm"]').click();
    await vis(community, '.detail .chip', '已合并').waitFor();

    const street = await signIn(browser, 'street');
    await vis(street, '[data-entry="queue"]').click();
    await vis(street, '.page-head').waitFor();
    await shot(street, 'street-queue');
  });

  it('吹哨: community escalates to 城管; the department finds it in its inbox and accepts it', async () => {
    const id = await dispatchedTicket('e2e：楼下空地有人私搭板房（吹哨）');
    const community = await signIn(browser, 'community');
    await go(community, `/pages/ticket/index?id=${id}`);
    await vis(community, '[data-action="escalate"]').click();
    await vis(community, '[data-testid="department-select"]').click();
    await vis(community, '.sheet__option', '城管').click();
    await vis(community, '[data-testid="reason"] textarea').fill('涉及违章搭建，需城管执法');
    await vis(community, '[data-testid="confirm"]').click();
    await vis(community, '.timeline__fact', '吹哨至').waitFor();

    const dept = await signIn(browser, 'dept');
    await vis(dept, '[data-entry="inbox"]').click();
    await vis(dept, `[data-ticket-id="${id}"]`).waitFor();
    await shot(dept, 'dept-inbox');
    await vis(dept, `[data-ticket-id="${id}"]`).click();
    await vis(dept, '[data-action="accept"]').click();
    await vis(dept, '[data-testid="confirm"]').click();
    await vis(dept, '.detail .chip', '处理中').waitFor();

    const worker = await signIn(browser, 'worker');
    await vis(worker, '[data-entry="inbox"]').click();
    // A worker accepts nothing: the inbox opens on 处理中, where the demo history has assigned work.
    await vis(worker, '.tabs__item--on[data-tab="accepted"]').waitFor();
    await vis(worker, '[data-ticket-id]').waitFor();
    await shot(worker, 'worker-inbox');
  });

  it('supervisor: the SLA dashboard from the reports API (KPI cards, trend, company ranking, overdue list)', async () => {
    const supervisor = await onTestClock(await signIn(browser, 'supervisor'));
    const answer = supervisor.waitForResponse((r) => r.url().includes('/api/reports/sla?') && !r.url().includes('groupBy=') && r.ok());
    await vis(supervisor, '[data-entry="board"]').click();
    const response = await answer;
    const report = await response.json();
    // The board opens on 近30天 (today included), never on an empty 本月 the 1st of a month; the seeded
    // demo history reaches today, so the figures are there whatever day this runs.
    await vis(supervisor, '.chip-option--on', '近30天').waitFor();
    const asked = new URL(response.url()).searchParams;
    expect(asked.get('to')).toBe(new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    expect((Date.parse(asked.get('to')!) - Date.parse(asked.get('from')!)) / 86_400_000 + 1).toBe(30);
    expect(report.period).toEqual({ from: asked.get('from'), to: asked.get('to') });
    const onTime = vis(supervisor, '[data-kpi="onTimeResolutionRate"]');
    await onTime.waitFor();
    expect(await onTime.textContent()).toContain('按时办结率');
    const rate: number | null = report.totals.onTimeResolutionRate;
    const shown = rate === null ? '—' : `${(Math.round(Math.round(rate * 10_000) / 10) / 10).toFixed(1)}%`;
    expect(await vis(supervisor, '[data-kpi="onTimeResolutionRate"] .kpi__value').textContent()).toBe(shown);
    expect(Number(await vis(supervisor, '[data-kpi="received"] .kpi__value').textContent())).toBe(report.totals.received);
    expect(report.totals.received).toBeGreaterThan(0);
    await vis(supervisor, '[data-testid="ranking"]', '物业公司排名（按时办结率）').waitFor();
    // A rate is shown with what it was measured on; a company with nothing to measure, or nothing
    // received in the period, shows "—".
    for (const rate of await supervisor.locator('[data-testid="ranking"] [data-rate]').filter({ visible: true }).allTextContents()) {
      expect(rate).toMatch(/^(—|—本期无受理|\d{1,3}\.\d%\d+\/\d+)$/);
    }
    await vis(supervisor, '[data-testid="overdue"]').waitFor();
    await shot(supervisor, 'supervisor-dashboard');
  });

  it('supervisor: the quarter star ranking and 红黑榜 from the demo history, and the Excel export downloads', async () => {
    const supervisor = await onTestClock(await signIn(browser, 'supervisor'));
    const answer = supervisor.waitForResponse((r) => r.url().includes('/api/reports/ranking?') && r.ok());
    await vis(supervisor, '[data-entry="board"]').click();
    const ranking = await (await answer).json();
    const board = vis(supervisor, '[data-testid="star-ranking"]');
    await board.waitFor();
    // The seed CLI writes the demo history, so last quarter has rated companies.
    const first = ranking.rows[0];
    expect(first.stars).not.toBeNull();
    expect(await board.textContent()).toContain(first.company.name);
    expect(await board.textContent()).toContain('★'.repeat(first.stars));
    await vis(supervisor, '[data-testid="quarter-lists"]').waitFor();
    const download = supervisor.waitForEvent('download');
    await vis(supervisor, '[data-testid="ranking-export"] [data-format="xlsx"]').click();
    expect((await download).suggestedFilename()).toBe(`星级评定_${ranking.scope.name}_${ranking.quarter}.xlsx`);
    const card = vis(supervisor, '[data-testid="quarter-board"]');
    await card.scrollIntoViewIfNeeded();
    await card.screenshot({ path: join(SCREENSHOTS, 'supervisor-quarter-board.png') });
  });

  it('长辈模式: the switch enlarges the text and survives a reload', async () => {
    const resident = await signIn(browser, 'resident');
    const size = () => vis(resident, '.home__name').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const normal = await size();
    await vis(resident, '[data-testid="elder-switch"]').click();
    await vis(resident, '.screen--elder').waitFor();
    await resident.reload();
    await vis(resident, '.screen--elder').waitFor();
    expect(await size()).toBeGreaterThan(normal);
    await shot(resident, 'resident-home-elder');
  });
});

/** Waits until the screen has its data: no 加载中… on screen and the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => !Array.from(document.querySelectorAll('.empty')).some((e) => (e as HTMLElement).offsetParent !== null && e.textContent === '加载中…'), null, { timeout: 10_000 })
    .catch(() => undefined);
}

const ROLES = ['resident', 'grid', 'community', 'street', 'property', 'worker', 'dept', 'supervisor', 'admin', 'committee'];

/** Home, then every workbench entry the role's home page offers (the same list the page renders). */
async function screensOf(role: string): Promise<Array<{ key: string; route: string }>> {
  const me = await call<{ roles: Role[] }>(role, 'GET', '/me');
  const screens = [
    { key: 'home', route: '/pages/index/index' },
    { key: 'messages', route: '/pages/messages/index' },
    { key: 'me', route: '/pages/mine/index' },
    ...workbenchFor(me.roles).map((e) => ({ key: e.key, route: e.url })),
    { key: 'not-found', route: '/pages/no-such-page/index' },
  ];
  // A ticket the role can open: its detail (header, deadlines, timeline, actions) is a screen too.
  const page = await call<{ items: Array<{ id: number }> }>(role, 'GET', '/tickets?limit=1').catch(() => ({ items: [] }));
  if (page.items[0]) screens.push({ key: 'ticket', route: `/pages/ticket/index?id=${page.items[0].id}` });
  return screens;
}

/** One role's screens in one mode: what axe, and in 长辈模式 the size checks, find on each (screenshots kept). */
async function sweep(role: string, elder: boolean): Promise<string[]> {
  const page = await signIn(browser, role);
  if (elder) {
    await vis(page, '[data-testid="elder-switch"]').click();
    await vis(page, '.screen--elder').waitFor();
  }
  const found: string[] = [];
  for (const screen of await screensOf(role)) {
    await go(page, screen.route);
    await settled(page);
    const name = `${role}-${screen.key}${elder ? '-elder' : ''}`;
    await shot(page, name);
    for (const p of await axeProblems(page)) found.push(`${name} ${p.rule} (${p.help}): ${p.targets.slice(0, 4).join(' | ')}`);
    if (elder) {
      for (const t of await smallText(page)) found.push(`${name} text under 18px: ${t}`);
      for (const t of await smallTargets(page)) found.push(`${name} target under 48px: ${t}`);
    }
  }
  await page.context().close();
  return found;
}

/*
 * Every screen of every role, in both modes, at 375×812: axe finds no contrast or label problem, 长辈模式
 * keeps text at 18 px and controls at 48 px, and each screen's picture is kept under artifacts/screenshots.
 * A role's two modes run side by side, each in a browser context of its own (the mode is kept per
 * context): most of a screen's time is the screenshot's settling pause, so the pair takes little more
 * than one (the sweep was over 3 minutes of CI's time).
 */
describe("every role's screens pass axe (contrast, labels) at 375×812, in normal mode and 长辈模式", () => {
  for (const role of ROLES) {
    it(`${role}`, async () => {
      const found = (await Promise.all([sweep(role, false), sweep(role, true)])).flat();
      expect(found).toEqual([]);
    }, 300_000);
  }
});
