/** How soon a backlog-only follow-up runs while a backlog is still being fed to the workers. */
export const BACKLOG_FOLLOW_UP_MS = 250;

/**
 * The worker's own timer for the deadline sweep. It used to be a BullMQ job scheduler, which lives
 * only in Redis: after FLUSHALL or a restart of Redis without persistence no sweep ran again until
 * the worker was restarted. This timer lives in the process, so the first sweep after a wipe
 * re-queues everything due (from the database) within one interval.
 *
 * A full step runs every `intervalMs`; while a step says a backlog is still waiting (`more`), a
 * backlog-only step follows after BACKLOG_FOLLOW_UP_MS. Steps never overlap: a step that waits
 * for Redis to come back delays the next one. `kick()` runs a full step now (Redis reconnected).
 * Every worker process runs its own loop; the sweep is idempotent (deterministic job ids), so
 * several at once only re-add what is already queued.
 */
export class SweepLoop {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private nextFullAt = 0;
  private kicked = false;

  constructor(
    private readonly step: (full: boolean) => Promise<{ more: boolean }>,
    private readonly intervalMs: number,
    private readonly onError: (error: Error) => void,
    private readonly now: () => number = Date.now,
  ) {}

  start(): void {
    this.stopped = false;
    this.nextFullAt = 0;
    this.schedule(0);
  }

  /** A full step as soon as the running one (if any) ends. */
  kick(): void {
    this.nextFullAt = 0;
    if (this.running) this.kicked = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.run(), Math.max(0, ms));
  }

  private async run(): Promise<void> {
    this.timer = null;
    if (this.stopped || this.running) return;
    const t = this.now();
    const full = t >= this.nextFullAt;
    if (full) this.nextFullAt = t + this.intervalMs;
    let more = false;
    this.running = this.step(full).then(
      (r) => void (more = r.more),
      (error: Error) => this.onError(error),
    );
    await this.running;
    this.running = null;
    if (this.kicked) {
      this.kicked = false;
      this.nextFullAt = 0;
    }
    const untilFull = this.nextFullAt - this.now();
    this.schedule(more ? Math.min(BACKLOG_FOLLOW_UP_MS, untilFull) : untilFull);
  }
}
