import type { RedisOptions } from 'ioredis';

/**
 * Connection settings as BullMQ's production guide asks: workers block on Redis, so they must
 * retry forever (`maxRetriesPerRequest: null`) with a capped backoff; producers inside HTTP
 * requests should fail fast instead of queueing commands while Redis is away.
 */
export function redisOptions(url: string, role: 'worker' | 'producer'): RedisOptions {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 6379),
    username: parsed.username || undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0,
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    // Capped at 2 s: a restarted Redis is in use again within 2 s (the worker's firing lag must be
    // back under 1 s within 15 s of a fault clearing); a reconnect attempt every 2 s costs nothing.
    retryStrategy: (times) => Math.min(250 * 2 ** Math.min(times, 3), 2000),
  };
}
