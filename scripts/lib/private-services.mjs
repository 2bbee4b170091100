// A private PostgreSQL and Redis on free loopback ports, for runs that must not touch the machine's
// shared servers: the fake-clock test matrix (both servers see the same shifted clock as the tests,
// so now() in SQL and Date.now() in Node agree) and fault drills. Everything lives in one temp dir.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1'];

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function pgBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql');
  const version = readdirSync(root).sort((a, b) => Number(b) - Number(a))[0];
  return join(root, version, 'bin');
}

/**
 * The environment that shifts a process's wall clock to `at` (a Date), keeping the monotonic clock
 * real so timers and timeouts behave. The offset is fixed when this is called: the faked clock then
 * runs at normal speed from there.
 */
export function fakeClockEnv(at) {
  const lib = LIBFAKETIME.find((p) => existsSync(p));
  if (!lib) throw new Error('libfaketime is missing: apt-get install -y faketime');
  const offset = Math.round((at.getTime() - Date.now()) / 1000);
  return { LD_PRELOAD: lib, FAKETIME: `${offset >= 0 ? '+' : ''}${offset}s`, FAKETIME_DONT_FAKE_MONOTONIC: '1', FAKETIME_NO_CACHE: '1' };
}

/**
 * Runs a command without blocking the event loop. Resolves with its exit code, or with its trimmed
 * stdout when `output` is set (daemons it starts get no pipes, so it never waits on them).
 */
function runAsync(cmd, args, env = {}, output = false) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', output ? 'pipe' : 'ignore', 'ignore'] });
    let out = '';
    child.stdout?.on('data', (b) => (out += b));
    child.on('error', () => resolve(output ? '' : 1));
    child.on('close', (code) => resolve(output ? out.trim() : code));
  });
}

/** PostgreSQL refuses to run as root: run its tools as the `postgres` user when we are root. */
function asPostgres(cmd, args, env, quiet = false) {
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  // A daemon started from here inherits our pipes: with `quiet`, it gets none (spawnSync would wait on them forever).
  const options = { encoding: 'utf8', ...(quiet ? { stdio: 'ignore' } : {}) };
  if (userInfo().uid === 0) return spawnSync('runuser', ['-u', 'postgres', '--', 'env', ...envArgs, cmd, ...args], options);
  return spawnSync(cmd, args, { ...options, env: { ...process.env, ...env } });
}

/**
 * Starts (or restarts, with a new clock) a private PostgreSQL and Redis. Returns their URLs and
 * `restart(env)` / `stop()`. `env` (the fake clock) goes to PostgreSQL only: Redis's jemalloc clashes
 * with libfaketime, and nothing here reads Redis's clock (BullMQ passes its timestamps from Node; TTLs
 * are relative). `settings`: more PostgreSQL settings (`{ shared_buffers: '12GB' }`, for benches).
 */
