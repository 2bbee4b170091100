import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, Worker, type Job } from 'bullmq';
import { AppConfig } from '../config/app-config';
import { AuditPrune } from '../audit/audit-prune.service';
import { DeadlineEffects } from '../deadlines/deadline-effects.service';
import { DeadlineSweep } from '../deadlines/deadline-sweep.service';
import { runInContext, type RequestContext } from '../logging/request-context';
import { Metrics } from '../metrics/metrics.service';
import { withTimeout } from '../metrics/with-timeout.util';
import { closeOpsServer, metricsRoute, portOf, startOpsServer } from '../metrics/ops-http.server';
import { PushDelivery } from '../notifications/push-delivery.service';
import { QuarterListsService } from '../rankings/quarter-lists.service';
import { lastEndedQuarter, QUARTER_LISTS_SCHEDULER_ID, QuarterListsScheduler } from '../rankings/quarter-lists.scheduler';
import { ReportRollupService } from '../reports/report-rollup.service';
import { UploadsService } from '../uploads/uploads.service';
import { VoteCloseService } from '../votes/vote-close.service';
import { VoteCloseSweep } from '../votes/vote-close.sweep';
import { NoticeDeadlines } from '../supervision/notice-deadlines.service';
import { NoticeSweep } from '../supervision/notice-sweep.service';
import { JobRegistry } from './job-registry';
import { parsePayload, QUEUES, type JobName } from './jobs';
import type { DeadlineEvent } from '../deadlines/ticket-deadline.entity';
import { redisOptions } from './redis-connection';
import { RedisFaultLog } from './redis-fault-log';
import { everyScheduler, SchedulerKeeper } from './scheduler-keeper';
import { SweepLoop } from './sweep-loop';
import { staleAfterMs, WorkerLiveness } from './worker-liveness';

/** The id the deadline sweep's BullMQ scheduler had; the sweep now runs on the worker's own timer. */
const RETIRED_SWEEP_SCHEDULER = 'deadline-sweep';

/** How often the job schedulers are looked at when no full sweep pass (Redis wiped) asked for it. */
const SCHEDULER_CHECK_MS = 30_000;

