import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * One registry per process (per Nest app: the tests run several in one process). The instruments
 * other code records into live here; the gauges read on scrape live in OpsGauges.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  /** By route pattern (`/api/tickets/:id`), never the raw URL: ids would explode the series. */
  readonly httpDuration = new Histogram({
    name: 'rb_http_request_duration_seconds',
    help: 'API request latency by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });

  readonly deadlineFireLag = new Histogram({
    name: 'rb_deadline_fire_lag_seconds',
    help: 'How late a deadline effect fired: commit time minus the time it was due',
    labelNames: ['event'] as const,
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 900],
    registers: [this.registry],
  });

  readonly pushFailures = new Counter({
    name: 'rb_wechat_push_failures_total',
    help: 'WeChat subscribe-message sends that failed; final="true" when the notice will not be retried',
    labelNames: ['final'] as const,
    registers: [this.registry],
  });

  readonly collectFailures = new Counter({
    name: 'rb_metrics_collect_failures_total',
    help: 'Scrape-time reads (queue depths, SQL counts) that failed or timed out',
    labelNames: ['collector'] as const,
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'rb_' });
  }

  scrape(): Promise<string> {
    return this.registry.metrics();
  }
}
