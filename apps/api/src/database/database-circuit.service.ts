import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { Pool, PoolClient } from 'pg';
import { DataSource } from 'typeorm';
import { DatabaseUnavailableError, isConnectFailure } from './database-unavailable';

/** While PostgreSQL is away, one request per this interval tries to connect; the others fail at once. */
export const DATABASE_PROBE_INTERVAL_MS = 1000;

type ConnectCallback = (err: Error | undefined, client: PoolClient | undefined, release: (err?: Error | boolean) => void) => void;

/**
 * Fail fast while PostgreSQL is down. Once a new connection is refused, times out or is told the
 * server is starting or stopping, every request would otherwise try (and, when the server hangs,
 * wait out the connect timeout) on its own: a backlog that outlives the outage and keeps the pool
 * busy when the server comes back. Instead the pool's `connect` answers DatabaseUnavailableError at
 * once (a 503 with Retry-After), except for one attempt per DATABASE_PROBE_INTERVAL_MS: the first
 * query answered closes the circuit, so traffic resumes within about a second of PostgreSQL accepting
 * connections, with the pool rebuilt on demand. Intervals use the monotonic clock.
 */
@Injectable()
export class DatabaseCircuit implements OnModuleInit {
  private readonly logger = new Logger('Database');
  private downSince: number | null = null;
  private nextProbeAt = 0;

  constructor(private readonly db: DataSource) {}

  onModuleInit(): void {
    const pool = (this.db.driver as unknown as { master?: Pool }).master;
    if (!pool) return;
    pool.on('connect', (client) => this.watch(client));
    const connect = pool.connect.bind(pool) as (cb?: ConnectCallback) => Promise<PoolClient> | undefined;
    (pool as unknown as { connect: (cb?: ConnectCallback) => Promise<PoolClient> | undefined }).connect = (cb?: ConnectCallback) => {
      const refused = this.admit();
      if (refused) {
        if (!cb) return Promise.reject(refused);
        process.nextTick(() => cb(refused, undefined, () => undefined));
        return undefined;
      }
      if (cb) return connect((err, client, release) => (err && this.record(err), cb(err, client, release)));
      return (connect() as Promise<PoolClient>).catch((err: Error) => {
        this.record(err);
        throw err;
      });
    };
  }

  /** The error to fail with now, or null to let this attempt through (circuit closed, or its turn to probe). */
  private admit(): DatabaseUnavailableError | null {
    if (this.downSince === null) return null;
    const now = performance.now();
    if (now >= this.nextProbeAt) {
      this.nextProbeAt = now + DATABASE_PROBE_INTERVAL_MS;
      return null;
    }
    return new DatabaseUnavailableError(`PostgreSQL is unavailable (for ${Math.round((now - this.downSince) / 1000)} s)`);
  }

  private record(err: Error | undefined): void {
    if (err && isConnectFailure(err)) {
      if (this.downSince === null) {
        this.downSince = performance.now();
        this.logger.warn(`PostgreSQL unreachable (${err.message}); answering 503 and retrying once every ${DATABASE_PROBE_INTERVAL_MS} ms`);
      }
      this.nextProbeAt = performance.now() + DATABASE_PROBE_INTERVAL_MS;
    } else if (!err && this.downSince !== null) {
      this.logger.log(`PostgreSQL reachable again after ${Math.round((performance.now() - this.downSince) / 1000)} s`);
      this.downSince = null;
    }
  }

  /**
   * Every query's outcome feeds the circuit: an answer closes it (a connection handed out by the pool
   * proves nothing, an idle one may lead to a silent server), a refusal or a silence opens it. pg's
   * query_timeout rejects the query but keeps the connection, still waiting for that answer: back in
   * the pool it would stall every later request that gets it, so it is closed instead (the pool and
   * TypeORM drop it; a new one is made on demand).
   */
  private watch(client: PoolClient): void {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const result = query(...args);
      if (result instanceof Promise) {
        result.then(
          () => this.record(undefined),
          (err: unknown) => {
            if (!(err instanceof Error) || !isConnectFailure(err)) return;
            if (err.message === 'Query read timeout') (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
            this.record(err);
          },
        );
      }
      return result;
    };
  }
}
