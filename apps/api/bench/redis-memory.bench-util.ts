/**
 * What one Redis logical database costs: every key's `MEMORY USAGE` (exact, SAMPLES 0), grouped by
 * kind, plus the buffers of the clients connected to it. `INFO memory` covers the whole instance,
 * so anything else using this Redis shows up there but not here.
 */
import type Redis from 'ioredis';

export interface RedisFootprint {
  usedMemory: number; // INFO memory used_memory, whole instance
  keys: number;
  keyBytes: number; // Σ MEMORY USAGE over this database's keys
  clientBytes: number; // Σ tot-mem of the other clients on this database (the engine's connections)
  clients: number;
  byKind: Map<string, { keys: number; bytes: number }>;
}

/** `bull:deadlines:sla-1-2-breach-…` → `bull:deadlines:<job>`; `bull:deadlines:delayed` stays as it is. */
export function keyKind(key: string): string {
  const m = /^(bull:[^:]+):(.+)$/.exec(key);
  if (!m) return key;
  const rest = m[2];
  if (/^(sla|push)-.*:logs$/.test(rest)) return `${m[1]}:<job>:logs`;
  if (/^(sla|push)-/.test(rest) || /^\d+$/.test(rest)) return `${m[1]}:<job>`;
  if (/^repeat:/.test(rest)) return `${m[1]}:repeat:<…>`;
  return key;
}

export async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
}

export async function redisFootprint(redis: Redis, selfName: string): Promise<RedisFootprint> {
  const db = (redis.options.db ?? 0).toString();
  const byKind = new Map<string, { keys: number; bytes: number }>();
  let keys = 0;
  let keyBytes = 0;
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'COUNT', 2000);
    cursor = next;
    if (batch.length === 0) continue;
    const pipe = redis.pipeline();
    for (const key of batch) pipe.call('MEMORY', 'USAGE', key, 'SAMPLES', '0');
    const results = (await pipe.exec()) ?? [];
    batch.forEach((key, i) => {
      const bytes = Number(results[i]?.[1] ?? 0);
      const kind = keyKind(key);
      const k = byKind.get(kind) ?? { keys: 0, bytes: 0 };
      k.keys += 1;
      k.bytes += bytes;
      byKind.set(kind, k);
      keys += 1;
      keyBytes += bytes;
    });
  } while (cursor !== '0');

  const list = (await redis.call('CLIENT', 'LIST')) as string;
  let clientBytes = 0;
  let clients = 0;
  for (const line of list.split('\n')) {
    const f = Object.fromEntries(line.split(' ').map((kv) => kv.split('=', 2) as [string, string]));
    if (f.db !== db || f.name === selfName) continue;
    clients += 1;
    clientBytes += Number(f['tot-mem'] ?? 0);
  }
  return { usedMemory: await usedMemory(redis), keys, keyBytes, clientBytes, clients, byKind };
}
