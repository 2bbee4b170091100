import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { fireJobId, pushJobId, type JobPayloads } from '../worker/jobs';
import type { DeadlineEvent } from './ticket-deadline.entity';

export interface SweepResult {
  deadlines: number;
  pushes: number;
}

/**
 * Turns what the database says is due soon into delayed jobs. Redis only ever holds the next
 * `SWEEP_HORIZON_MS` of work, so a wiped Redis loses nothing: the next sweep re-adds it, and the
 * deterministic job ids keep a job that is still queued from being added twice.
 */
@Injectable()
export class DeadlineSweep {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(deadlines: Queue, notifications: Queue, now = new Date()): Promise<SweepResult> {
    const horizon = new Date(now.getTime() + this.config.SWEEP_HORIZON_MS);
    const due: Array<{ id: string; ticket_id: number; next_event: DeadlineEvent; next_event_at: Date; request_id: string | null }> = await this.db.query(
      `SELECT id, ticket_id, next_event, next_event_at, request_id FROM ticket_deadlines
        WHERE status = 'open' AND next_event_at IS NOT NULL AND next_event_at <= $1
        ORDER BY next_event_at LIMIT $2`,
      [horizon, this.config.SWEEP_BATCH],
    );
    if (due.length > 0) {
      await deadlines.addBulk(
        due.map((d) => ({
          name: 'deadline.fire',
          data: { deadlineId: d.id, event: d.next_event, at: d.next_event_at.toISOString(), ...withRequestId(d.request_id) } satisfies JobPayloads['deadline.fire'],
          opts: {
            jobId: fireJobId(d.ticket_id, d.id, d.next_event, d.next_event_at),
            delay: Math.max(0, d.next_event_at.getTime() - now.getTime()),
            attempts: 5,
            backoff: { type: 'exponential', delay: 1000 },
            // Completed jobs leave Redis so the id is free again; the database row is the record.
            removeOnComplete: true,
            removeOnFail: { age: 3600 },
          },
        })),
      );
    }
    const pushes: Array<{ id: string; request_id: string | null }> = await this.db.query(
      `SELECT id, request_id FROM notifications WHERE push_status = 'pending' ORDER BY id LIMIT $1`,
      [this.config.SWEEP_BATCH],
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
    return { deadlines: due.length, pushes: pushes.length };
  }
}

/** The request that caused the row rides along in the job, so the worker's log lines name it. */
function withRequestId(requestId: string | null): { requestId?: string } {
  return requestId ? { requestId } : {};
}
