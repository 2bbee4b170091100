/**
 * The API as a child process of a benchmark: what `bench intake` and `bench reads` start (the
 * compiled build, or ts-node), configured as a demo deployment whose callers sign in with dev-login,
 * with rate limits raised out of the way and logs at error level. Resolves once /api/health answers.
 */
import { spawn, type ChildProcess, type StdioOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const API_DIR = join(__dirname, '../..');
export const RAISED_LIMIT = '100000000';
const HEALTHY_WITHIN_MS = 120_000;

export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => res(port));
    });
  });
}

export interface ApiChild {
  base: string;
  port: number;
  child: ChildProcess;
  /** The last 8,000 characters the API printed. */
  output: () => string;
  /** SIGTERM, then SIGKILL after 5 s. */
  stop: () => Promise<void>;
}

export interface ApiChildOptions {
  databaseUrl: string;
  /** node's arguments: flags and hooks, then the entry (`dist/main.js`). */
  args: string[];
  /** Names the bench in the throwaway JWT secret. */
  bench: string;
  stdio?: StdioOptions;
  /** Called with the child as soon as it is spawned (a bench's cleanup must be able to kill it). */
  onSpawn?: (child: ChildProcess) => void;
}

export async function startApiChild(opts: ApiChildOptions): Promise<ApiChild> {
  const port = await freePort();
  const child = spawn(process.execPath, opts.args, {
    cwd: API_DIR,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      JWT_SECRET: `bench-${opts.bench}-${randomBytes(16).toString('hex')}`,
      // The bench signs its callers in without passwords: a demo deployment, as far as config goes.
      DEMO_MODE: 'true',
      AUTH_DEV_LOGIN: 'true',
      LOG_LEVEL: 'error',
      METRICS_PORT: '0',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: opts.databaseUrl,
      RATE_LIMIT_PER_MINUTE: RAISED_LIMIT,
      RATE_LIMIT_REPORTS_PER_MINUTE: RAISED_LIMIT,
      RATE_LIMIT_LOGIN_PER_MINUTE: RAISED_LIMIT,
    },
    stdio: opts.stdio ?? ['ignore', 'pipe', 'pipe'],
  });
  opts.onSpawn?.(child);
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + HEALTHY_WITHIN_MS;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited during start-up (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    try {
      if ((await fetch(`${base}/api/health`)).status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the API did not become healthy within ${HEALTHY_WITHIN_MS / 1000} s:\n${output}`);
    await sleep(200);
  }
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  return { base, port, child, output: () => output, stop };
}
