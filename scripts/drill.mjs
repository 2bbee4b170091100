#!/usr/bin/env node
// `pnpm drill` (~9 min) / `pnpm drill --short` (< 4 min, CI): a fault drill of the compiled product
// (issue #17). It builds, starts its OWN PostgreSQL and Redis on free ports (never the machine's),
// migrates and seeds them, runs dist/main.js and dist/worker.js, puts load on the API (creates with
// Idempotency-Key retries, dispatch/accept/resolve) while one-minute SLA legs fall due, and injects,
// one after another with a recovery window each: kill -9 of the worker, FLUSHALL, a Redis restart
// without persistence, a PostgreSQL fast restart, kill -9 of the API. Then it compares what the
// clients were told with what the database holds. Exit 1 when a hard invariant fails (see
// scripts/drill/settings.mjs); the #17 timing targets are printed as met / not met.
//
// Options: --short; --faults worker-kill,api-kill (a subset, for development); --rate N (creates/s);
// --no-build (use the existing apps/api/dist); --keep-logs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPrivateServices } from './lib/private-services.mjs';
import { firings, ticketsByKey } from './drill/ledger.mjs';
import { Load } from './drill/load.mjs';
import { drillEnv, Role, runCli, sleep, waitFor200 } from './drill/processes.mjs';
import { report } from './drill/report.mjs';
import { DRAIN_MS, FAULTS, FLOW_CATEGORY, FLOW_POLICY, PROFILES, SLA_CATEGORY, SLA_POLICY } from './drill/settings.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const apiDir = join(root, 'apps/api');
const { Client } = createRequire(join(apiDir, 'package.json'))('pg');

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const short = argv.includes('--short');
const profile = { ...PROFILES[short ? 'short' : 'full'] };
if (option('--rate')) profile.createsPerSecond = Number(option('--rate'));
const faultNames = option('--faults') ? option('--faults').split(',') : FAULTS;
for (const f of faultNames) if (!FAULTS.includes(f)) throw new Error(`unknown fault ${f} (one of ${FAULTS.join(', ')})`);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)}s`.padStart(5);
const say = (line) => console.log(`[drill ${elapsed()}] ${line}`);

say(`${short ? 'short' : 'full'} form: faults ${faultNames.join(' → ')}; ${profile.createsPerSecond} creates/s; window ${profile.faultWindowMs / 1000} s per fault`);
// The build runs while the private cluster is initialised (initdb takes seconds of its own).
let built = Promise.resolve(0);
if (!argv.includes('--no-build')) {
  say('building the API (while initdb runs)');
  // The domain package only when stale: in CI the browser suite runs beside the drill and reads it.
  const run = (cmd, args) => new Promise((resolve) => spawn(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).on('close', resolve));
  built = run(process.execPath, ['packages/domain/scripts/build.mjs', '--if-stale']).then((code) => (code === 0 ? run('pnpm', ['--filter', 'api', 'build']) : code));
}

const logDir = mkdtempSync(join(tmpdir(), 'rb-drill-'));
let services;
let api;
let worker;
// Ctrl-C: no private server or child process may outlive the drill.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    for (const role of [api, worker]) role?.child?.kill('SIGKILL');
    services?.stop();
    console.log(`\ndrill: interrupted; logs in ${logDir}`);
    process.exit(130);
  });
}
let summary = { passed: 0, failed: 1 };
try {
  services = await startPrivateServices();
  say(`private PostgreSQL :${services.pgPort}, Redis :${services.redisPort}; logs in ${logDir}`);
  if ((await built) !== 0) throw new Error('the API build failed');
  const env = await drillEnv(services);
  runCli(apiDir, 'dist/database/migrate.cli.js', env);
  runCli(apiDir, 'dist/seed/seed.cli.js', { ...env, SEED_DEMO: 'true', SEED_HISTORY: 'false' });
  const ids = await configure(services.databaseUrl);
  say('migrated, seeded, SLA policies set; starting dist/main.js and dist/worker.js');

  const base = `http://127.0.0.1:${env.PORT}`;
  const workerHealth = `http://127.0.0.1:${env.WORKER_HEALTH_PORT}/health`;
  api = new Role('api', apiDir, 'dist/main.js', env, logDir);
  worker = new Role('worker', apiDir, 'dist/worker.js', env, logDir);
  api.start();
  worker.start();
  if (!(await waitFor200(`${base}/api/health/ready`)) || !(await waitFor200(workerHealth))) throw new Error('the API or the worker did not become ready');

  const runId = Date.now().toString(36);
  const load = new Load(base, runId);
  const user = async (username) => ({ username, token: await load.login(username) });
  const [resident, resident2, community, property] = [await user('resident'), await user('resident2'), await user('community'), await user('property')];
  const sla = { name: 'sla', reporter: resident2, categoryId: ids.slaCategory };
  const flow = {
    name: 'flow', reporter: resident, categoryId: ids.flowCategory,
    steps: [
      { action: 'dispatch', actor: community, body: { companyId: ids.company, note: '故障演练派单' } },
      { action: 'accept', actor: property, body: {} },
      { action: 'resolve', actor: property, body: { note: '故障演练办结' } },
    ],
  };

  const loadStartedAt = Date.now();
  load.start({ perSecond: profile.createsPerSecond, sla, flow });
  say(`load started (run ${runId}); warm-up ${profile.warmupMs / 1000} s`);
  await sleep(profile.warmupMs);

  const faults = [];
  for (const name of faultNames) {
    const fault = { name, at: Date.now() };
    faults.push(fault);
    await inject(fault, { services, api, worker, base, workerHealth });
    say(`${name}${fault.backAt ? `: back after ${((fault.backAt - fault.at) / 1000).toFixed(1)} s` : ''}${fault.readyMs !== undefined ? `, ready ${fault.readyMs === null ? 'never' : `${(fault.readyMs / 1000).toFixed(1)} s`} after restart` : ''}`);
    await sleep(Math.max(0, fault.at + profile.faultWindowMs - Date.now()));
  }
  load.stop();
  const loadStoppedAt = Date.now();
  say(`load stopped; waiting for retries still running (≤ ${DRAIN_MS / 1000} s) and the grace period (${profile.graceMs / 1000} s)`);
  const stragglers = await load.drain(DRAIN_MS);
  await sleep(Math.max(0, loadStoppedAt + profile.graceMs - Date.now()));
  const endedAt = Date.now();

  const db = new Client({ connectionString: services.databaseUrl });
  await db.connect();
  try {
    const [{ now }] = (await db.query('SELECT now() AS now')).rows;
    const cutoff = new Date(now.getTime() - profile.graceMs);
    const byKey = await ticketsByKey(db, runId);
    const f = await firings(db, runId, cutoff, worker.logs);
    summary = report({ profile, faults, load, loadStartedAt, loadStoppedAt, endedAt, byKey, firings: f, cutoff, stragglers });
  } finally {
    await db.end();
  }
} catch (error) {
  console.log(`\ndrill: ${error.stack ?? error}`);
  summary = { passed: summary.passed, failed: Math.max(1, summary.failed) };
} finally {
  await api?.stop();
  await worker?.stop();
  services?.stop();
}
console.log(`\ndrill took ${((Date.now() - started) / 1000).toFixed(0)} s${summary.failed || argv.includes('--keep-logs') ? `; API and worker logs kept in ${logDir}` : ''}`);
if (!summary.failed && !argv.includes('--keep-logs')) rmSync(logDir, { recursive: true, force: true });
console.log(`${summary.passed} passed, ${summary.failed} failed`);
process.exit(summary.failed ? 1 : 0);

