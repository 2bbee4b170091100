/**
 * Who spent the CPU while the deadline engine worked, from Linux /proc: the worker process, the
 * PostgreSQL backends of its pool (application_name 'red-butler' on the bench database), Redis
 * (INFO cpu, the whole instance) and the machine; plus what those backends were waiting on.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type Redis from 'ioredis';
import type { Client } from 'pg';

const WORKER_BACKENDS = `datname = current_database() AND application_name = 'red-butler'`;
const fixed = (n: number, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });

export interface CpuSnapshot {
  at: number;
  worker: number; // CPU seconds
  postgres: Map<number, number>; // the worker's backends: pid → CPU seconds
  redis: number;
  machineBusy: number;
  machineTotal: number;
}

function procCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime + stime, USER_HZ
  } catch {
    return null;
  }
}

export async function redisCpuSeconds(redis: Redis): Promise<number> {
  const info = await redis.info('cpu');
  return Number(/used_cpu_user:([\d.]+)/.exec(info)?.[1] ?? 0) + Number(/used_cpu_sys:([\d.]+)/.exec(info)?.[1] ?? 0);
}

export async function cpuSnapshot(db: Client, redis: Redis, workerPid: number | undefined): Promise<CpuSnapshot> {
  const { rows } = await db.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE ${WORKER_BACKENDS}`);
  const postgres = new Map<number, number>();
  for (const { pid } of rows) {
    const s = procCpuSeconds(pid);
    if (s !== null) postgres.set(pid, s);
  }
  const redisCpu = await redisCpuSeconds(redis);
  const cpu = existsSync('/proc/stat') ? readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number) : [];
  const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
  return {
    at: performance.now(),
    worker: procCpuSeconds(workerPid) ?? 0,
    postgres,
    redis: redisCpu,
    machineBusy: (total - (cpu[3] ?? 0) - (cpu[4] ?? 0)) / 100,
    machineTotal: total / 100,
  };
}

/** CPU between two snapshots, per escalation and as a share of one core. */
export function showCpu(a: CpuSnapshot, b: CpuSnapshot, escalations: number): string {
  let postgres = 0;
  for (const [pid, s] of b.postgres) postgres += s - (a.postgres.get(pid) ?? s);
  const wallS = (b.at - a.at) / 1000;
  const total = b.machineTotal - a.machineTotal;
  const machine = total > 0 ? (b.machineBusy - a.machineBusy) / total : NaN;
  const core = (s: number) => `${fixed((s / wallS) * 100, 0)}%`;
  const per = (s: number) => `${fixed((s * 1000) / Math.max(1, escalations), 2)} ms`;
  return (
    `CPU over ${fixed(wallS)} s — worker ${core(b.worker - a.worker)} of a core (${per(b.worker - a.worker)}/escalation), ` +
    `its PostgreSQL backends ${core(postgres)} (${per(postgres)}/escalation), Redis ${core(b.redis - a.redis)}; ` +
    `machine ${fixed(machine * 100, 0)}% busy of ${os.cpus().length} cores (other work included)`
  );
}

/** What the worker's PostgreSQL backends are doing, sampled: idle (waiting on the worker), CPU, WAL flush, locks. */
export class WaitSampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private timer?: NodeJS.Timeout;
  private busy = false;

  constructor(private readonly db: Client) {}

  start(everyMs = 50): void {
    this.timer = setInterval(() => void this.sample(), everyMs);
  }

  private async sample(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      const { rows } = await this.db.query<{ what: string }>(
        `SELECT CASE WHEN state = 'active' THEN coalesce(wait_event_type || ':' || wait_event, 'CPU (running)')
                     WHEN state = 'idle in transaction' THEN 'idle in transaction (waiting on the worker)'
                     ELSE coalesce(state, '?') END AS what
           FROM pg_stat_activity WHERE ${WORKER_BACKENDS}`,
      );
      this.samples += 1;
      for (const { what } of rows) this.counts.set(what, (this.counts.get(what) ?? 0) + 1);
    } catch {
      // A sample lost to a busy server is only a sample.
    } finally {
      this.busy = false;
    }
  }

  /** Average number of backends in each state over the samples, most common first. */
  stop(): string {
    clearInterval(this.timer);
    if (this.samples === 0) return 'no samples';
    return [...this.counts.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 6)
      .map(([what, n]) => `${what} ${fixed(n / this.samples, 1)}`)
      .join(' · ');
  }
}
