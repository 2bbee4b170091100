import type { Logger } from '@nestjs/common';

export type RedisFaultKind = 'job-lost' | 'connection' | 'other';

/**
 * What an `error` event of a BullMQ worker or queue means:
 * - `job-lost`: "Missing key for job …", "Missing lock for job …", "Lock mismatch for job …", "Job … is
 *   not in the active state" — Redis lost the job's key, lock or list entry while it ran (wiped, or
 *   restarted without persistence). Harmless: the job's effect committed or
 *   rolled back in PostgreSQL under its claim, and the sweep re-queues whatever is still due.
 * - `connection`: Redis is unreachable; ioredis retries by itself.
 */
export function classifyRedisFault(error: Error & { code?: string }): RedisFaultKind {
  const message = error?.message ?? '';
  if (/^Missing (key|lock) for job|^Lock mismatch for job|^Job \S+ is not in the \w+ state/i.test(message)) return 'job-lost';
  if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'].includes(error?.code ?? '')) return 'connection';
  if (/Connection is closed|ECONNREFUSED|ECONNRESET|connect ETIMEDOUT|Stream isn't writeable|LOADING|READONLY/i.test(message)) return 'connection';
  return 'other';
}

/** One warning per kind per window; the rest are counted and told in the next warning. */
const WINDOW_MS = 10_000;

/**
 * Logs the `error` events of the worker's BullMQ workers and queues. After a wipe or a restart of
 * Redis every running job and every connection reports at once; at error level that buried real
 * failures. Expected faults are warnings with a reason, at most one per kind per 10 s; anything else
 * stays an error.
 */
export class RedisFaultLog {
  private readonly last = new Map<RedisFaultKind, number>();
  private readonly suppressed = new Map<RedisFaultKind, number>();

  constructor(
    private readonly logger: Pick<Logger, 'warn' | 'error' | 'debug'>,
    private readonly now: () => number = Date.now,
  ) {}

  report(source: string, error: Error): RedisFaultKind {
    const kind = classifyRedisFault(error);
    if (kind === 'other') {
      this.logger.error(`${source}: ${error.message}`);
      return kind;
    }
    const t = this.now();
    const last = this.last.get(kind);
    if (last !== undefined && t - last < WINDOW_MS) {
      this.suppressed.set(kind, (this.suppressed.get(kind) ?? 0) + 1);
      this.logger.debug(`${source}: ${error.message}`);
      return kind;
    }
    const more = this.suppressed.get(kind) ?? 0;
    this.last.set(kind, t);
    this.suppressed.set(kind, 0);
    const also = more > 0 ? ` (and ${more} more like it since the last warning)` : '';
    const reason =
      kind === 'job-lost'
        ? 'Redis lost a running job (wiped or restarted without persistence); harmless: its effect is decided by its database claim and the sweep re-queues what is still due'
        : 'Redis is unreachable; reconnecting, and the sweep rebuilds the queues from the database once it is back';
    this.logger.warn(`${source}: ${error.message} — ${reason}${also}`);
    return kind;
  }
}
