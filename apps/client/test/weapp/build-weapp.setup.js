// Builds dist/weapp when it is missing or older than the sources, so `jest` alone tests fresh output.
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');

function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

module.exports = async () => {
  const built = join(root, 'dist', 'weapp', 'app.js');
  const sources = Math.max(newest(join(root, 'src')), newest(join(root, 'config')));
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  const r = spawnSync('npx', ['taro', 'build', '--type', 'weapp'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error('taro build --type weapp failed');
  }
};
