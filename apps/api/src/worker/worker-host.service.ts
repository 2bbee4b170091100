import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { DeadlineEffects } from '../deadlines/deadline-effects.service';
import { DeadlineSweep } from '../deadlines/deadline-sweep.service';
import { PushDelivery } from '../notifications/push-delivery.service';
import { QuarterListsService } from '../rankings/quarter-lists.service';
import { lastEndedQuarter, QuarterListsScheduler } from '../rankings/quarter-lists.scheduler';
import { ReportRollupService } from '../reports/report-rollup.service';
import { JobRegistry } from './job-registry';
import { parsePayload, QUEUES, type JobName } from './jobs';
import { redisOptions } from './redis-connection';

/** Only the worker process starts BullMQ workers; the API never takes jobs. */
@Injectable()
export class WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly registry = new JobRegistry();
  private queues: Record<string, Queue> = {};
  private workers: Worker[] = [];

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly sweep: DeadlineSweep,
    private readonly effects: DeadlineEffects,
    private readonly pushes: PushDelivery,
    private readonly quarterLists: QuarterListsService,
    private readonly quarterSchedule: QuarterListsScheduler,
    private readonly rollups: ReportRollupService,
  ) {
    this.registry.register('deadline.sweep', () => this.sweep.run(this.queues[QUEUES.deadlines], this.queues[QUEUES.notifications]));
    this.registry.register('deadline.fire', (p) => this.effects.fire(p.deadlineId, p.event, new Date(p.at)));
    // Bounded per run (20 batches): a backlog is worked off over several runs, never in one endless job.
    this.registry.register('reports.rollup', () => this.rollups.drainAll(20));
    this.registry.register('notification.push', (p, job) => this.pushes.deliver(p.notificationId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)));
    this.registry.register('quarter-lists.due', () => this.quarterSchedule.enqueue(this.queues[QUEUES.reports], lastEndedQuarter(new Date())));
    this.registry.register('quarter-lists.publish', (p) => this.quarterLists.publishScheduled(p.quarter));
  }

  async start(): Promise<void> {
    this.registry.assertComplete();
    for (const name of Object.values(QUEUES)) {
      this.queues[name] = new Queue(name, { connection: redisOptions(this.config.REDIS_URL, 'worker') });
    }
    for (const name of Object.values(QUEUES)) {
      const worker = new Worker(name, (job: Job) => this.process(job), {
        connection: redisOptions(this.config.REDIS_URL, 'worker'),
        concurrency: this.config.WORKER_CONCURRENCY,
        // A killed worker's active jobs are picked up again soon; the claims make the retry harmless.
        stalledInterval: 5000,
        lockDuration: 10_000,
        maxStalledCount: 10,
      });
      worker.on('failed', (job, error) => this.logger.warn(`${job?.name} ${job?.id} failed: ${error.message}`));
      worker.on('error', (error) => this.logger.error(error.message));
      this.workers.push(worker);
    }
    await this.queues[QUEUES.deadlines].upsertJobScheduler(
      'deadline-sweep',
      { every: this.config.SWEEP_INTERVAL_MS },
      { name: 'deadline.sweep', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    await this.quarterSchedule.install(this.queues[QUEUES.reports]);
    // The rollups' drain: one scheduler id, so every worker (and every restart) upserts the same one;
    // the dirty table, not Redis, says what is left to do.
    await this.queues[QUEUES.reports].upsertJobScheduler(
      'reports-rollup',
      { every: this.config.REPORT_ROLLUP_INTERVAL_MS },
      { name: 'reports.rollup', data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
    // One sweep right away, so a restart (or a wiped Redis) catches up without waiting a period.
    await this.sweep.run(this.queues[QUEUES.deadlines], this.queues[QUEUES.notifications]);
    this.logger.log(`worker started: ${Object.values(QUEUES).join(', ')} (concurrency ${this.config.WORKER_CONCURRENCY})`);
  }

  private process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    return this.registry.handler(name)(parsePayload(name, job.data), job);
  }

  /** SIGTERM: stop taking jobs, let the running ones finish, then close the connections. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    this.workers = [];
    this.queues = {};
  }
}
