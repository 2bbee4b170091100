#!/usr/bin/env node
// `pnpm test:deploy`: the container images as production runs them. Starts the Docker engine and
// builds the base images when missing (scripts/docker-engine.sh, scripts/docker-base-images.sh),
// builds the API and web images, then runs migrate and seed one-shots and the api, worker and web
// containers with --network host (everything on loopback) against this machine's PostgreSQL (a
// throwaway database) and Redis (a database index nobody else uses), in production mode with a
// random JWT secret and random passwords. Asserts readiness, the ticket loop through the web
// container's /api, a deadline firing in the worker, that dev-login and unsafe settings are refused,
// and that every container stops on SIGTERM within 10 s with exit code 0. Cleans up even on failure.
// Ends with one "N passed, N failed" line. Build logs: artifacts/deploy/.
//
// `--build-only`: just the engine, base images and the two image builds, with the build containers
// at the lowest CPU weight (a cgroup of their own, see backgroundBuild()), for CI to run beside the tests: the builds are mostly
// downloads (npm registry, Debian mirror) and take only CPU the tests leave idle. A later full run
// builds from the same context again and finds every layer in Docker's cache.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const requireApi = createRequire(join(root, 'apps/api/package.json'));
const { Client } = requireApi('pg');
const IORedis = requireApi('ioredis');

const t0 = Date.now();
const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
const API_IMAGE = process.env.RB_DEPLOY_API_IMAGE ?? 'red-butler-api:test';
const WEB_IMAGE = process.env.RB_DEPLOY_WEB_IMAGE ?? 'red-butler-web:test';
const BUILD_ONLY = process.argv.includes('--build-only');
const PG_BASE = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/red_butler';
const REDIS_BASE = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const logs = join(root, 'artifacts/deploy');
mkdirSync(logs, { recursive: true });
const secrets = mkdtempSync(join(tmpdir(), 'rb-deploy-'));

let passed = 0;
let failed = 0;
const elapsed = () => `${((Date.now() - t0) / 1000).toFixed(0)}s`;
function check(name, ok, detail = '') {
  if (ok) passed += 1;
  else failed += 1;
  console.log(`${ok ? '✔' : '✖'} ${name}${detail ? ` — ${detail}` : ''}`);
  return ok;
}
const log = (line) => console.log(`  [${elapsed()}] ${line}`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Runs a command to completion; output captured (and teed to a log file when given). */
function exec(cmd, args, { env, logFile, timeoutMs = 15 * 60_000 } = {}) {
  return new Promise((resolve) => {
    const started = Date.now();
    // No input: stdin is /dev/null. It was a pipe ended right after the spawn, and when the command
    // exited first (`docker stop` in a CI rehearsal, 2026-12-06) that write raised an unhandled EPIPE
    // which killed the whole test.
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const collect = (chunk) => {
      out += chunk;
      if (out.length > 4_000_000) out = out.slice(-2_000_000);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (logFile) writeFileSync(logFile, out);
      resolve({ code: code ?? (signal ? 128 : 1), out, seconds: (Date.now() - started) / 1000 });
    });
  });
}
const tail = (text, n = 25) => text.trim().split('\n').slice(-n).map((l) => `    | ${l}`).join('\n');
const docker = (args, opts) => exec('docker', args, opts);

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}
async function freePorts(n) {
  const ports = new Set();
  while (ports.size < n) {
    const p = await freePort();
    if (p !== 3000 && p !== 10086) ports.add(p);
  }
  return [...ports];
}

async function http(method, url, { token, body, timeoutMs = 15_000 } = {}) {
  const headers = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  try {
    const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    let json = null;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: res.status, headers: res.headers, json, text };
  } catch (error) {
    return { status: 0, headers: new Headers(), json: null, text: String(error?.cause?.code ?? error?.message ?? error) };
  }
}
async function waitUntil(what, probe, timeoutMs, intervalMs = 1000) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await probe();
    if (last.ok) return last;
    await sleep(intervalMs);
  }
  return { ...last, ok: false, timedOut: what };
}

