import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import IORedis from 'ioredis';
import type { Pool } from 'pg';
import { Gauge } from 'prom-client';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { QUEUES } from '../worker/jobs';
import { closeQueues } from '../worker/queue-close.util';
import { redisOptions } from '../worker/redis-connection';
import { Metrics } from './metrics.service';
import { withTimeout } from './with-timeout.util';

const QUEUE_STATES = ['waiting', 'delayed', 'active', 'failed'] as const;
/** A scrape waits at most this long for Redis or PostgreSQL; a miss shows as rb_metrics_collect_failures_total. */
const READ_BUDGET_MS = 1000;
/** SQL-derived figures are cached: scrapes from several Prometheus servers cost one query. */
const SQL_CACHE_MS = 5000;

interface Cached<T> {
  at: number;
  value: T;
}

/**
 * Gauges read when Prometheus scrapes: the DB pool (in memory), BullMQ queue depths (one Lua call
 * per queue), open overdue legs and the report rollup lag (one indexed SQL query each, cached).
 */
@Injectable()
export class OpsGauges implements OnApplicationShutdown {
  private readonly redis: IORedis;
  private readonly queues: Queue[];
  private overdue: Cached<Array<{ leg: string; n: number }>> | null = null;
  private rollupLag: Cached<number> | null = null;

  constructor(
    private readonly metrics: Metrics,
    private readonly db: DataSource,
    @Inject(AppConfig) config: AppConfig,
  ) {
    this.redis = new IORedis({ ...redisOptions(config.REDIS_URL, 'producer'), lazyConnect: true });
    this.redis.on('error', () => undefined); // an outage shows as collect failures and on /api/health/ready
    this.queues = Object.values(QUEUES).map((name) => new Queue(name, { connection: this.redis }));
    for (const q of this.queues) q.on('error', () => undefined);
    const register = [metrics.registry];
    const dbPool: Gauge<'state'> = new Gauge({
      name: 'rb_db_pool_clients',
      help: 'PostgreSQL pool of this process: clients in use, idle, and callers waiting for one',
      labelNames: ['state'] as const,
      registers: register,
      collect: () => {
        const pool = poolOf(db);
        if (!pool) return;
        dbPool.set({ state: 'in_use' }, pool.totalCount - pool.idleCount);
        dbPool.set({ state: 'idle' }, pool.idleCount);
        dbPool.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    const queueJobs: Gauge<'queue' | 'state'> = new Gauge({
      name: 'rb_queue_jobs',
      help: 'BullMQ jobs per queue and state (waiting, delayed, active, failed)',
      labelNames: ['queue', 'state'] as const,
      registers: register,
      collect: async () => {
        queueJobs.reset();
        await Promise.all(
          this.queues.map(async (q) => {
            try {
              const counts = await withTimeout(this.queueCounts(q), READ_BUDGET_MS, `queue ${q.name}`);
              for (const state of QUEUE_STATES) queueJobs.set({ queue: q.name, state }, counts[state] ?? 0);
            } catch {
              this.metrics.collectFailures.inc({ collector: 'queue_jobs' });
            }
          }),
        );
      },
    });
    const overdueLegs: Gauge<'leg'> = new Gauge({
      name: 'rb_overdue_legs_open',
      help: 'Deadline legs past due (breached) and still open, by leg',
      labelNames: ['leg'] as const,
      registers: register,
      collect: async () => {
        overdueLegs.reset();
        try {
          for (const row of await this.overdueLegs()) overdueLegs.set({ leg: row.leg }, row.n);
        } catch {
          this.metrics.collectFailures.inc({ collector: 'overdue_legs' });
        }
      },
    });
    const rollupLag: Gauge = new Gauge({
      name: 'rb_report_rollup_lag_seconds',
      help: 'Age of the oldest ticket change not yet folded into the report rollups (0 when none wait)',
      registers: register,
      collect: async () => {
        try {
          rollupLag.set(await this.rollupLagSeconds());
        } catch {
          this.metrics.collectFailures.inc({ collector: 'rollup_lag' });
        }
      },
    });
  }

  private async queueCounts(q: Queue): Promise<Record<string, number>> {
    if (this.redis.status === 'wait') await this.redis.connect();
    return q.getJobCounts(...QUEUE_STATES);
  }

  private async overdueLegs(): Promise<Array<{ leg: string; n: number }>> {
    if (this.overdue && Date.now() - this.overdue.at < SQL_CACHE_MS) return this.overdue.value;
    // An index-only scan of idx_ticket_deadlines_open_breached, which holds only these rows.
    const rows: Array<{ leg: string; n: number }> = await withTimeout(
      this.db.query(`SELECT leg, count(*)::int AS n FROM ticket_deadlines WHERE status = 'open' AND breached_at IS NOT NULL GROUP BY leg`),
      READ_BUDGET_MS,
      'overdue legs',
    );
    this.overdue = { at: Date.now(), value: rows };
    return rows;
  }

  private async rollupLagSeconds(): Promise<number> {
    if (this.rollupLag && Date.now() - this.rollupLag.at < SQL_CACHE_MS) return this.rollupLag.value;
    const [row]: Array<{ lag: number | null }> = await withTimeout(
      this.db.query(`SELECT extract(epoch FROM now() - min(marked_at))::float8 AS lag FROM report_dirty_tickets`),
      READ_BUDGET_MS,
      'rollup lag',
    );
    const lag = Math.max(0, Number(row?.lag ?? 0));
    this.rollupLag = { at: Date.now(), value: lag };
    return lag;
  }

  async onApplicationShutdown(): Promise<void> {
    await closeQueues(this.queues);
    this.redis.disconnect();
  }
}

/** TypeORM's postgres driver keeps its pg Pool as `master`. */
function poolOf(db: DataSource): Pool | undefined {
  return (db.driver as unknown as { master?: Pool }).master;
}