/**
 * The SLA under test, written straight into the private database before the API starts (the API
 * and worker read policies at boot and then every 30 s): one-minute legs for the overdue tickets'
 * category, hour-long legs for the flow tickets', both on the natural clock so the time of day and
 * the working calendar play no part.
 */
async function configure(url) {
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    const policy = async (code, p) => {
      await db.query(
        `INSERT INTO sla_policies (category_id, priority, clock, dispatch_minutes, accept_minutes, resolve_minutes, warn_ratio, escalation_minutes)
         SELECT c.id, p.priority, $2, $3, $3, $3, $4, $5 FROM categories c CROSS JOIN unnest(enum_range(NULL::priority)) AS p(priority)
          WHERE c.code = $1
         ON CONFLICT (category_id, priority) DO UPDATE SET clock = EXCLUDED.clock, dispatch_minutes = EXCLUDED.dispatch_minutes,
           accept_minutes = EXCLUDED.accept_minutes, resolve_minutes = EXCLUDED.resolve_minutes, warn_ratio = EXCLUDED.warn_ratio,
           escalation_minutes = EXCLUDED.escalation_minutes, updated_at = now()`,
        [code, p.clock, p.minutes, p.warnRatio, p.escalationMinutes],
      );
      const { rows } = await db.query('SELECT id FROM categories WHERE code = $1', [code]);
      if (!rows[0]) throw new Error(`seed has no category ${code}`);
      return rows[0].id;
    };
    const { rows } = await db.query(`SELECT id FROM organizations WHERE code = 'saishang-wuye'`);
    return { slaCategory: await policy(SLA_CATEGORY, SLA_POLICY), flowCategory: await policy(FLOW_CATEGORY, FLOW_POLICY), company: rows[0].id };
  } finally {
    await db.end();
  }
}

/** One fault. Sets `backAt` (the service is back) and, for restarts, `readyMs` (start → ready). */
async function inject(fault, { services, api, worker, base, workerHealth }) {
  switch (fault.name) {
    case 'worker-kill': {
      await worker.kill9();
      const t = worker.start();
      const ready = await waitFor200(workerHealth, 60_000);
      fault.readyMs = ready ? ready - t : null;
      fault.backAt = ready ?? Date.now();
      break;
    }
    case 'redis-flush':
      await services.redisCli('FLUSHALL');
      break;
    case 'redis-restart':
      await services.stopRedis();
      await sleep(profile.redisDownMs);
      await services.startRedis();
      fault.backAt = Date.now();
      break;
    case 'pg-restart':
      // A fast restart held down for a few seconds, so that requests meet the outage.
      await services.stopPostgres();
      await sleep(profile.pgDownMs);
      await services.startPostgres();
      fault.backAt = Date.now();
      break;
    case 'api-kill': {
      await api.kill9();
      const t = api.start();
      const ready = await waitFor200(`${base}/api/health/ready`, 60_000);
      fault.readyMs = ready ? ready - t : null;
      fault.backAt = ready ?? Date.now();
      break;
    }
  }
}
