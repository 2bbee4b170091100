import type { Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { Metrics } from './metrics.service';
import { closeOpsServer, metricsRoute, portOf, startOpsServer } from './ops-http.server';

/** The API's `GET /metrics` on METRICS_HOST:METRICS_PORT, never on the public port. */
@Injectable()
export class ApiMetricsListener implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server: Server | null = null;

  constructor(
    private readonly metrics: Metrics,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.METRICS_PORT === 0) return;
    const where = `${this.config.METRICS_HOST}:${this.config.METRICS_PORT}`;
    try {
      this.server = await startOpsServer(this.config.METRICS_HOST, this.config.METRICS_PORT, {
        '/metrics': metricsRoute(() => this.metrics.scrape(), this.metrics.registry.contentType),
      });
      this.logger.log(`metrics on http://${this.config.METRICS_HOST}:${portOf(this.server)}/metrics`);
    } catch (error) {
      // The API still serves residents; the missing target shows in Prometheus as down.
      this.logger.error(`metrics listener on ${where} failed: ${(error as Error).message}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await closeOpsServer(this.server);
    this.server = null;
  }
}
