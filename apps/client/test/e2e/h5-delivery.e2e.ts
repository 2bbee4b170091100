import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { call } from './api.client';
import { addPhoto, launch, signIn, vis, webUrl } from './browser.helpers';
import { makePng } from './png.util';

jest.setTimeout(120_000);

// The budget a first visit on a phone may cost (issue #13): the JS the login screen loads, gzipped.
const H5_FIRST_LOAD_JS_BUDGET = 250 * 1024;

let browser: Browser;

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

describe('the H5 build as a phone receives it', () => {
  it('serve-h5 compresses text files: brotli when offered, else gzip, never for a client that takes neither', async () => {
    const html = await (await fetch(`${webUrl()}/`)).text();
    const script = /src="\/(js\/[^"]+\.js)"/.exec(html)![1];
    const br = await fetch(`${webUrl()}/${script}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toBe('Accept-Encoding');
    const gzip = await fetch(`${webUrl()}/${script}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    // fetch decodes: the text is the file itself.
    expect(await gzip.text()).toBe(readFileSync(join(__dirname, '..', '..', 'dist', 'h5', script), 'utf8'));
    const plain = await fetch(`${webUrl()}/${script}`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
  });

  it(`first-load JS (every script the login screen requests) stays within ${H5_FIRST_LOAD_JS_BUDGET / 1024} KB gzip`, async () => {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    const scripts = new Set<string>();
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.endsWith('.js')) scripts.add(path);
    });
    await page.goto(`${webUrl()}/`, { waitUntil: 'networkidle' });
    await vis(page, '.login__logo').waitFor();
    const dist = join(__dirname, '..', '..', 'dist', 'h5');
    const bytes = [...scripts].reduce((sum, p) => sum + gzipSync(readFileSync(join(dist, p)), { level: 9 }).length, 0);
    console.log(`H5 first-load JS: ${(bytes / 1024).toFixed(1)} KB gzip in ${scripts.size} files`);
    expect(scripts.size).toBeGreaterThan(0);
    expect(bytes).toBeLessThanOrEqual(H5_FIRST_LOAD_JS_BUDGET);
    await context.close();
  });

  it('a resident reports from H5: no console error on submit, and 来源 says H5网页 (the API recorded h5)', async () => {
    const resident = await signIn(browser, 'resident');
    const errors: string[] = [];
    resident.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    resident.on('pageerror', (e) => errors.push(e.message));
    await vis(resident, '[data-entry="report"]').click();
    await vis(resident, '[data-category="street_light_out"]').click();
    await vis(resident, '.report-form textarea').fill('e2e：H5 报事，3号楼前路灯不亮');
    await addPhoto(resident, makePng(320, 240));
    await vis(resident, '[data-testid="submit-report"]').click();
    await resident.waitForURL(/pages\/ticket\/index\?id=\d+/);
    const id = Number(/id=(\d+)/.exec(resident.url())![1]);
    await vis(resident, '.kv__v', 'H5网页').waitFor();
    await vis(resident, '.timeline__action', '已提交').waitFor();
    expect(await call('resident', 'GET', `/tickets/${id}`)).toMatchObject({ channel: 'h5' });
    await resident.waitForTimeout(500);
    expect(errors).toEqual([]);
  });
});
