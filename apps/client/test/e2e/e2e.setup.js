// Browser e2e, step 1 of 2: a throwaway database (migrated and seeded with the demo data), the real
// API and the H5 static server on free ports. State goes to a file for the teardown.
const { spawn, spawnSync } = require('node:child_process');
const { existsSync, mkdtempSync, writeFileSync } = require('node:fs');
const { createServer } = require('node:net');
const { tmpdir } = require('node:os');
const { join } = require('node:path');
const { buildIfStale } = require('../../scripts/build-if-stale');

const client = join(__dirname, '..', '..');
const repo = join(client, '..', '..');
const api = join(repo, 'apps', 'api');
const STATE = join(tmpdir(), `rb-client-e2e-${process.pid}.json`);

function must(cmd, args, cwd, env = {}) {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    process.stderr.write(`${r.stdout}${r.stderr}`);
    throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitFor(url, what, ms = 90_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${what} did not come up at ${url}`);
}

function start(name, args, cwd, env) {
  // Own process group, so the teardown can stop the process and anything it spawned.
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'inherit', 'inherit'] });
  child.unref();
  return child.pid;
}

module.exports = async () => {
  if (!existsSync(join(repo, 'packages', 'domain', 'dist', 'cjs', 'index.js'))) {
    must('pnpm', ['--filter', '@red-butler/domain', 'build'], repo);
  }
  buildIfStale('h5');

  // Same server as the API's own tests; a database (and a Redis index) of our own.
  const base = new URL(process.env.E2E_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  const redis = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  redis.pathname = `/${process.env.RB_E2E_REDIS_DB ?? '10'}`;
  base.pathname = `/rb_client_e2e_${Date.now().toString(36)}_${process.pid}`;
  const databaseUrl = base.toString();
  const uploads = mkdtempSync(join(tmpdir(), 'rb-e2e-uploads-'));
  const state = { databaseUrl, uploads, pids: [] };
  writeFileSync(STATE, JSON.stringify(state));
  process.env.RB_E2E_STATE = STATE;

  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.toString(),
    NODE_ENV: 'development',
    AUTH_DEV_LOGIN: 'true',
    UPLOAD_DIR: uploads,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_REPORTS_PER_MINUTE: '100000',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
  };
  must(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/seed/seed.cli.ts'], api, env);

  const [apiPort, webPort] = [await freePort(), await freePort()];
  state.pids.push(start('api', ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], api, { ...env, PORT: String(apiPort), HOST: '127.0.0.1' }));
  writeFileSync(STATE, JSON.stringify(state));
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitFor(`${apiUrl}/api/health`, 'the API');
  state.pids.push(start('client', [join(client, 'scripts', 'serve-h5.mjs')], client, { CLIENT_PORT: String(webPort), API_URL: apiUrl }));
  writeFileSync(STATE, JSON.stringify(state));
  const webUrl = `http://127.0.0.1:${webPort}`;
  await waitFor(`${webUrl}/`, 'the H5 server');

  process.env.E2E_API_URL = apiUrl;
  process.env.E2E_WEB_URL = webUrl;
};
