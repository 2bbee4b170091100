// Builds the client's compiled outputs (dist/weapp, dist/h5) when one is missing or older than the
// sources. The jest setups call it so `jest` alone tests fresh output; `pnpm test` also runs it as a
// command (`node scripts/build-if-stale.js weapp h5`) at the lowest CPU priority from its first
// step, so both builds are done, from CPU the other checks leave idle, before the tests that need them.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
/** The file each build writes last-ish and always: its mtime stands for the build's. */
const MARKER = { weapp: join('dist', 'weapp', 'app.js'), h5: join('dist', 'h5', 'index.html') };

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

function isStale(type) {
  const built = join(root, MARKER[type]);
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'config')));
  return !existsSync(built) || statSync(built).mtimeMs < sources;
}

/** Builds `type` (weapp | h5) in production mode when stale; throws with taro's output when the build fails. */
function buildIfStale(type) {
  if (!MARKER[type]) throw new Error(`unknown client build ${type} (weapp or h5)`);
  if (!isStale(type)) return false;
  const r = spawnSync('npx', ['taro', 'build', '--type', type], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error(`taro build --type ${type} failed (${r.status})`);
  }
  return true;
}

module.exports = { buildIfStale };

if (require.main === module) {
  for (const type of process.argv.slice(2)) {
    const started = Date.now();
    const built = buildIfStale(type);
    console.log(`client ${type}: ${built ? `built in ${((Date.now() - started) / 1000).toFixed(1)}s` : 'up to date'}`);
  }
}
