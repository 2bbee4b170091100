import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApiRedis } from '../admin/redis.provider';
import { AppConfig } from '../config/app-config';

export interface RateWindow {
  /** requests counted in the window so far, this one included */
  count: number;
  /** milliseconds until the window ends */
  resetInMs: number;
}

/**
 * INCR and, on the window's first hit, its expiry: one atomic round trip. Sent as EVALSHA (ioredis's
 * defineCommand): every API request passes here, and EVAL would ship the script's text each time
 * for Redis to hash again. After a Redis restart or SCRIPT FLUSH ioredis answers NOSCRIPT with one EVAL.
 */
const HIT_COMMAND = 'rbRateHit';
const HIT = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

type RateHitClient = Record<typeof HIT_COMMAND, (key: string, windowMs: number) => Promise<[number, number]>>;

/** Longer than a loopback round trip ever takes; past it the request is not held up by Redis. */
const REDIS_BUDGET_MS = 250;

/**
 * Fixed windows per key (starting at the key's first request), kept in Redis so that several API
 * processes share one limit. When Redis is away the limit still holds per process, from memory:
 * rate limiting degrades, the API does not go down with its cache.
 */
@Injectable()
export class RateLimitStore {
  private readonly logger = new Logger(RateLimitStore.name);
  private readonly memory = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;
  private warned = false;

  constructor(
    private readonly redis: ApiRedis,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {
    redis.client.defineCommand(HIT_COMMAND, { numberOfKeys: 1, lua: HIT });
  }

  async hit(key: string, windowMs: number): Promise<RateWindow> {
    try {
      const client = await this.redis.connected();
      let timer: NodeJS.Timeout | undefined;
      const reply = (await Promise.race([
        (client as unknown as RateHitClient)[HIT_COMMAND](`${this.config.RATE_LIMIT_PREFIX}${key}`, windowMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error('rate-limit store timed out')), REDIS_BUDGET_MS);
        }),
      ]).finally(() => clearTimeout(timer))) as [number, number];
      this.warned = false;
      return { count: Number(reply[0]), resetInMs: Number(reply[1]) };
    } catch (error) {
      if (!this.warned) {
        this.warned = true;
        this.logger.warn(`rate limits fall back to this process's memory: ${(error as Error).message}`);
      }
      return this.hitInMemory(key, windowMs);
    }
  }

  private hitInMemory(key: string, windowMs: number): RateWindow {
    const now = Date.now();
    if (now >= this.nextSweep) {
      this.nextSweep = now + 60_000;
      for (const [k, w] of this.memory) if (w.resetAt <= now) this.memory.delete(k);
    }
    let window = this.memory.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + windowMs };
      this.memory.set(key, window);
    }
    window.count += 1;
    return { count: window.count, resetInMs: window.resetAt - now };
  }
}
