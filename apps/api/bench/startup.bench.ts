/**
 * `pnpm bench startup` — what the production build changes for operators: cold start to ready and
 * memory, for the API and the worker, run the development way (ts-node transpile-only) and the
 * production way (`node dist/...`), one after the other on the same throwaway database.
 *
 *   - API cold start: spawn → `GET /api/health/ready` answers 200 (database, Redis, migrations);
 *   - worker cold start: spawn → its `GET /health` answers 200 (loops running, first heartbeat);
 *   - RSS (VmRSS of the process) after 5 s idle, and for the API after 10,000 creates
 *     (`POST /api/tickets`, 32 in flight) and 5 s of rest.
 *
 * Options: --creates N (default 10000), --runs N (cold starts per variant, median printed; default 3), --keep-db.
 */
import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';

const API_DIR = resolve(__dirname, '..');
const RAISED = '100000000';
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Variant = 'ts-node' | 'dist';
const ENTRY: Record<Variant, { api: string[]; worker: string[] }> = {
  'ts-node': { api: ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], worker: ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'] },
  dist: { api: ['dist/main.js'], worker: ['dist/worker.js'] },
};

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(process.argv[i + 1]);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} expects a positive integer`);
  return n;
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => res(port));
    });
  });
}

/** Resident set size in MB, from /proc (what the kernel charges the process, not the JS heap). */
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

interface Started {
  child: ChildProcess;
  readyMs: number;
  stop: () => Promise<void>;
}

async function start(args: string[], env: NodeJS.ProcessEnv, probe: string): Promise<Started> {
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { cwd: API_DIR, env, stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (c: Buffer) => (errors = (errors + c.toString()).slice(-4000)));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited during start-up (${child.exitCode}):\n${errors}`);
    try {
      if ((await fetch(probe)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (performance.now() - t0 > 120_000) throw new Error(`${args.join(' ')}: not ready within 120 s`);
    await sleep(25);
  }
  const readyMs = performance.now() - t0;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const t = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(t);
  };
  return { child, readyMs, stop };
}

async function creates(base: string, total: number): Promise<number> {
  const login = await fetch(`${base}/api/auth/dev-login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"username":"resident"}' });
  const { token } = (await login.json()) as { token: string };
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const { items } = (await (await fetch(`${base}/api/categories`, { headers: auth })).json()) as { items: Array<{ id: number }> };
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: 32 }, async () => {
      while (next < total) {
        const i = next++;
        const res = await fetch(`${base}/api/tickets`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ categoryId: items[i % items.length].id, description: `启动基准 ${i}：楼道灯不亮`, location: { lat: 38.4872, lng: 106.2309, address: '湖畔嘉苑6号楼' } }),
        });
        await res.arrayBuffer();
        if (res.status !== 201) failed++;
      }
    }),
  );
  if (failed > 0) throw new Error(`${failed} of ${total} creates failed`);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const runs = option('--runs', 3);
  const total = option('--creates', 10_000);
  if (!existsSync(join(API_DIR, 'dist/main.js'))) throw new Error('apps/api/dist is missing: run `pnpm build`');
  const url = withDatabaseName(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/red_butler', `rb_bench_startup_${Date.now().toString(36)}`);
  console.log(`\n红管家 start-up benchmark — ts-node vs the compiled build (${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(2)})`);
  await migrate(url);
  const ds = createDataSource(url);
  await ds.initialize();
  await seed(ds, readSeedFile());
  await ds.destroy();
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    DEMO_MODE: 'true', // the bench signs in with dev-login
    JWT_SECRET: `bench-startup-${randomBytes(24).toString('hex')}`,
    DATABASE_URL: url,
    LOG_LEVEL: 'error',
    LOG_FORMAT: 'json',
    METRICS_PORT: '0',
    RATE_LIMIT_PER_MINUTE: RAISED,
    RATE_LIMIT_REPORTS_PER_MINUTE: RAISED,
    RATE_LIMIT_LOGIN_PER_MINUTE: RAISED,
    RATE_LIMIT_PREFIX: `rb:bench-startup:${randomBytes(4).toString('hex')}:`,
  };
  const rows: string[] = [];
  try {
    for (const variant of ['ts-node', 'dist'] as Variant[]) {
      const apiReady: number[] = [];
      const workerReady: number[] = [];
      let apiIdle = 0;
      let apiLoaded = 0;
      let workerIdle = 0;
      let createMs = 0;
      for (let run = 0; run < runs; run++) {
        const port = await freePort();
        const apiUrl = `http://127.0.0.1:${port}`;
        const api = await start(ENTRY[variant].api, { ...base, PORT: String(port) }, `${apiUrl}/api/health/ready`);
        apiReady.push(api.readyMs);
        const workerPort = await freePort();
        const worker = await start(ENTRY[variant].worker, { ...base, WORKER_HEALTH_PORT: String(workerPort) }, `http://127.0.0.1:${workerPort}/health`);
        workerReady.push(worker.readyMs);
        if (run === runs - 1) {
          await sleep(5000);
          apiIdle = rssMb(api.child.pid as number);
          workerIdle = rssMb(worker.child.pid as number);
          createMs = await creates(apiUrl, total);
          await sleep(5000);
          apiLoaded = rssMb(api.child.pid as number);
        }
        await Promise.all([api.stop(), worker.stop()]);
      }
      rows.push(
        `  ${variant.padEnd(8)} API ready ${median(apiReady).toFixed(0).padStart(6)} ms   worker ready ${median(workerReady).toFixed(0).padStart(6)} ms   ` +
          `RSS idle: API ${apiIdle.toFixed(0)} MB, worker ${workerIdle.toFixed(0)} MB   API after ${total} creates ${apiLoaded.toFixed(0)} MB ` +
          `(${((total / createMs) * 1000).toFixed(0)} creates/s)`,
      );
      console.log(rows[rows.length - 1]);
    }
  } finally {
    if (!process.argv.includes('--keep-db')) await dropDatabase(url);
  }
  console.log(`\nmedian of ${runs} cold starts per variant; RSS from /proc/<pid>/status VmRSS`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
