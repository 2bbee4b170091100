#!/usr/bin/env node
// `pnpm test`: every check a change must pass, in order, against the real PostgreSQL and Redis and,
// for the client, a real browser. Ends with one "N passed, N failed" line summing all jest suites.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'rb-test-'));
let passed = 0;
let failed = 0;
const failures = [];

function step(name, cmd, args, cwd = root, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (r.status !== 0) {
    failures.push(name);
    console.log(`✖ ${name} (${seconds}s)`);
  } else {
    console.log(`✔ ${name} (${seconds}s)`);
  }
  return r.status === 0;
}

function jest(name, cwd, extra = []) {
  const out = join(reports, `${name.replace(/\W+/g, '-')}.json`);
  step(name, 'npx', ['jest', '--ci', '--json', `--outputFile=${out}`, ...extra], cwd);
  if (!existsSync(out)) {
    failed += 1; // the runner itself died: count it, never report a green run that ran nothing
    return;
  }
  const result = JSON.parse(readFileSync(out, 'utf8'));
  passed += result.numPassedTests;
  failed += result.numFailedTests + (result.numRuntimeErrorTestSuites ?? 0);
  if (result.numPendingTests > 0) {
    console.log(`✖ ${name}: ${result.numPendingTests} skipped tests are not allowed`);
    failed += result.numPendingTests;
  }
}

const domain = join(root, 'packages/domain');
const api = join(root, 'apps/api');
const client = join(root, 'apps/client');

step('build @red-butler/domain (CJS + ESM)', 'pnpm', ['--filter', '@red-butler/domain', 'build']);
step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], api);
step('lint (eslint, no floating promises)', 'npx', ['eslint', 'apps/api', 'packages/domain']);
step('entities match migrations (drift check on a scratch database)', 'pnpm', ['--filter', 'api', 'db:check']);
jest('domain unit tests', domain);
jest('api unit + integration tests (real PostgreSQL)', api, ['--testPathIgnorePatterns', 'worker\\.e2e-spec']);
// Alone, so that its firing-lag check measures the engine rather than the other suites' load.
jest('deadline workers (real Redis + PostgreSQL, kill/flush/restart)', api, ['--runInBand', 'test/worker.e2e-spec.ts']);
step('client typecheck', 'pnpm', ['--filter', 'client', 'typecheck']);
// Builds dist/weapp itself when stale, then drives the compiled mini-program pages in Node.
jest('client component + weapp-in-Node tests', client);
// Builds H5, starts a real API on a throwaway database and drives the pages in Debian's Chromium.
jest('client browser e2e (H5 in Chromium, real API)', client, ['-c', 'jest.e2e.config.js']);

console.log('');
if (failures.length) console.log(`failed steps: ${failures.join(', ')}`);
if (failures.length && failed === 0) failed = failures.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
