// The compiled API and worker as child processes of the drill, each with its own log file, so a
// fault can SIGKILL one and start it again exactly as a supervisor (systemd, Docker) would.
import { spawn, spawnSync } from 'node:child_process';
import { openSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../lib/private-services.mjs';

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The environment of every compiled process in the drill: production build, demo opt-in, short timers. */
export async function drillEnv(services) {
  const [port, metricsPort, workerPort] = [await freePort(), await freePort(), await freePort()];
  return {
    NODE_ENV: 'production',
    // Not production for real people: demo accounts and passwordless login are the drill's users.
    DEMO_MODE: 'true',
    AUTH_DEV_LOGIN: 'true',
    JWT_SECRET: `drill-${process.pid}-${Date.now()}-not-a-real-secret`,
    WECHAT_APPID: '',
    WECHAT_SECRET: '',
    DATABASE_URL: services.databaseUrl,
    REDIS_URL: services.redisUrl,
    HOST: '127.0.0.1',
    PORT: String(port),
    METRICS_PORT: String(metricsPort),
    WORKER_HEALTH_PORT: String(workerPort),
    LOG_FORMAT: 'json',
    LOG_LEVEL: 'info',
    // The load is many creates from two demo residents: the per-user limits would turn it into 429s.
    RATE_LIMIT_PER_MINUTE: '100000',
    RATE_LIMIT_REPORTS_PER_MINUTE: '100000',
    RATE_LIMIT_PREFIX: 'rb:drill:rate:',
    // Sweep often and look only a little ahead, so firings after a fault depend on the sweep soon.
    SWEEP_INTERVAL_MS: '500',
    SWEEP_HORIZON_MS: '5000',
    REPORT_ROLLUP_INTERVAL_MS: '5000',
    WORKER_CONCURRENCY: '8',
  };
}

/** Runs a compiled CLI (migrate, seed) to completion; throws with its output when it fails. */
export function runCli(apiDir, file, env) {
  const r = spawnSync('node', [file], { cwd: apiDir, env: { ...process.env, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * One role (api or worker): start(), kill9(), stop(). Every start gets a numbered log file
 * (api-1.log, api-2.log…) in `logDir`.
 */
export class Role {
  constructor(name, apiDir, file, env, logDir) {
    Object.assign(this, { name, apiDir, file, env, logDir });
    this.starts = 0;
    this.child = null;
  }

  get logs() {
    return Array.from({ length: this.starts }, (_, i) => join(this.logDir, `${this.name}-${i + 1}.log`));
  }

  start() {
    this.starts += 1;
    const fd = openSync(join(this.logDir, `${this.name}-${this.starts}.log`), 'a');
    this.child = spawn('node', [this.file], { cwd: this.apiDir, env: { ...process.env, ...this.env }, stdio: ['ignore', fd, fd] });
    this.exited = new Promise((resolve) => this.child.once('exit', resolve));
    return Date.now();
  }

  async kill9() {
    this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM, as a deploy stops it; SIGKILL after 15 s. */
  async stop() {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(t);
  }
}

/** Polls `url` until it answers 200; resolves with the time it did, or null after `timeoutMs`. */
export async function waitFor200(url, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200) return Date.now();
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  return null;
}
