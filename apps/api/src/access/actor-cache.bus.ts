import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import IORedis from 'ioredis';
import { ApiRedis } from '../admin/redis.provider';
import { AppConfig } from '../config/app-config';
import { redisOptions } from '../worker/redis-connection';
import { ActorService } from './actor.service';

/** Pub/sub is not per Redis database: a stray message from another deployment only costs a cache miss. */
export const ACTOR_REVOKE_CHANNEL = 'rb:actor-revoked';

/**
 * Carries ActorService.revoke between API processes: each keeps its callers for 30 s, so without
 * this a deactivated account's token would still pass on the other processes until then. A
 * subscriber that was away (Redis down) missed nothing worse than that TTL.
 */
@Injectable()
export class ActorCacheBus implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ActorCacheBus');
  private readonly origin = randomUUID();
  private sub: IORedis | null = null;

  constructor(
    private readonly actors: ActorService,
    private readonly redis: ApiRedis,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.actors.onRevoke(async (userId) => {
      const client = await this.redis.connected();
      await client.publish(ACTOR_REVOKE_CHANNEL, `${this.origin}:${userId}`);
    });
    const sub = new IORedis({ ...redisOptions(this.config.REDIS_URL, 'producer'), lazyConnect: true, maxRetriesPerRequest: null });
    sub.on('error', () => undefined);
    sub.on('message', (_channel: string, message: string) => {
      const [origin, id] = message.split(':');
      if (origin !== this.origin && /^\d+$/.test(id ?? '')) this.actors.forget(Number(id));
    });
    this.sub = sub;
    // In the background: the API starts (and serves) while Redis is away; ioredis resubscribes on reconnect.
    sub.connect().then(
      () => sub.subscribe(ACTOR_REVOKE_CHANNEL),
      (error: Error) => this.logger.warn(`revocations from other processes not received until Redis answers: ${error.message}`),
    ).catch(() => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    this.sub?.disconnect();
    this.sub = null;
  }
}
