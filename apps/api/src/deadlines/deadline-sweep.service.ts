import { Inject, Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { RECOVER_EXPIRED_CLAIMS_SQL } from '../notifications/push-delivery.service';
import { fireJobId, pushJobId, type JobPayloads } from '../worker/jobs';
import type { DeadlineEvent } from './ticket-deadline.entity';

export interface SweepResult {
  /** Rows queued ahead of time (due within the horizon, not yet due). */
  deadlines: number;
  /** Rows already due when the sweep ran (a backlog after an outage), queued behind the on-time ones. */
  backlog: number;
  /** The backlog query came back full: more is waiting, the caller should sweep again soon. */
  backlogFull: boolean;
  pushes: number;
}

/**
 * BullMQ priority of a job that was already due when the sweep queued it. A worker takes jobs from
 * the wait list (on-time jobs, promoted from delayed) before any prioritized one, so a backlog of
 * thousands after an outage never holds up a deadline that comes due while it drains.
 */
export const BACKLOG_PRIORITY = 1;

/**
 * A row that came due only this long ago is still "on time": it missed its delayed job by a sweep's
 * length (say it was written just before its due time), not by an outage, and goes ahead of the backlog.
 */
export function onTimeGraceMs(sweepIntervalMs: number): number {
  return Math.max(5000, 2 * sweepIntervalMs);
}

/** Jobs per addBulk: Redis runs each MULTI alone, so smaller ones let the workers' fetches in between. */
const ADD_CHUNK = 500;

type DueRow = { id: string; ticket_id: number; next_event: DeadlineEvent; next_event_at: Date; request_id: string | null };

/**
 * Turns what the database says is due soon into jobs. Redis only ever holds the next
 * `SWEEP_HORIZON_MS` of work, so a wiped Redis loses nothing: the next sweep re-adds it, and the
 * deterministic job ids keep a job that is still queued from being added twice.
 *
 * Two slices per run: the rows due within the horizon or only just due (on time: delayed jobs, or
 * waiting ones), and the rows overdue for longer (the backlog a stall or an outage left), oldest
 * first, as prioritized jobs. The backlog is
 * topped up only while fewer than half a batch of deadline jobs wait, so a large backlog is fed to
 * the workers a batch at a time instead of re-adding the same rows every run.
 */
@Injectable()
export class DeadlineSweep {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(deadlines: Queue, notifications: Queue, now = new Date(), opts: { backlogOnly?: boolean } = {}): Promise<SweepResult> {
    const batch = this.config.SWEEP_BATCH;
    const horizon = new Date(now.getTime() + this.config.SWEEP_HORIZON_MS);
    const onTimeSince = new Date(now.getTime() - onTimeGraceMs(this.config.SWEEP_INTERVAL_MS));
    let upcoming: DueRow[] = [];
    if (!opts.backlogOnly) {
      upcoming = await this.db.query(
        `SELECT id, ticket_id, next_event, next_event_at, request_id FROM ticket_deadlines
          WHERE status = 'open' AND next_event_at IS NOT NULL AND next_event_at > $1 AND next_event_at <= $2
          ORDER BY next_event_at LIMIT $3`,
        [onTimeSince, horizon, batch],
      );
      await this.queueFires(deadlines, upcoming, now, false);
    }
    let backlog: DueRow[] = [];
    const waiting = await deadlines.getJobCountByTypes('wait', 'prioritized');
    if (waiting < Math.ceil(batch / 2)) {
      backlog = await this.db.query(
        `SELECT id, ticket_id, next_event, next_event_at, request_id FROM ticket_deadlines
          WHERE status = 'open' AND next_event_at IS NOT NULL AND next_event_at <= $1
          ORDER BY next_event_at LIMIT $2`,
        [onTimeSince, batch],
      );
      await this.queueFires(deadlines, backlog, now, true);
    }
    const pushes = opts.backlogOnly ? 0 : await this.queuePushes(notifications, batch);
    // Still a full batch waiting: the backlog is not worked off yet, whether or not this run topped it up.
    const backlogFull = backlog.length === batch || waiting >= Math.ceil(batch / 2);
    return { deadlines: upcoming.length, backlog: backlog.length, backlogFull, pushes };
  }

  private async queueFires(deadlines: Queue, rows: DueRow[], now: Date, late: boolean): Promise<void> {
    for (let i = 0; i < rows.length; i += ADD_CHUNK) await deadlines.addBulk(this.fireJobs(rows.slice(i, i + ADD_CHUNK), now, late));
  }

  private fireJobs(rows: DueRow[], now: Date, late: boolean) {
    return rows.map((d) => ({
      name: 'deadline.fire',
      data: { deadlineId: d.id, event: d.next_event, at: d.next_event_at.toISOString(), ...withRequestId(d.request_id) } satisfies JobPayloads['deadline.fire'],
      opts: {
        jobId: fireJobId(d.ticket_id, d.id, d.next_event, d.next_event_at),
        // Absolute: BullMQ schedules at timestamp + delay, so a sweep whose add waited for Redis to
        // come back still schedules each job at its own due time.
        timestamp: now.getTime(),
        delay: Math.max(0, d.next_event_at.getTime() - now.getTime()),
        ...(late ? { priority: BACKLOG_PRIORITY } : {}),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000 },
        // Completed jobs leave Redis so the id is free again; the database row is the record.
        removeOnComplete: true,
        removeOnFail: { age: 3600 },
      } satisfies JobsOptions,
    }));
  }

  private async queuePushes(notifications: Queue, batch: number): Promise<number> {
    // A claim whose worker died mid-send is settled as unknown, never re-queued (at-most-once).
    await this.db.query(RECOVER_EXPIRED_CLAIMS_SQL, [this.config.PUSH_CLAIM_LEASE_SECONDS]);
    const pushes: Array<{ id: string; request_id: string | null }> = await this.db.query(
      `SELECT id, request_id FROM notifications WHERE push_status = 'pending' ORDER BY id LIMIT $1`,
      [batch],
    );
    if (pushes.length > 0) {
      await notifications.addBulk(
        pushes.map((p) => ({
          name: 'notification.push',
          data: { notificationId: p.id, ...withRequestId(p.request_id) } satisfies JobPayloads['notification.push'],
          opts: { jobId: pushJobId(p.id), attempts: 5, backoff: { type: 'exponential', delay: 2000 }, removeOnComplete: true, removeOnFail: { age: 24 * 3600 } },
        })),
      );
    }
    return pushes.length;
  }
}

/** The request that caused the row rides along in the job, so the worker's log lines name it. */
function withRequestId(requestId: string | null): { requestId?: string } {
  return requestId ? { requestId } : {};
}
