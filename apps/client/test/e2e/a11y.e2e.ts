import type { Browser, Page } from 'playwright-core';
import type { Role } from '@red-butler/domain';
import { workbenchFor } from '../../src/lib/workbench.util';
import { call } from './api.client';
import { axeProblems, smallTargets, smallText } from './a11y.helpers';
import { go, launch, shot, signIn, vis } from './browser.helpers';

jest.setTimeout(600_000);

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

/** Waits until the screen has its data: no 加载中… on screen and the network quiet. */
async function settled(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => !Array.from(document.querySelectorAll('.empty')).some((e) => (e as HTMLElement).offsetParent !== null && e.textContent === '加载中…'), null, { timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(200);
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

for (const elder of [false, true]) {
  describe(`${elder ? '长辈模式' : 'normal mode'}: every role's screens pass axe (contrast, labels) at 375×812`, () => {
    for (const role of ROLES) {
      it(`${role}`, async () => {
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
          await shot(page, `a11y-${name}`);
          for (const p of await axeProblems(page)) found.push(`${name} ${p.rule} (${p.help}): ${p.targets.slice(0, 4).join(' | ')}`);
          if (elder) {
            for (const t of await smallText(page)) found.push(`${name} text under 18px: ${t}`);
            for (const t of await smallTargets(page)) found.push(`${name} target under 48px: ${t}`);
          }
        }
        expect(found).toEqual([]);
        await page.context().close();
      });
    }
  });
}
