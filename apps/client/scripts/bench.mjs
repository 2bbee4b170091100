#!/usr/bin/env node
// `pnpm bench client`: builds both targets (unless --no-build) and prints
//  - weapp: the main package (everything outside subpackage roots) and the total, against WeChat's
//    2 MB per-package limit and our 1 MB floor;
//  - H5: the JS and CSS a first visit loads (gzip), measured in Chromium when it is installed (every
//    script and stylesheet requested until the first screen settles), else from index.html's tags.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const KB = 1024;
const WEAPP_MAIN_FLOOR = 1024 * KB;
const H5_JS_FLOOR = 250 * KB;
const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

function build(type) {
  const started = Date.now();
  const r = spawnSync('npx', ['taro', 'build', '--type', type], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    process.stderr.write(r.stdout + r.stderr);
    process.exit(r.status ?? 1);
  }
  return (Date.now() - started) / 1000;
}

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function weapp() {
  const dist = join(root, 'dist', 'weapp');
  const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8'));
  const subRoots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  // project.config.json is the DevTools project file, not part of the uploaded code package.
  const all = files(dist).filter((f) => !f.endsWith('project.config.json'));
  const size = (list) => list.reduce((sum, f) => sum + statSync(f).size, 0);
  const inSub = (f) => subRoots.some((r) => relative(dist, f).startsWith(r));
  const main = size(all.filter((f) => !inSub(f)));
  const subs = subRoots.map((r) => ({ root: r, bytes: size(all.filter((f) => relative(dist, f).startsWith(r))) }));
  return { main, total: size(all), subs };
}

function freePort() {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

const gz = (path) => gzipSync(readFileSync(path), { level: 9 }).length;

async function h5InBrowser() {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return null;
  const { chromium: pw } = await import('playwright-core');
  const port = await freePort();
  // No API behind it: a first visit without a session lands on the login screen, as a new user's does.
  const server = spawn(process.execPath, [join(root, 'scripts', 'serve-h5.mjs')], {
    env: { ...process.env, CLIENT_PORT: String(port), API_URL: 'http://127.0.0.1:9' },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; i < 50; i += 1) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const browser = await pw.launch({ executablePath: chromium, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
    const page = await browser.newPage({ viewport: { width: 375, height: 812 } });
    const requested = new Set();
    page.on('request', (req) => {
      const path = new URL(req.url()).pathname;
      if (/\.(js|css)$/.test(path)) requested.add(path);
    });
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle' });
    await page.locator('.login__logo').waitFor({ timeout: 15000 });
    await browser.close();
    const dist = join(root, 'dist', 'h5');
    const list = [...requested].map((p) => join(dist, p));
    return {
      how: 'measured in Chromium: files requested for the first screen (login)',
      js: list.filter((f) => f.endsWith('.js')),
      css: list.filter((f) => f.endsWith('.css')),
    };
  } finally {
    server.kill();
  }
}

function h5FromHtml() {
  const dist = join(root, 'dist', 'h5');
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\/([^"]+\.(?:js|css))"/g)].map((m) => join(dist, m[1]));
  return { how: 'entry files named in index.html (Chromium not found; page chunk not counted)', js: refs.filter((f) => f.endsWith('.js')), css: refs.filter((f) => f.endsWith('.css')) };
}

const skipBuild = process.argv.includes('--no-build');
const times = skipBuild ? null : { weapp: build('weapp'), h5: build('h5') };
const w = weapp();
const h = (await h5InBrowser()) ?? h5FromHtml();
const sum = (list, f) => list.reduce((s, p) => s + f(p), 0);
const jsGz = sum(h.js, gz);
const cssGz = sum(h.css, gz);
const allH5 = files(join(root, 'dist', 'h5')).filter((f) => /\.(js|css)$/.test(f));

const lines = [
  `weapp main package: ${fmt(w.main)}  (floor ${fmt(WEAPP_MAIN_FLOOR)}, WeChat limit 2048.0 KB) ${w.main <= WEAPP_MAIN_FLOOR ? 'OK' : 'OVER'}`,
  ...w.subs.map((s) => `weapp subpackage ${s.root}: ${fmt(s.bytes)}`),
  `weapp total: ${fmt(w.total)}`,
  `H5 first-load JS (gzip): ${fmt(jsGz)} in ${h.js.length} files  (floor ${fmt(H5_JS_FLOOR)}) ${jsGz <= H5_JS_FLOOR ? 'OK' : 'OVER'}`,
  `H5 first-load CSS (gzip): ${fmt(cssGz)} in ${h.css.length} files`,
  `H5 all JS+CSS (gzip, every page): ${fmt(sum(allH5, gz))} in ${allH5.length} files`,
  `  (${h.how})`,
  ...(times ? [`build time: weapp ${times.weapp.toFixed(1)} s, h5 ${times.h5.toFixed(1)} s`] : []),
];
console.log(lines.join('\n'));
if (w.main > WEAPP_MAIN_FLOOR || jsGz > H5_JS_FLOOR) process.exit(1);