export async function startPrivateServices(env = {}, { settings = {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rb-private-'));
  const data = join(dir, 'pg');
  if (userInfo().uid === 0) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
  const bin = pgBin();
  const init = asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'], {});
  if (init.status !== 0) throw new Error(`initdb failed: ${init.stderr}`);
  const pgPort = await freePort();
  const redisPort = await freePort();
  let current = env;

  const extra = Object.entries(settings).map(([k, v]) => ` -c ${k}=${v}`).join('');
  const pgOpts = `-p ${pgPort} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c timezone=UTC${extra}`;
  const startPg = () => {
    const r = asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', pgOpts, '-l', join(dir, 'pg.log'), '-w', 'start'], current, true);
    if (r.status !== 0) throw new Error(`pg_ctl start failed (see ${join(dir, 'pg.log')})`);
  };
  const stopPg = () => asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], {}, true);
  const redisArgs = ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'yes',
    '--dir', dir, '--pidfile', join(dir, 'redis.pid'), '--logfile', join(dir, 'redis.log')];
  const startRedis = () => {
    const r = spawnSync('redis-server', redisArgs, { stdio: 'ignore' });
    if (r.status !== 0) throw new Error(`redis-server failed (see ${join(dir, 'redis.log')})`);
  };
  const stopRedis = () => spawnSync('redis-cli', ['-p', String(redisPort), 'shutdown', 'nosave'], { stdio: 'ignore' });
  const waitRedis = () => {
    for (let i = 0; i < 100; i++) {
      if (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() === 'PONG') return;
      spawnSync('sleep', ['0.1']);
    }
    throw new Error('private redis did not start');
  };

  const pgCtlAsync = async (args, env) => {
    const code = userInfo().uid === 0
      ? await runAsync('runuser', ['-u', 'postgres', '--', 'env', ...Object.entries(env).map(([k, v]) => `${k}=${v}`), join(bin, 'pg_ctl'), ...args])
      : await runAsync(join(bin, 'pg_ctl'), args, env);
    if (code !== 0) throw new Error(`pg_ctl ${args.at(-1)} failed (see ${join(dir, 'pg.log')})`);
  };
  const redisCliAsync = (args) => runAsync('redis-cli', ['-p', String(redisPort), ...args], {}, true);

  const signalPg = (signal) => {
    const postmaster = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    const children = spawnSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' }).stdout.split('\n').map(Number).filter((n) => n > 0);
    for (const pid of [postmaster, ...children]) process.kill(pid, signal);
  };

  startPg();
  startRedis();
  waitRedis();
  return {
    databaseUrl: `postgres://postgres@127.0.0.1:${pgPort}/red_butler`,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    dir,
    pgPort,
    redisPort,
    // One server at a time, for fault drills (scripts/drill.mjs). Asynchronous, so a load generator
    // in the same process keeps running while a server stops or starts; each resolves once done.
    /** `pg_ctl stop -m fast`: open sessions are cut, in-flight transactions roll back. */
    stopPostgres: () => pgCtlAsync(['-D', data, '-m', 'fast', '-w', 'stop'], {}),
    startPostgres: () => pgCtlAsync(['-D', data, '-o', pgOpts, '-l', join(dir, 'pg.log'), '-w', 'start'], current),
    /** `pg_ctl restart -m fast` (the clock env of the last start is kept). */
    restartPostgresFast: () => pgCtlAsync(['-D', data, '-o', pgOpts, '-l', join(dir, 'pg.log'), '-m', 'fast', '-w', 'restart'], current),
    /** SHUTDOWN NOSAVE: with no persistence configured, everything in Redis is gone when it comes back. */
    stopRedis: () => redisCliAsync(['shutdown', 'nosave']).then(() => undefined),
    async startRedis() {
      const code = await runAsync('redis-server', redisArgs);
      if (code !== 0) throw new Error(`redis-server failed (see ${join(dir, 'redis.log')})`);
      for (let i = 0; i < 100; i++) {
        if ((await redisCliAsync(['ping'])) === 'PONG') return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('private redis did not start');
    },
    /** One redis-cli command against the private Redis (e.g. FLUSHALL); resolves with its output. */
    redisCli: (...args) => redisCliAsync(args),
    restart(nextEnv = {}) {
      current = nextEnv;
      stopPg();
      stopRedis();
      startPg();
      startRedis();
      waitRedis();
    },
    stop() {
      try {
        signalPg('SIGCONT'); // a paused cluster cannot stop
      } catch {
        // not running
      }
      stopPg();
      stopRedis();
      rmSync(dir, { recursive: true, force: true });
    },
    // A hung server (frozen, or a network that drops packets): connections open at the TCP level and
    // nothing answers. SIGSTOP/SIGCONT to this cluster's postmaster and its children only, by pid.
    pausePostgres: () => signalPg('SIGSTOP'),
    resumePostgres: () => signalPg('SIGCONT'),
    /** Both servers running and answering, whatever a (failed) test left them in. */
    ensureRunning() {
      try {
        signalPg('SIGCONT');
      } catch {
        // not running
      }
      if (asPostgres(join(bin, 'pg_ctl'), ['-D', data, 'status'], {}, true).status !== 0) startPg();
      if (spawnSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).stdout?.trim() !== 'PONG') {
        startRedis();
        waitRedis();
      }
    },
  };
}
