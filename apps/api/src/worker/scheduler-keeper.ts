import type { Queue } from 'bullmq';

export interface KeptScheduler {
  queue: Queue;
  /** The job scheduler's id in Redis. */
  id: string;
  /** Upserts the scheduler (and queues any catch-up it needs); must be idempotent. */
  install: () => Promise<unknown>;
}

/**
 * A scheduler that adds job `name` (no payload) every `everyMs`: its id is the job name with
 * dashes, so every worker (and every restart) upserts the same one.
 */
export function everyScheduler(queue: Queue, name: string, everyMs: number): KeptScheduler {
  const id = name.replace(/\./g, '-');
  return {
    queue,
    id,
    install: () => queue.upsertJobScheduler(id, { every: everyMs }, { name, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } }),
  };
}

/**
 * The BullMQ job schedulers (the reports' drain, the quarterly cron) live only in Redis. A wiped
 * Redis, or one restarted without persistence, loses them and nothing would run again until the
 * worker restarted. `check()` re-installs any that is missing; the worker runs it at start, with
 * every full sweep and when its Redis connection comes back. Each worker of a fleet checks, and
 * two re-installing the same id at once upsert the same scheduler.
 */
export class SchedulerKeeper {
  constructor(
    private readonly kept: KeptScheduler[],
    private readonly onReinstalled: (id: string, queue: string) => void,
    /** Schedulers an older version installed that must no longer run. */
    private readonly retired: Array<{ queue: Queue; id: string }> = [],
  ) {}

  /** Returns the ids it (re)installed. */
  async check(): Promise<string[]> {
    const installed: string[] = [];
    for (const s of this.kept) {
      if (await s.queue.getJobScheduler(s.id)) continue;
      await s.install();
      installed.push(s.id);
      this.onReinstalled(s.id, s.queue.name);
    }
    for (const r of this.retired) if (await r.queue.getJobScheduler(r.id)) await r.queue.removeJobScheduler(r.id);
    return installed;
  }
}
