import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../worker/redis-connection';

/** The API's own Redis connection (health, queue dashboard). It never takes jobs. */
@Injectable()
export class ApiRedis implements OnApplicationShutdown {
  readonly client: IORedis;

  constructor(@Inject(AppConfig) config: AppConfig) {
    this.client = new IORedis({ ...redisOptions(config.REDIS_URL, 'producer'), lazyConnect: true });
    // Errors surface through ping(); without a listener ioredis would print every reconnect attempt.
    this.client.on('error', () => undefined);
  }

  private connecting: Promise<void> | null = null;

  /**
   * The client, connected on first use. Concurrent first callers share one connect(): a second
   * connect() while the first is under way throws ("already connecting"), which made the first
   * requests after boot miss Redis and count their rate limits in memory.
   */
  async connected(): Promise<IORedis> {
    if (this.client.status === 'wait') this.connecting ??= this.client.connect();
    if (this.connecting) await this.connecting;
    return this.client;
  }

  async ping(): Promise<boolean> {
    try {
      await this.connected();
      return (await Promise.race([this.client.ping(), new Promise<string>((r) => setTimeout(() => r('timeout'), 1000))])) === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
