#!/usr/bin/env node
// `pnpm test`: every check a change must pass, in order, against the real PostgreSQL and Redis and,
// for the client, a real browser. Ends with one "N passed, N failed" line summing all jest suites.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fakeClockEnv, startPrivateServices } from './lib/private-services.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const reports = mkdtempSync(join(tmpdir(), 'rb-test-'));
let passed = 0;
let failed = 0;
const failures = [];

// `--clocks-only`: just the fake-clock matrix (for working on date bugs).
const clocksOnly = process.argv.includes('--clocks-only');

function step(name, cmd, args, cwd = root, env = {}) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  return verdict(name, r.status === 0, started);
}

/** A step's closing line (✔/✖ with its time); a failed step is recorded for the summary. */
function verdict(name, ok, started) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (!ok) failures.push(name);
  console.log(`${ok ? '✔' : '✖'} ${name} (${seconds}s)`);
  return ok;
}

const reportOf = (name, ext = 'json') => join(reports, `${name.replace(/\W+/g, '-')}.${ext}`);

function jest(name, cwd, extra = [], env = {}) {
  const out = reportOf(name);
  step(name, 'npx', ['jest', '--ci', '--json', `--outputFile=${out}`, ...extra], cwd, env);
  count(name, out);
}

/**
 * A jest run started in the background, its output kept in a file: the function it returns waits for
 * it, prints the output whole and counts it like jest() does.
 */
function jestInBackground(name, cwd, extra = [], env = {}) {
  const out = reportOf(name);
  const log = reportOf(name, 'log');
  const fd = openSync(log, 'w');
  const started = Date.now();
  console.log(`\n▷ ${name}: started in the background, its output follows when it ends`);
  const child = spawn('npx', ['jest', '--ci', '--json', `--outputFile=${out}`, ...extra], { cwd, stdio: ['ignore', fd, fd], env: { ...process.env, ...env } });
  const exited = new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('close', (code) => resolve(code));
  });
  return async () => {
    const code = await exited;
    closeSync(fd);
    console.log(`\n▶ ${name}`);
    process.stdout.write(readFileSync(log, 'utf8'));
    verdict(name, code === 0, started);
    count(name, out);
  };
}

