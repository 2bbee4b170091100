import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * libpq's own environment variables for a DATABASE_URL, so that pg_dump/pg_restore get the
 * connection without a shell and without the password on their command line (where `ps` shows it).
 */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:') throw new Error(`DATABASE_URL: not a postgres:// URL (${u.protocol})`);
  const env: NodeJS.ProcessEnv = {};
  const set = (key: string, value: string | null | undefined) => {
    if (value) env[key] = value;
  };
  set('PGHOST', decodeURIComponent(u.hostname.replace(/^\[|\]$/g, '')));
  set('PGPORT', u.port);
  set('PGUSER', decodeURIComponent(u.username));
  set('PGPASSWORD', decodeURIComponent(u.password));
  set('PGDATABASE', databaseName(url));
  // Query parameters libpq understands (a socket directory as ?host=, sslmode, …) win over the URL's parts.
  const params: Record<string, string> = {
    host: 'PGHOST',
    port: 'PGPORT',
    user: 'PGUSER',
    password: 'PGPASSWORD',
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    application_name: 'PGAPPNAME',
    connect_timeout: 'PGCONNECT_TIMEOUT',
  };
  for (const [name, key] of Object.entries(params)) set(key, u.searchParams.get(name));
  return env;
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** `pg_dump` from PG_BIN_DIR when set (another client version), else from PATH. */
export function pgBinary(name: 'pg_dump' | 'pg_restore'): string {
  const dir = process.env.PG_BIN_DIR;
  if (!dir) return name;
  const path = join(dir, name);
  if (!existsSync(path)) throw new Error(`PG_BIN_DIR: ${path} does not exist`);
  return path;
}

/** Runs a PostgreSQL client tool with the URL's connection in its environment; rejects with its stderr. */
export function runPgTool(name: 'pg_dump' | 'pg_restore', args: string[], url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(pgBinary(name), args, {
      env: { ...process.env, ...libpqEnv(url) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-8000)));
    child.once('error', (error: NodeJS.ErrnoException) => {
      reject(error.code === 'ENOENT' ? new Error(`${name} not found: install PostgreSQL's client tools (Debian: apt-get install postgresql-client-15) or set PG_BIN_DIR`) : error);
    });
    child.once('close', (code, signal) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`${name} failed (${signal ?? `exit ${code}`}):\n${stderr.trim()}`));
    });
  });
}
