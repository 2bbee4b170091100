import { Injectable } from '@nestjs/common';
import { previousQuarter, quarterOf, shanghaiDate } from '@red-butler/domain';
import type { Queue } from 'bullmq';
import { quarterListsJobId, type JobPayloads } from '../worker/jobs';

/** 00:10 Asia/Shanghai on 1 January, April, July and October: just after a quarter ends. */
export const QUARTER_LISTS_CRON = { pattern: '10 0 1 1,4,7,10 *', tz: 'Asia/Shanghai' } as const;

/** The cron's job scheduler id in Redis (the worker re-installs it when a wiped Redis lost it). */
export const QUARTER_LISTS_SCHEDULER_ID = 'quarter-lists';

/** The last quarter that has ended at `now` (Shanghai calendar). */
export function lastEndedQuarter(now: Date): string {
  return previousQuarter(quarterOf(shanghaiDate(now)));
}

/**
 * Schedules the 红黑榜. The cron only says "a quarter ended"; the publication is its own job with
 * the quarter in its id, so the cron, the catch-up at start and a retry collapse into one job, and
 * the publication itself does nothing for a district that already has a version.
 */
@Injectable()
export class QuarterListsScheduler {
  async install(queue: Queue): Promise<void> {
    await queue.upsertJobScheduler(QUARTER_LISTS_SCHEDULER_ID, QUARTER_LISTS_CRON, {
      name: 'quarter-lists.due',
      data: {},
      opts: { removeOnComplete: true, removeOnFail: 100 },
    });
    // Catch-up: a worker that was down at quarter end (or a Redis that lost the cron) publishes now.
    await this.enqueue(queue, lastEndedQuarter(new Date()));
  }

  async enqueue(queue: Queue, quarter: string): Promise<void> {
    const data: JobPayloads['quarter-lists.publish'] = { quarter };
    await queue.add('quarter-lists.publish', data, {
      jobId: quarterListsJobId(quarter),
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: true,
      removeOnFail: 100,
    });
  }
}