// ---------------------------------------------------------------------------------------------
// Resources this run owns, released in `cleanup` whatever happens.
const containers = [];
let dbName = null;
let redisDb = null;
let redisClaim = null;
let cleaning = false;

async function cleanup() {
  if (cleaning) return;
  cleaning = true;
  for (const name of containers) await docker(['rm', '-f', '-v', name]);
  if (dbName) {
    const admin = new Client({ connectionString: withDatabase(PG_BASE, 'postgres') });
    try {
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
    } catch (error) {
      console.log(`  cleanup: could not drop ${dbName}: ${error.message}`);
    } finally {
      await admin.end().catch(() => undefined);
    }
  }
  if (redisDb !== null) {
    const redis = new IORedis(redisUrl(redisDb), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      // The index was empty when this run claimed it: everything in it is this run's.
      if ((await redis.get(CLAIM_KEY)) === redisClaim) await redis.flushdb();
    } catch (error) {
      console.log(`  cleanup: could not flush Redis db ${redisDb}: ${error.message}`);
    } finally {
      redis.disconnect();
    }
  }
  rmSync(secrets, { recursive: true, force: true });
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.log(`\n${signal}: cleaning up`);
    void cleanup().then(() => process.exit(130));
  });
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
function redisUrl(index) {
  const u = new URL(REDIS_BASE);
  u.pathname = `/${index}`;
  return u.toString();
}

