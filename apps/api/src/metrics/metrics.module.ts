import { type DynamicModule, Global, Module } from '@nestjs/common';
import { ApiMetricsListener } from './api-metrics.listener';
import { Metrics } from './metrics.service';
import { OpsGauges } from './ops-gauges.service';

/**
 * The process's metrics, injectable everywhere. The API serves them on its own listener
 * (METRICS_PORT); the worker serves them beside its liveness endpoint (WORKER_HEALTH_PORT).
 */
@Global()
@Module({})
export class MetricsModule {
  static forRoot(process: 'api' | 'worker'): DynamicModule {
    return {
      module: MetricsModule,
      providers: [Metrics, OpsGauges, ...(process === 'api' ? [ApiMetricsListener] : [])],
      exports: [Metrics, OpsGauges],
    };
  }
}
