import type { OpsResponse } from '../metrics/ops-http.server';

export interface LoopState {
  queue: string;
  running: boolean;
}

/**
 * The worker's heartbeat. It beats when this process runs a sweep or finishes a job, and on a tick
 * (every sweep interval) that finds all its BullMQ workers running and their Redis answering — so
 * an idle worker in a fleet, which may get no job for a while, still proves its loops are alive.
 * Stale after `staleMs`: the orchestrator should restart the process.
 */
export class WorkerLiveness {
  private lastBeat = 0;
  private lastSweep = 0;
  private lastJob = 0;

  constructor(
    private readonly staleMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  beat(source: 'sweep' | 'job' | 'tick'): void {
    const t = this.now();
    this.lastBeat = t;
    if (source === 'sweep') this.lastSweep = t;
    if (source === 'job') this.lastJob = t;
  }

  report(loops: LoopState[]): OpsResponse {
    const t = this.now();
    const ago = (at: number) => (at === 0 ? null : t - at);
    const stopped = loops.filter((l) => !l.running).map((l) => l.queue);
    const stale = this.lastBeat === 0 || t - this.lastBeat > this.staleMs;
    const status = stopped.length > 0 ? 'stopped' : stale ? 'stale' : 'ok';
    const body = {
      status,
      staleAfterMs: this.staleMs,
      lastBeatMsAgo: ago(this.lastBeat),
      lastSweepMsAgo: ago(this.lastSweep),
      lastJobMsAgo: ago(this.lastJob),
      loops,
    };
    return { status: status === 'ok' ? 200 : 503, contentType: 'application/json', body: JSON.stringify(body) };
  }
}

/** N× the sweep interval, with a floor: a busy machine may delay one tick, never five. */
export function staleAfterMs(sweepIntervalMs: number): number {
  return Math.max(5 * sweepIntervalMs, 3000);
}