function count(name, out) {
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
// The client's compiled outputs are built beside the deadline-worker suites (see clientPrebuild).
let clientBuilds = clocksOnly ? clientPrebuild(['weapp']) : null;
if (!clocksOnly) {
  step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json'], api);
  step('lint (eslint, no floating promises)', 'npx', ['eslint', 'apps/api', 'packages/domain']);
  step('entities match migrations (drift check on a scratch database)', 'pnpm', ['--filter', 'api', 'db:check']);
  jest('domain unit tests', domain);
  apiSuites('', {}, { beforeInBand: () => { clientBuilds = clientPrebuild(['weapp', 'h5']); } });
  step('client typecheck', 'pnpm', ['--filter', 'client', 'typecheck']);
  await clientBuilds.ready('weapp');
  // Drives the compiled mini-program pages in Node (its setup builds dist/weapp if still stale).
  jest('client component + weapp-in-Node tests', client);
}
// Starts a real API on a throwaway database and drives the H5 pages in Debian's Chromium.
// It runs beside the fake-clock matrix, which has a PostgreSQL and Redis of its own: the browser
// waits on pages much of its time (a role's screens settle before axe reads them), and one after
// the other the two took a third of CI's 20 minutes.
if (!clocksOnly) await clientBuilds.ready('h5');
const browserE2e = clocksOnly ? null : jestInBackground('client browser e2e (H5 in Chromium, real API)', client, ['-c', 'jest.e2e.config.js']);
if (clocksOnly) await clientBuilds.ready('weapp');
await clockMatrix();
// .ci/run starts the fault drill and the deploy smoke test on this line, beside the rest of the
// browser suite: they share nothing with it (private servers, containers), and they no longer wait
// for the browser to finish.
console.log('\n◆ fake-clock matrix done');
if (process.env.RB_TEST_MATRIX_DONE) writeFileSync(process.env.RB_TEST_MATRIX_DONE, `${new Date().toISOString()}\n`);
await browserE2e?.();

/**
 * The client's compiled outputs (dist/weapp for the weapp-in-Node tests, dist/h5 for the browser),
 * built at the lowest CPU priority there is (SCHED_IDLE, like .ci/run's image builds) while the
 * deadline-worker suites run: those mostly wait on timers. Inside the tests' setups, the H5 build
 * alone took about 200 s of CI's critical path. Not from the first step: on CI's two vCPUs even an
 * idle-priority build slowed the CPU-bound steps beside it by a third or more (lint 30 → 46 s, the
 * API suites 239 → 286 s in one run). One process builds both, weapp first (it is needed first);
 * `ready(type)` waits for that build's line, or for the process to end, and prints the process's
 * output once. A failed build is not counted here: the jest setup that needs it builds again and
 * fails visibly.
 */
function clientPrebuild(types) {
  const script = join(client, 'scripts', 'build-if-stale.js');
  const idle = existsSync('/usr/bin/chrt') ? ['/usr/bin/chrt', ['--idle', '0', process.execPath, script, ...types]] : [process.execPath, [script, ...types]];
  const started = Date.now();
  const child = spawn(idle[0], idle[1], { cwd: client, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const waiters = [];
  const settle = () => {
    for (let i = waiters.length - 1; i >= 0; i -= 1) if (waiters[i].done()) waiters.splice(i, 1)[0].resolve();
  };
  const exited = new Promise((resolve) => {
    child.on('error', (error) => { output += `${error.message}\n`; resolve(); });
    child.on('close', () => resolve());
  });
  let ended = false;
  void exited.then(() => { ended = true; settle(); });
  for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => { output += chunk; settle(); });
  let printed = false;
  return {
    async ready(type) {
      const before = Date.now();
      await new Promise((resolve) => {
        const w = { done: () => ended || output.includes(`client ${type}:`), resolve };
        waiters.push(w);
        settle();
      });
      const waited = ((Date.now() - before) / 1000).toFixed(1);
      console.log(`\n◇ client ${type} build at the lowest CPU priority (started ${((before - started) / 1000).toFixed(0)}s earlier; waited for it ${waited}s)`);
      if (ended && !printed) {
        printed = true;
        process.stdout.write(output);
      } else {
        process.stdout.write(output.split('\n').filter((l) => l.startsWith(`client ${type}:`)).map((l) => `${l}\n`).join(''));
      }
    },
  };
}

function apiSuites(label = '', env = {}, { shutdown = true, beforeInBand = () => undefined } = {}) {
  // Under the faked clocks, the suites about faults and infrastructure rather than dates are left
  // out: the outage and recovery suites start, stop and freeze servers of their own (not the
  // matrix's faked ones; redis-server hangs under libfaketime), and backups, production boot,
  // proxies, the OpenAPI document, the security matrix, input validation, logins and tokens,
  // idempotency keys, the schema, the export escaping, the district imports, people and the audit trail
  // (their clock is injected), the reference caches and the site plans read no calendar (their times are
  // relative durations at most; 督办's hour limit, nearby and follow windows, upload quotas, message
  // threads and the operations checks likewise; the pool's prepared statements and timestamp parsing
  // read only what they are given). They run once, above.
  const dateFree = 'outage|backup|production-boot|trusted-proxies|openapi|security-matrix|validation|nul-byte|schema|export-injection|queue-board|auth|idempotent-actions|district-import|people|households-audit|reference-admin|site-plans|ticket-list-plans|reassign-supervise|duplicates|concurrency|follower-view|uploads|messages|operations|preparing-client|timestamptz-parser';
  const ignore = `(worker|worker-recovery|worker-shutdown|worker-sweep|graceful-shutdown${shutdown ? '' : `|${dateFree}`})\\.e2e-spec`;
  jest(`api unit + integration tests (real PostgreSQL)${label}`, api, ['--testPathIgnorePatterns', ignore], env);
  // Alone: the firing-lag check measures the engine rather than the other suites' load, the worker
  // suites (recovery included) wipe their Redis database, and the shutdown test needs the CPU its paced load assumes.
  // The firing-lag, wipe/kill and shutdown tests do not depend on the date (their deadlines run on
  // clock time): the clock matrix leaves them out and runs only the 督导 worker suite, whose
  // deadlines count working days.
  const inBand = [...(shutdown ? ['test/worker.e2e-spec.ts'] : []), 'test/supervision-worker.e2e-spec.ts', ...(shutdown ? ['test/worker-sweep.e2e-spec.ts', 'test/worker-recovery.e2e-spec.ts', 'test/worker-shutdown.e2e-spec.ts', 'test/graceful-shutdown.e2e-spec.ts'] : [])];
  beforeInBand();
  jest(`deadline workers${shutdown ? ' and graceful shutdown' : ''} (real Redis + PostgreSQL, kill/flush/restart)${label}`, api, ['--runInBand', ...inBand], env);
}

/**
 * The suites again with the wall clock moved to the day that breaks the most date arithmetic: New
 * Year's day (a new year, quarter and month, and a public holiday: the 1st of a month, 1 January and
 * the first day of a quarter in one), five minutes after midnight in Shanghai, which is still the
 * previous day in UTC. PostgreSQL runs privately under the same shifted clock, so now() in SQL and
 * Date.now() in Node agree. Dates: RB_TEST_CLOCKS (comma-separated ISO times) or this one. The 1st
 * of a month after a short February (2027-03-01T00:05:00+08:00) and a mid-year quarter
 * (2027-07-01) ran here until the suites outgrew CI's time; each is one `RB_TEST_CLOCKS=…` away.
 */
async function clockMatrix() {
  const dates = (process.env.RB_TEST_CLOCKS ?? '2027-01-01T00:05:00+08:00')
    .split(',').map((d) => d.trim()).filter(Boolean);
  if (dates.length === 0) return;
  let services;
  try {
    services = await startPrivateServices();
  } catch (error) {
    console.log(`✖ fake-clock matrix: private PostgreSQL/Redis did not start: ${error.message}`);
    failures.push('fake-clock matrix');
    return;
  }
  try {
    for (const iso of dates) {
      const at = new Date(iso);
      const clock = fakeClockEnv(at);
      services.restart(clock);
      const env = { ...clock, DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl, RB_TEST_CLOCK: iso };
      const label = ` @ ${iso}`;
      console.log(`\n⏰ clock set to ${iso} (${at.toISOString()} UTC) for the API, worker and client tests`);
      apiSuites(label, env, { shutdown: false });
      jest(`client component + weapp-in-Node tests${label}`, client, [], env);
    }
  } finally {
    services.stop();
  }
}

console.log('');
if (failures.length) console.log(`failed steps: ${failures.join(', ')}`);
if (failures.length && failed === 0) failed = failures.length;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failures.length || failed ? 1 : 0);
