import 'reflect-metadata';
import { join } from 'node:path';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';

/** Schema changes go through migrations only: `synchronize` stays off everywhere. */
export function dataSourceOptions(url: string): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: [join(__dirname, 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // A request that cannot get a connection in 5 s fails instead of waiting forever: a stuck pool
    // must show up as errors, not as a silent hang.
    extra: { max: Number(process.env.DATABASE_POOL_SIZE ?? 20), application_name: 'red-butler', connectionTimeoutMillis: 5000 },
  };
}

export function createDataSource(url: string): DataSource {
  return new DataSource(dataSourceOptions(url));
}
