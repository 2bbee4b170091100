import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

// Kept by CI as an artifact, never committed (/artifacts is in .gitignore).
export const SCREENSHOTS = process.env.E2E_SCREENSHOTS ?? join(__dirname, '..', '..', '..', '..', 'artifacts', 'screenshots');

export async function launch(): Promise<Browser> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji`);
  }
  return chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const webUrl = () => process.env.E2E_WEB_URL as string;

/** Taro's H5 router keeps earlier pages in the DOM, hidden: only look at what is on screen. */
export const vis = (page: Page, selector: string, hasText?: string): Locator =>
  page.locator(selector).filter({ visible: true, hasText }).first();

/** A phone-sized browser signed in through the login page's demo-account picker. */
export async function signIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, locale: 'zh-CN' });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[${username}] page error: ${e.message}`));
  await page.goto(`${webUrl()}/`);
  await vis(page, `[data-username="${username}"]`).click();
  await vis(page, '.home__hello').waitFor();
  return page;
}

export async function shot(page: Page, name: string): Promise<void> {
  // Let images settle and any toast fade, so the picture shows the screen itself.
  await page
    .waitForFunction(() => !Array.from(document.querySelectorAll('.taro__toast')).some((e) => (e as HTMLElement).offsetParent !== null), null, { timeout: 3000 })
    .catch(() => undefined);
  await page.waitForTimeout(300);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function go(page: Page, route: string): Promise<void> {
  await page.goto(`${webUrl()}/#${route}`);
}

/** Chooses photos through the hidden file input that Taro's chooseMedia opens. */
/**
 * Chooses one photo and returns once it is uploaded. It waits for the new tile first: returning while
 * the picker's promise was still settling let a test tap 提交 before the form knew of the photo, and the
 * ticket went without it (CI, under load: the resolve photo missing from the timeline).
 */
export async function addPhoto(page: Page, png: Buffer): Promise<void> {
  const tiles = page.locator('[data-testid="photo-item"]').filter({ visible: true });
  const before = await tiles.count();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), vis(page, '[data-testid="photo-add"]').click()]);
  await chooser.setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: png });
  await tiles.nth(before).waitFor();
  await page.waitForFunction(() => !Array.from(document.querySelectorAll('.photos__progress')).some((e) => (e as HTMLElement).offsetParent !== null));
  if ((await page.locator('.photos__error').filter({ visible: true }).count()) > 0) throw new Error('the photo upload failed');
}

export async function expectStatus(page: Page, label: string): Promise<void> {
  await page.locator('.detail .chip').filter({ visible: true, hasText: label }).first().waitFor({ timeout: 15_000 });
}