// BullMQ's queue names are fixed, so a run needs a Redis database index to itself. The jest suites
// use 9 (RB_TEST_REDIS_DB) and developers 0; take the first empty one of 10–15 and mark it taken.
const CLAIM_KEY = 'rb:deploy-test:claim';
async function claimRedisDb() {
  for (const index of [15, 14, 13, 12, 11, 10]) {
    const redis = new IORedis(redisUrl(index), { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      if ((await redis.dbsize()) !== 0) continue;
      const claim = `${run}:${process.pid}`;
      if ((await redis.set(CLAIM_KEY, claim, 'EX', 3600, 'NX')) === 'OK') {
        redisClaim = claim;
        return index;
      }
    } finally {
      redis.disconnect();
    }
  }
  throw new Error('no empty Redis database index among 10–15 (another deploy test running?)');
}

function writeEnvFile(name, env) {
  const file = join(secrets, `${name}.env`);
  writeFileSync(file, Object.entries(env).map(([k, v]) => `${k}=${v}`).join('\n') + '\n', { mode: 0o600 });
  return file;
}

/**
 * `docker build` options that keep the RUN containers at the lowest CPU weight on the whole machine.
 * --cpu-shares alone weighs a container only against the other containers: their common parent
 * competes with the tests' processes like one ordinary process (measured: the deadline worker suites
 * ran twice as long beside the builds). So the containers go under a cgroup of their own, made here,
 * whose weight is the lowest there is.
 */
function backgroundBuild() {
  const v1 = '/sys/fs/cgroup/cpu';
  const v2 = '/sys/fs/cgroup/cgroup.controllers';
  try {
    if (existsSync(v1)) {
      mkdirSync(join(v1, 'rb-background'), { recursive: true });
      writeFileSync(join(v1, 'rb-background', 'cpu.shares'), '2');
      // Where the kernel has it, the group is SCHED_IDLE as well: it runs only on CPU nobody else wants.
      if (existsSync(join(v1, 'rb-background', 'cpu.idle'))) writeFileSync(join(v1, 'rb-background', 'cpu.idle'), '1');
      return ['--cgroup-parent', '/rb-background', '--cpu-shares', '2'];
    }
    if (existsSync(v2)) {
      writeFileSync('/sys/fs/cgroup/cgroup.subtree_control', '+cpu');
      mkdirSync('/sys/fs/cgroup/rb-background', { recursive: true });
      writeFileSync('/sys/fs/cgroup/rb-background/cpu.weight', '1');
      return ['--cgroup-parent', '/rb-background', '--cpu-shares', '2'];
    }
  } catch (error) {
    console.log(`  (no cgroup of its own for the background build: ${error.message}; --cpu-shares only)`);
  }
  return ['--cpu-shares', '2'];
}

// ---------------------------------------------------------------------------------------------
async function buildImages() {
  console.log('\n▶ Docker engine and base images');
  let r = await exec('bash', [join(root, 'scripts/docker-engine.sh')]);
  process.stdout.write(tail(r.out, 5) + '\n');
  if (!check('Docker engine answers', r.code === 0, `${r.seconds.toFixed(1)}s`)) return false;
  r = await exec('bash', [join(root, 'scripts/docker-base-images.sh')], { logFile: join(logs, 'base-images.log') });
  process.stdout.write(tail(r.out, 6) + '\n');
  if (!check('base images node:20-bookworm-slim and debian:bookworm-slim', r.code === 0, `${r.seconds.toFixed(1)}s`)) return false;

  console.log(`\n▶ Build the images (${BUILD_ONLY ? 'one after the other' : 'in parallel'}; logs in artifacts/deploy/)`);
  // The CLI only uses BuildKit through the buildx plugin; without it, the classic builder.
  const buildx = (await docker(['buildx', 'version'])).code === 0;
  const env = buildx ? {} : { DOCKER_BUILDKIT: '0' };
  const priority = BUILD_ONLY ? backgroundBuild() : [];
  const build = (dockerfile, tag, file) =>
    docker(['build', '--network', 'host', ...priority, '-f', dockerfile, '-t', tag, '.'], { env, logFile: join(logs, file) });
  // In the background, one after the other: two builds at once each write their own layer for the
  // steps the Dockerfiles share (FROM … COPY package.json), and a later build finds only one of the two
  // chains in the cache (measured: the web image was built again from its first COPY).
  const [api, web] = BUILD_ONLY
    ? [await build('apps/api/Dockerfile', API_IMAGE, 'build-api.log'), await build('apps/client/Dockerfile', WEB_IMAGE, 'build-web.log')]
    : await Promise.all([
      build('apps/api/Dockerfile', API_IMAGE, 'build-api.log'),
      build('apps/client/Dockerfile', WEB_IMAGE, 'build-web.log'),
    ]);
  let ok = true;
  for (const [name, res, tag] of [['API + worker', api, API_IMAGE], ['web (H5 + nginx)', web, WEB_IMAGE]]) {
    const size = await docker(['image', 'inspect', '--format', '{{.Size}}', tag]);
    const mb = res.code === 0 ? `${(Number(size.out.trim()) / 1e6).toFixed(0)} MB` : '';
    ok = check(`image ${tag} (${name}) builds`, res.code === 0, `${res.seconds.toFixed(1)}s${mb ? `, ${mb}` : ''}`) && ok;
    if (res.code !== 0) console.log(tail(res.out, 30));
  }
  if (!ok) return false;
  const user = await docker(['image', 'inspect', '--format', '{{.Config.User}}', API_IMAGE]);
  const webUser = await docker(['image', 'inspect', '--format', '{{.Config.User}}', WEB_IMAGE]);
  check('images run as a non-root user', !['', 'root', '0'].includes(user.out.trim()) && !['', 'root', '0'].includes(webUser.out.trim()),
    `api: ${user.out.trim() || 'root'}, web: ${webUser.out.trim() || 'root'}`);
  const tools = await docker(['run', '--rm', '--network', 'none', API_IMAGE, 'sh', '-c', 'pg_dump --version && pg_restore --version && node --version']);
  check('API image has pg_dump/pg_restore 15 for the backup CLIs', tools.code === 0 && /pg_dump \(PostgreSQL\) 15\./.test(tools.out) && /pg_restore \(PostgreSQL\) 15\./.test(tools.out),
    tools.out.trim().split('\n').join(', '));
  return true;
}

async function main() {
  if (!(await buildImages()) || BUILD_ONLY) return;

  console.log('\n▶ A throwaway database, a Redis index, free ports');
  dbName = `rb_deploy_${run}`;
  const admin = new Client({ connectionString: withDatabase(PG_BASE, 'postgres') });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${dbName}"`);
  await admin.end();
  redisDb = await claimRedisDb();
  const [apiPort, webPort, workerPort, metricsPort, refusePort] = await freePorts(5);
  log(`database ${dbName}, Redis db ${redisDb}, api :${apiPort}, web :${webPort}, worker health :${workerPort}`);

  const jwtSecret = randomBytes(48).toString('base64url');
  const seedPassword = randomBytes(18).toString('base64url');
  const base = {
    NODE_ENV: 'production',
    DATABASE_URL: withDatabase(PG_BASE, dbName),
    REDIS_URL: redisUrl(redisDb),
    JWT_SECRET: jwtSecret,
    HOST: '127.0.0.1',
    PORT: String(apiPort),
    METRICS_HOST: '127.0.0.1',
    METRICS_PORT: String(metricsPort),
    WORKER_HEALTH_HOST: '127.0.0.1',
    WORKER_HEALTH_PORT: String(workerPort),
    LOG_LEVEL: 'info',
  };
  // Secrets go in files, not on docker's command line (visible to anyone running ps).
  const envFile = writeEnvFile('app', base);
  const seedEnvFile = writeEnvFile('seed', { ...base, SEED_DEMO: 'true', SEED_PASSWORD: seedPassword, SEED_HISTORY: 'false' });
  const name = (role) => `rb-deploy-${run}-${role}`;
  const oneShot = (role, file, cmd) => {
    containers.push(name(role));
    return docker(['run', '--rm', '--name', name(role), '--network', 'host', '--env-file', file, API_IMAGE, ...cmd], { timeoutMs: 180_000 });
  };

  console.log('\n▶ One-shots: migrate, then the org data with random passwords');
  let r = await oneShot('migrate', envFile, ['node', 'dist/database/migrate.cli.js']);
  if (!check('migrate container applies the migrations and exits 0', r.code === 0 && /migrated: \d+ applied/.test(r.out), `${r.seconds.toFixed(1)}s, ${r.out.match(/migrated: [^\n]*/)?.[0] ?? 'no summary'}`)) {
    console.log(tail(r.out));
    return;
  }
  r = await oneShot('migrate-again', envFile, ['node', 'dist/database/migrate.cli.js']);
  check('a second migrate run finds nothing to do', r.code === 0 && /schema up to date/.test(r.out), r.out.match(/migrated: [^\n]*/)?.[0] ?? tail(r.out, 5));
  r = await oneShot('seed', seedEnvFile, ['node', 'dist/seed/seed.cli.js']);
  if (!check('seed container loads the org data (SEED_DEMO=true, random SEED_PASSWORD)', r.code === 0 && /seed: \d+ org units/.test(r.out), `${r.seconds.toFixed(1)}s, ${r.out.match(/seed: \d+ org units[^\n]*/)?.[0] ?? 'no summary'}`)) {
    console.log(tail(r.out));
    return;
  }

  console.log('\n▶ api, worker and web containers (production mode)');
  const start = async (role, image, args, file, extra = []) => {
    containers.push(name(role));
    const res = await docker(['run', '-d', '--name', name(role), '--network', 'host', ...(file ? ['--env-file', file] : []), ...extra, image, ...args]);
    if (res.code !== 0) console.log(tail(res.out, 10));
    return res.code === 0;
  };
  const started =
    (await start('api', API_IMAGE, [], envFile)) &&
    (await start('worker', API_IMAGE, ['node', 'dist/worker.js'], envFile)) &&
    (await start('web', WEB_IMAGE, [], null, ['-e', `API_UPSTREAM=127.0.0.1:${apiPort}`, '-e', `WEB_LISTEN=127.0.0.1:${webPort}`]));
  if (!check('containers start', started)) return;

  const api = `http://127.0.0.1:${apiPort}`;
  const web = `http://127.0.0.1:${webPort}`;
  const ready = await waitUntil('readiness', async () => {
    const res = await http('GET', `${api}/api/health/ready`);
    return { ok: res.status === 200, res };
  }, 90_000);
  if (!check('API readiness (GET /api/health/ready) passes', ready.ok, ready.ok ? elapsed() : `${ready.res?.status} ${ready.res?.text?.slice(0, 300)}`)) {
    console.log(tail((await docker(['logs', '--tail', '40', name('api')])).out));
    return;
  }
  const live = await http('GET', `${api}/api/health`);
  check('API liveness (GET /api/health)', live.status === 200, String(live.status));
  const workerHealth = await waitUntil('worker health', async () => {
    const res = await http('GET', `http://127.0.0.1:${workerPort}/health`);
    return { ok: res.status === 200, res };
  }, 60_000);
  if (!check('worker health (GET /health on WORKER_HEALTH_PORT)', workerHealth.ok, `${workerHealth.res?.status} ${workerHealth.res?.text?.slice(0, 200)}`)) {
    console.log(tail((await docker(['logs', '--tail', '40', name('worker')])).out));
  }
  const viaWeb = await waitUntil('web', async () => {
    const res = await http('GET', `${web}/api/health/ready`);
    return { ok: res.status === 200, res };
  }, 30_000);
  check('web container proxies /api (readiness through nginx)', viaWeb.ok, `${viaWeb.res?.status}`);
  const index = await http('GET', `${web}/`, { timeoutMs: 5000 });
  const spa = await http('GET', `${web}/pages/anything/deep`, { timeoutMs: 5000 });
  check('web serves the H5 app with SPA fallback and no-cache on index.html',
    index.status === 200 && /<div id="app"|<html/i.test(index.text) && spa.status === 200 && spa.text === index.text && index.headers.get('cache-control') === 'no-cache',
    `/ ${index.status}, deep path ${spa.status}, cache-control ${index.headers.get('cache-control')}`);
  const asset = index.text.match(/src="\/?(js\/[^"]+\.[0-9a-f]{8}\.js)"/)?.[1];
  const assetRes = asset ? await fetch(`${web}/${asset}`, { headers: { 'accept-encoding': 'gzip' } }).catch(() => null) : null;
  check('hashed assets: gzip and a year of immutable caching',
    !!assetRes && assetRes.status === 200 && assetRes.headers.get('content-encoding') === 'gzip' && /immutable/.test(assetRes.headers.get('cache-control') ?? ''),
    asset ? `${asset}: ${assetRes?.status} ${assetRes?.headers.get('content-encoding')} ${assetRes?.headers.get('cache-control')}` : 'no hashed script in index.html');
  const open311 = await http('GET', `${web}/open311/v2/services.json`);
  check('web proxies /open311', open311.status === 200 && Array.isArray(open311.json), `${open311.status}`);

  // ---- everything below talks to the web container, as a browser would.
  const login = async (username, password = seedPassword) => {
    const res = await http('POST', `${web}/api/auth/login`, { body: { username, password } });
    if (res.status !== 200 || !res.json?.token) throw new Error(`login ${username}: ${res.status} ${res.text.slice(0, 200)}`);
    return res.json.token;
  };
  const tokens = {};
  for (const u of ['admin', 'resident', 'community', 'property']) tokens[u] = await login(u);
  check('password login with the random seed password (through web)', true, 'admin, resident, community, property');

  // A deadline that fires soon: admin sets 1-minute clock-time terms on one category, a resident files.
  console.log('\n▶ A short deadline, fired by the worker container');
  const cats = await http('GET', `${web}/api/categories`, { token: tokens.resident });
  const category = (code) => cats.json?.items?.find((c) => c.code === code);
  const slaCat = category('manhole_cover_missing');
  const loopCat = category('sewer_blocked');
  if (!check('categories listed', !!slaCat && !!loopCat, `${cats.status}, ${cats.json?.items?.length ?? 0} categories`)) return;
  const policy = await http('PUT', `${web}/api/admin/sla-policies`, {
    token: tokens.admin,
    body: {
      categoryId: slaCat.id, priority: slaCat.defaultPriority, clock: 'clock', dispatchMinutes: 1, acceptMinutes: 1, resolveMinutes: 2,
      surveyMinutes: 1, visitMinutes: 1, warnRatio: 0.5, escalationMinutes: 1, maxPauseMinutes: 1,
    },
  });
  check('admin sets a 1-minute clock-time SLA policy (PUT /api/admin/sla-policies)', policy.status === 200, `${policy.status} ${policy.status === 200 ? '' : policy.text.slice(0, 200)}`);
  const filed = await http('POST', `${web}/api/tickets`, { token: tokens.resident, body: { categoryId: slaCat.id, description: '部署测试：6号楼东侧井盖丢失（时限一分钟）' } });
  const filedAt = Date.now();
  const deadlineTicket = filed.json?.id;
  check('resident files the ticket whose dispatch leg is due in 1 minute', filed.status === 201 && !!deadlineTicket, `${filed.status}`);

  console.log('\n▶ The ticket loop through the web container');
  const post = (user, path, body = {}) => http('POST', `${web}${path}`, { token: tokens[user], body });
  const view = async (user, id) => (await http('GET', `${web}/api/tickets/${id}`, { token: tokens[user] })).json;
  const reported = await post('resident', '/api/tickets', { categoryId: loopCat.id, description: '部署测试：5号楼下水道反水' });
  const id = reported.json?.id;
  const steps = [`report ${reported.status}`];
  let loopOk = reported.status === 201 && !!id;
  if (loopOk) {
    const seen = await view('community', id);
    const handler = seen?.suggestedHandler;
    const dispatched = await post('community', `/api/tickets/${id}/dispatch`, handler?.kind === 'department' ? { departmentId: handler.id } : { companyId: handler?.id });
    steps.push(`dispatch ${dispatched.status} ${dispatched.json?.status}`);
    const accepted = await post('property', `/api/tickets/${id}/accept`);
    steps.push(`accept ${accepted.status} ${accepted.json?.status}`);
    const resolved = await post('property', `/api/tickets/${id}/resolve`, { note: '已疏通' });
    steps.push(`resolve ${resolved.status} ${resolved.json?.status}`);
    const rated = await post('resident', `/api/tickets/${id}/rate`, { rating: 'satisfied', comment: '处理很快' });
    steps.push(`rate ${rated.status} ${rated.json?.status}`);
    const final = await view('community', id);
    const actions = (final?.timeline ?? []).map((e) => e.action).join(',');
    steps.push(`timeline ${actions}`);
    loopOk = handler?.kind === 'company' && dispatched.json?.status === 'dispatched' && accepted.json?.status === 'accepted' &&
      resolved.json?.status === 'resolved' && rated.json?.status === 'closed' && final?.status === 'closed' &&
      actions === 'report,dispatch,accept,resolve,rate';
  }
  check('report → dispatch → accept → resolve → rate (closed)', loopOk, steps.join('; '));

  console.log('\n▶ Production refuses the demo shortcuts');
  const dev = await http('POST', `${web}/api/auth/dev-login`, { body: { username: 'admin' } });
  check('POST /api/auth/dev-login is refused', dev.status >= 400 && dev.status < 500 && !dev.json?.token, `${dev.status} ${dev.json?.code ?? ''}`);
  const demoPassword = await http('POST', `${web}/api/auth/login`, { body: { username: 'admin', password: 'hgj-demo-2026' } });
  check('the published demo password does not sign in', demoPassword.status === 401, `${demoPassword.status}`);
  // Exit 125-127 would be docker's own failure, not the API's refusal: those do not count.
  const refuse = async (label, env, expect) => {
    const slug = `refuse-${label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')}`;
    const file = writeEnvFile(slug, { NODE_ENV: 'production', DATABASE_URL: base.DATABASE_URL, REDIS_URL: base.REDIS_URL, HOST: '127.0.0.1', PORT: String(refusePort), METRICS_PORT: '0', WORKER_HEALTH_PORT: '0', ...env });
    containers.push(name(slug));
    const res = await docker(['run', '--rm', '--name', name(slug), '--network', 'host', '--env-file', file, API_IMAGE], { timeoutMs: 60_000 });
    // The reason line, from a plain or a JSON log line (where it follows an escaped newline).
    const message = res.out.match(new RegExp(`${expect.source}:[^"\\n\\\\]*`))?.[0] ?? tail(res.out, 4);
    const refused = res.code !== 0 && res.code < 125 && /Refusing to start|Invalid configuration/.test(res.out) && expect.test(res.out);
    check(`API refuses to start: ${label}`, refused, `exit ${res.code}: ${message.slice(0, 160)}`);
  };
  await refuse('the demo JWT secret', { JWT_SECRET: 'red-butler-demo-secret-not-for-production' }, /JWT_SECRET/);
  await refuse('AUTH_DEV_LOGIN=true without DEMO_MODE', { JWT_SECRET: jwtSecret, AUTH_DEV_LOGIN: 'true' }, /AUTH_DEV_LOGIN/);
  await refuse('no JWT_SECRET', {}, /JWT_SECRET/);

  console.log('\n▶ Waiting for the deadline (due 60 s after filing)');
  const overdue = await waitUntil('overdue', async () => {
    const t = deadlineTicket ? await view('community', deadlineTicket) : null;
    const event = t?.timeline?.find((e) => e.action === 'overdue');
    return { ok: !!event, event };
  }, Math.max(5_000, filedAt + 90_000 - Date.now()), 2000);
  check('the worker container marks the ticket overdue on its timeline within 90 s', overdue.ok,
    overdue.ok ? `${((Date.now() - filedAt) / 1000).toFixed(0)} s after filing, leg ${overdue.event.data?.leg}` : 'no overdue event');
  if (!overdue.ok) console.log(tail((await docker(['logs', '--tail', '40', name('worker')])).out));
  const inbox = await http('GET', `${web}/api/notifications`, { token: tokens.community });
  const kinds = (inbox.json?.items ?? []).filter((n) => n.ticketId === deadlineTicket).map((n) => n.kind);
  check('the community was warned, then told it is overdue (notifications)', kinds.includes('deadline_warning') && kinds.includes('deadline_overdue'), kinds.join(', ') || `${inbox.status}, none`);

  console.log('\n▶ docker stop -t 10 (SIGTERM) stops each container cleanly');
  const stops = await Promise.all(['web', 'api', 'worker'].map(async (role) => {
    const began = Date.now();
    const res = await docker(['stop', '-t', '10', name(role)], { timeoutMs: 30_000 });
    const seconds = (Date.now() - began) / 1000;
    const code = (await docker(['inspect', '--format', '{{.State.ExitCode}}', name(role)])).out.trim();
    return { role, ok: res.code === 0 && code === '0' && seconds < 10, seconds, code };
  }));
  for (const s of stops) {
    check(`${s.role} container stops on SIGTERM within 10 s with exit code 0`, s.ok, `${s.seconds.toFixed(1)} s, exit ${s.code}`);
    if (!s.ok) console.log(tail((await docker(['logs', '--tail', '20', name(s.role)])).out));
  }
}

try {
  await main();
} catch (error) {
  check('deploy test ran to the end', false, error?.stack ?? String(error));
} finally {
  await cleanup();
}
console.log(`\ntest:deploy finished in ${elapsed()}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
