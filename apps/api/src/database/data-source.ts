import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { PreparingClient } from './preparing.client';
import { pgTypes } from './timestamptz.parser';

/** How long after the server's statement_timeout the client gives up on an answer. */
export const QUERY_TIMEOUT_MARGIN_MS = 1000;

export interface PoolOptions {
  /** Longest wait for a connection: a new one, or a free one from a busy pool. */
  connectTimeoutMs?: number;
  /** Server-side statement_timeout of every session (0 or unset: none). */
  statementTimeoutMs?: number;
  /** Queries with parameters as prepared statements (PreparingClient): the API's and the worker's pools. */
  prepare?: boolean;
}

/** Schema changes go through migrations only: `synchronize` stays off everywhere. */
export function dataSourceOptions(url: string, pool: PoolOptions = {}): DataSourceOptions {
  // statement_timeout is the server's own, clean cancel; query_timeout (client side, a little later) is
  // the net for a server that answers nothing at all (frozen, partitioned), which the pool then drops
  // (DatabaseCircuit) instead of handing the stuck connection to the next request.
  const statementTimeout = pool.statementTimeoutMs
    ? { statement_timeout: pool.statementTimeoutMs, query_timeout: pool.statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS }
    : {};
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // A request that cannot get a connection in time fails (503) instead of waiting forever: a stuck
    // pool or a hung server must show up as errors, not as a silent hang. TCP keepalive finds a
    // connection whose server vanished without closing it.
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      application_name: 'red-butler',
      connectionTimeoutMillis: pool.connectTimeoutMs ?? 5000,
      keepAlive: true,
      types: pgTypes,
      ...statementTimeout,
      // Not for migrations and one-off tools: a migration that reads a table, alters it and reads it
      // again inside its transaction would meet its own stale statement.
      ...(pool.prepare ? { Client: PreparingClient } : {}),
    },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
