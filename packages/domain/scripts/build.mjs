// Builds the domain package to CJS and ESM. With --if-stale it first compares modification times:
// when every output exists and no input (sources, tsconfigs, package.json) changed since the last
// build started, it does nothing, so `pnpm start:api` and friends restart without two tsc runs.
// A fresh clone has no dist/ and builds.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..');
const STAMP = join(pkg, 'dist', '.build-stamp');
const OUTPUTS = ['dist/cjs/index.js', 'dist/cjs/index.d.ts', 'dist/esm/index.js', 'dist/esm/package.json'].map((p) => join(pkg, p));
const INPUT_FILES = ['package.json', 'tsconfig.json', 'tsconfig.cjs.json', 'tsconfig.esm.json', '../../tsconfig.base.json'].map((p) => join(pkg, p));

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs; // a deleted or renamed source changes its directory's mtime
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** The time the last successful build started, or null when there is none or an output is missing. */
function lastBuild() {
  if (!existsSync(STAMP) || OUTPUTS.some((p) => !existsSync(p))) return null;
  const startedAt = Number(readFileSync(STAMP, 'utf8').trim());
  return Number.isFinite(startedAt) ? startedAt : null;
}

export function isStale() {
  const built = lastBuild();
  if (built === null) return true;
  const newestInput = Math.max(newestMtime(join(pkg, 'src')), ...INPUT_FILES.map(newestMtime));
  return newestInput >= built;
}

function build() {
  // The start time, not the end: a source saved while tsc runs makes the next run build again.
  const startedAt = Date.now();
  const tsc = createRequire(join(pkg, 'package.json')).resolve('typescript/bin/tsc');
  for (const project of ['tsconfig.cjs.json', 'tsconfig.esm.json']) {
    const r = spawnSync(process.execPath, [tsc, '-p', project], { cwd: pkg, stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  mkdirSync(join(pkg, 'dist', 'esm'), { recursive: true });
  writeFileSync(join(pkg, 'dist', 'esm', 'package.json'), JSON.stringify({ type: 'module' }));
  writeFileSync(STAMP, `${startedAt}\n`);
}

if (process.argv.includes('--if-stale') && !isStale()) {
  console.log('@red-butler/domain: up to date, build skipped');
} else {
  build();
}