/** Only the worker process starts BullMQ workers; the API never takes jobs. */
@Injectable()
export class WorkerHost implements OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHost');
  private readonly registry = new JobRegistry();
  private queues: Record<string, Queue> = {};
  private workers: Worker[] = [];
  private readonly liveness: WorkerLiveness;
  private health: Server | null = null;
  private tick: NodeJS.Timeout | null = null;
  private sweepLoop: SweepLoop | null = null;
  private keeper: SchedulerKeeper | null = null;
  private schedulersInstalled = false;
  private schedulersCheckedAt = 0;
  private readonly faults = new RedisFaultLog(this.logger);

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly sweep: DeadlineSweep,
    private readonly effects: DeadlineEffects,
    private readonly pushes: PushDelivery,
    private readonly quarterLists: QuarterListsService,
    private readonly quarterSchedule: QuarterListsScheduler,
    private readonly rollups: ReportRollupService,
    private readonly metrics: Metrics,
    private readonly uploads: UploadsService,
    private readonly voteCloser: VoteCloseService,
    private readonly voteCloses: VoteCloseSweep,
    private readonly noticeSweep: NoticeSweep,
    private readonly noticeDeadlines: NoticeDeadlines,
    private readonly auditPrune: AuditPrune,
  ) {
    this.liveness = new WorkerLiveness(staleAfterMs(config.SWEEP_INTERVAL_MS));
    this.registry.register('deadline.sweep', () => this.runSweep());
    this.registry.register('deadline.fire', (p) => this.fire(p.deadlineId, p.event, new Date(p.at)));
    // Bounded per run (20 batches): a backlog is worked off over several runs, never in one endless job.
    this.registry.register('supervision.fire', (p) => this.noticeDeadlines.fire(p.noticeId, p.event, new Date(p.at)));
    this.registry.register('reports.rollup', () => this.rollups.drainAll(20, { ifIdle: true }));
    this.registry.register('notification.push', (p, job) => this.push(p.notificationId, job.attemptsMade + 1 >= (job.opts.attempts ?? 1)));
    this.registry.register('quarter-lists.due', () => this.quarterSchedule.enqueue(this.queues[QUEUES.reports], lastEndedQuarter(new Date())));
    this.registry.register('quarter-lists.publish', (p) => this.quarterLists.publishScheduled(p.quarter));
    this.registry.register('uploads.cleanup', () => this.uploads.removeUnattached(new Date()));
    this.registry.register('audit.prune', () => this.auditPrune.prune(new Date()));
    this.registry.register('votes.close', (p) => this.voteCloser.close(p.voteId, new Date()));
  }

  /**
   * Returns once the BullMQ workers are taking jobs: no catch-up blocks the start. The sweep loop's
   * first step (which queues whatever came due while no worker ran) and the schedulers' install
   * run in the background, so a restarted worker fires due work within seconds, and a worker
   * started while Redis is away starts anyway and catches up when Redis answers.
   */
  async start(): Promise<void> {
    this.registry.assertComplete();
    for (const name of Object.values(QUEUES)) {
      this.queues[name] = new Queue(name, { connection: redisOptions(this.config.REDIS_URL, 'worker') });
      this.queues[name].on('error', (error) => this.faults.report(`queue ${name}`, error));
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
      worker.on('failed', (job, error) => runInContext(job ? jobContext(job) : {}, () => this.logger.warn(`${job?.name} ${job?.id} failed: ${error.message}`)));
      worker.on('error', (error) => this.faults.report(`worker ${name}`, error));
      this.workers.push(worker);
    }
    await this.startLiveness();
    const reports = this.queues[QUEUES.reports];
    this.keeper = new SchedulerKeeper(
      [
        { queue: reports, id: QUARTER_LISTS_SCHEDULER_ID, install: () => this.quarterSchedule.install(reports) },
        // The rollups' drain: the dirty table, not Redis, says what is left to do.
        everyScheduler(reports, 'reports.rollup', this.config.REPORT_ROLLUP_INTERVAL_MS),
        // Photos never attached to a ticket are removed after a day (UploadsService.removeUnattached).
        everyScheduler(reports, 'uploads.cleanup', 3600_000),
        // 操作日志 past 190 days; daily, scheduler id `audit-prune` (one per fleet, upserted).
        everyScheduler(reports, 'audit.prune', 86_400_000),
      ],
      (id, queue) =>
        this.schedulersInstalled
          ? this.logger.warn(`job scheduler ${id} (${queue}) was missing from Redis (wiped, or restarted without persistence): reinstalled`)
          : this.logger.log(`job scheduler ${id} (${queue}) installed`),
      [{ queue: this.queues[QUEUES.deadlines], id: RETIRED_SWEEP_SCHEDULER }],
    );
    this.sweepLoop = new SweepLoop((full) => this.sweepStep(full), this.config.SWEEP_INTERVAL_MS, (error) => this.logger.warn(`sweep failed: ${error.message}`));
    this.sweepLoop.start();
    this.watchRedis();
    // Alive from here: the loops run. The heartbeat goes stale if neither sweeps nor Redis pings follow.
    this.liveness.beat('tick');
    this.logger.log(`worker started: ${Object.values(QUEUES).join(', ')} (concurrency ${this.config.WORKER_CONCURRENCY})`);
  }

  /**
   * One step of the sweep loop: queue what is due (a backlog-only step feeds the next batch of
   * overdue legs to the workers), then, on a full step, re-install any job scheduler Redis lost.
   * Due work first: on a restart the first jobs are queued before the schedulers are looked at.
   */
  private async sweepStep(full: boolean): Promise<{ more: boolean }> {
    const result = await this.sweep.run(this.queues[QUEUES.deadlines], this.queues[QUEUES.notifications], new Date(), { backlogOnly: !full });
    // 督导通知 deadlines ride on the same loop, on its full steps (they are few; no backlog slicing).
    if (full) await this.noticeSweep.run(this.queues[QUEUES.deadlines]);
    this.liveness.beat('sweep');
    if (full) {
      try {
        await this.voteCloses.run(this.queues[QUEUES.deadlines]);
      } catch (error) {
        this.logger.warn(`vote closes not queued: ${(error as Error).message}`);
      }
    }
    // Redis lost its keys (the sweep's full pass says so) or a while has passed: look at the schedulers.
    // Not every step: five lookups every 2 s were a good part of the worker's CPU at rest.
    if (full && this.keeper && (result.fullPass || Date.now() >= this.schedulersCheckedAt + SCHEDULER_CHECK_MS)) {
      try {
        await this.keeper.check();
        this.schedulersCheckedAt = Date.now();
        this.schedulersInstalled = true;
      } catch (error) {
        this.logger.warn(`job schedulers not checked: ${(error as Error).message}`);
      }
    }
    return { more: result.backlogFull };
  }

  /**
   * A Redis that comes back after a restart is empty: sweep (and check the schedulers) at once
   * rather than at the next tick. A FLUSHALL drops no connection: the sweep notices it by its mark key.
   */
  private watchRedis(): void {
    let lost = false;
    void this.queues[QUEUES.deadlines].client.then(
      (client) => {
        client.on('close', () => {
          if (!lost && this.sweepLoop) this.logger.warn('Redis connection lost: reconnecting');
          lost = true;
        });
        client.on('ready', () => {
          if (!lost) return;
          lost = false;
          this.logger.log('Redis connection is back: sweeping now to rebuild what it lost');
          // A full pass: a Redis restarted without persistence lost the jobs the sweep queued.
          this.sweep.forget();
          this.sweepLoop?.kick();
        });
      },
      () => undefined,
    );
  }

  private process(job: Job): Promise<unknown> {
    const name = job.name as JobName;
    // Every line this job logs names its job and, when an API request caused it, that request.
    return runInContext(jobContext(job), async () => {
      try {
        return await this.registry.handler(name)(parsePayload(name, job.data), job);
      } finally {
        this.liveness.beat('job');
      }
    });
  }

  /** A `deadline.sweep` job left in Redis by an older version's scheduler: one sweep, as it asked. */
  private async runSweep() {
    const result = await this.sweep.run(this.queues[QUEUES.deadlines], this.queues[QUEUES.notifications]);
    await this.noticeSweep.run(this.queues[QUEUES.deadlines]);
    this.liveness.beat('sweep');
    return result;
  }

  private async fire(deadlineId: string, event: DeadlineEvent, at: Date) {
    const result = await this.effects.fire(deadlineId, event, at);
    if (result === 'fired') {
      const lagMs = Date.now() - at.getTime();
      this.metrics.deadlineFireLag.observe({ event }, Math.max(0, lagMs) / 1000);
      this.logger.log({ msg: 'deadline fired', deadlineId, event, lagMs });
    }
    return result;
  }

  private async push(notificationId: string, lastAttempt: boolean) {
    const result = await this.pushes.deliver(notificationId, lastAttempt);
    if (result !== 'skipped') this.logger.log({ msg: `push ${result}`, notificationId });
    return result;
  }

  /** GET /health and GET /metrics on WORKER_HEALTH_HOST:WORKER_HEALTH_PORT (plain node:http). */
  private async startLiveness(): Promise<void> {
    this.tick = setInterval(() => void this.heartbeat(), this.config.SWEEP_INTERVAL_MS);
    this.tick.unref();
    if (this.config.WORKER_HEALTH_PORT === 0) return;
    try {
      this.health = await startOpsServer(this.config.WORKER_HEALTH_HOST, this.config.WORKER_HEALTH_PORT, {
        '/health': async () => this.liveness.report(this.workers.map((w) => ({ queue: w.name, running: loopAlive(w) }))),
        '/metrics': metricsRoute(() => this.metrics.scrape(), this.metrics.registry.contentType),
      });
      this.logger.log(`health and metrics on http://${this.config.WORKER_HEALTH_HOST}:${portOf(this.health)}`);
    } catch (error) {
      // The jobs still run; a probe that cannot connect restarts the process, which says the same.
      this.logger.error(`health listener on ${this.config.WORKER_HEALTH_HOST}:${this.config.WORKER_HEALTH_PORT} failed: ${(error as Error).message}`);
    }
  }

  private async heartbeat(): Promise<void> {
    if (this.workers.length === 0 || this.workers.some((w) => !loopAlive(w))) return;
    try {
      const client = await this.queues[QUEUES.deadlines].client;
      await withTimeout((client as unknown as { ping(): Promise<string> }).ping(), 1000, 'Redis');
      this.liveness.beat('tick');
    } catch {
      // No beat: the heartbeat goes stale and /health says so.
    }
  }

  /** SIGTERM: stop taking jobs, let the running ones finish, then close the connections. */
  async onApplicationShutdown(): Promise<void> {
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    await this.sweepLoop?.stop();
    this.sweepLoop = null;
    await closeOpsServer(this.health);
    this.health = null;
    await Promise.all(this.workers.map((w) => w.close()));
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
    this.workers = [];
    this.queues = {};
  }
}

/** A BullMQ worker takes jobs only while running and not paused (close() ends its run loop). */
function loopAlive(w: Worker): boolean {
  return w.isRunning() && !w.isPaused();
}

function jobContext(job: Job): RequestContext {
  const requestId: unknown = (job.data as { requestId?: unknown } | undefined)?.requestId;
  return { requestId: typeof requestId === 'string' ? requestId : undefined, jobId: job.id };
}
