import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { voteCloseJobId, type JobPayloads } from '../worker/jobs';

/**
 * Queues the close of every vote whose window ends within the sweep horizon (or has ended): a
 * delayed `votes.close` job at its closing time. The database says what is due, so a wiped Redis
 * loses nothing (the next sweep re-adds it), and the job id (`vote-close-<id>-<closes ms>`) keeps a
 * queued close from being added twice. The close itself is guarded and runs once however often it fires.
 */
@Injectable()
export class VoteCloseSweep {
  constructor(
    private readonly db: DataSource,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async run(queue: Queue, now = new Date()): Promise<number> {
    const horizon = new Date(now.getTime() + this.config.SWEEP_HORIZON_MS);
    const rows: Array<{ id: number; closes_at: Date }> = await this.db.query(
      `SELECT id, closes_at FROM owner_votes WHERE status = 'scheduled' AND closes_at <= $1 ORDER BY closes_at LIMIT $2`,
      [horizon, this.config.SWEEP_BATCH],
    );
    if (rows.length === 0) return 0;
    await queue.addBulk(
      rows.map((v) => ({
        name: 'votes.close',
        data: { voteId: v.id, at: v.closes_at.toISOString() } satisfies JobPayloads['votes.close'],
        opts: {
          jobId: voteCloseJobId(v.id, v.closes_at),
          timestamp: now.getTime(),
          delay: Math.max(0, v.closes_at.getTime() - now.getTime()),
          attempts: 5,
          backoff: { type: 'exponential', delay: 1000 },
          removeOnComplete: true,
          removeOnFail: { age: 3600 },
        },
      })),
    );
    return rows.length;
  }
}
