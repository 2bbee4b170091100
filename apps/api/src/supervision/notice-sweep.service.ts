import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { noticeFireJobId, type JobPayloads } from '../worker/jobs';
import type { NoticeEvent } from './supervision-notice.entity';

/**
 * Queues the notices whose next event falls within the sweep horizon (or is already past: a
 * backlog after an outage, or a rejection after the deadline). The row is the truth; a wiped Redis
 * is refilled by the next sweep, and the deterministic job id keeps a queued job from doubling.
 * Notices are few (hundreds a quarter), so one slice per run is enough.
 */
@Injectable()
export class NoticeSweep {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(deadlines: Queue, now = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + this.config.SWEEP_HORIZON_MS);
    const rows: Array<{ id: number; next_event: NoticeEvent; next_event_at: Date }> = await this.db.query(
      `SELECT id, next_event, next_event_at FROM supervision_notices WHERE next_event_at IS NOT NULL AND next_event_at <= $1 ORDER BY next_event_at LIMIT $2`,
      [horizon, this.config.SWEEP_BATCH],
    );
    if (rows.length === 0) return 0;
    await deadlines.addBulk(
      rows.map((r) => ({
        name: 'supervision.fire',
        data: { noticeId: r.id, event: r.next_event, at: r.next_event_at.toISOString() } satisfies JobPayloads['supervision.fire'],
        opts: {
          jobId: noticeFireJobId(r.id, r.next_event, r.next_event_at),
          timestamp: now.getTime(),
          delay: Math.max(0, r.next_event_at.getTime() - now.getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          // The row is the record; a completed job leaves Redis so its id is free again.
          removeOnComplete: true,
          removeOnFail: { age: 3600 },
        },
      })),
    );
    return rows.length;
  }
}
