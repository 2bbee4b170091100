import { createReadStream, createWriteStream, mkdirSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, open, rename, rm, stat, unlink } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PassThrough, Writable, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Client } from 'pg';
import { dropDatabase, ensureDatabase } from '../database/database-admin.util';
import {
  CHECKSUMS_MEMBER,
  COUNTS_SQL,
  DUMP_MEMBER,
  isSafeRelativePath,
  MANIFEST_MEMBER,
  parseChecksums,
  parseManifest,
  UPLOADS_PREFIX,
  type BackupManifest,
  type RowCounts,
} from './backup-manifest';
import { databaseName, runPgTool } from './pg-tools.util';
import { DamagedArchiveError, readTar } from './tar.util';

export interface RestoreOptions {
  databaseUrl: string;
  uploadDir: string;
  file: string;
  /** Drop and replace a database that already has tables. */
  force?: boolean;
  log?: (line: string) => void;
}

export interface RestoreSummary {
  database: string;
  manifest: BackupManifest;
  counts: RowCounts;
  photos: { restored: number; referenced: number; missing: number };
  replaced: boolean;
  warnings: string[];
  seconds: number;
}

/** The target database holds data and --force was not given. */
export class RestoreRefusedError extends Error {}

/**
 * Restores an archive written by createBackup: checks the target, unpacks and verifies every member
 * against the manifest before touching the database (a damaged archive never costs the old data),
 * then pg_restore in one transaction, the photos, and a count of both against the manifest.
 */
export async function restoreBackup(opts: RestoreOptions): Promise<RestoreSummary> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const file = resolve(opts.file);
  const name = databaseName(opts.databaseUrl);
  await stat(file).catch(() => {
    throw new Error(`${file}: no such file`);
  });
  const before = await targetState(opts.databaseUrl);
  if (before.tables > 0 && !opts.force) {
    throw new RestoreRefusedError(
      `database "${name}" is not empty (${before.tables} tables${before.tickets === null ? '' : `, ${before.tickets} tickets`}); ` +
        'restoring would replace it. Stop the API and worker, then run again with --force to drop and replace it.',
    );
  }
  const uploadDir = resolve(opts.uploadDir);
  await mkdir(uploadDir, { recursive: true });
  // Inside UPLOAD_DIR: the same file system, so the photos move into place by rename, not a second
  // copy, and a directory the API's user may write (in the image, /data is not; /data/uploads is).
  const work = await mkdtemp(join(uploadDir, '.rb-restore-'));
  try {
    log(`reading ${file}`);
    const { manifest, photos } = await unpack(file, work);
    const warnings = codeWarnings(manifest);
    for (const w of warnings) log(`warning: ${w}`);
    if (before.exists && opts.force) {
      log(`dropping database "${name}" (--force)`);
      await dropDatabase(opts.databaseUrl);
    }
    await ensureDatabase(opts.databaseUrl);
    log(`pg_restore into "${name}"`);
    await pgRestore(opts.databaseUrl, join(work, DUMP_MEMBER));
    const counts = await readCounts(opts.databaseUrl);
    for (const key of Object.keys(manifest.database.counts) as Array<keyof RowCounts>) {
      if (counts[key] !== manifest.database.counts[key]) {
        throw new Error(`verification failed: ${key} ${manifest.database.counts[key]} in the backup, ${counts[key]} after the restore`);
      }
    }
    log(`restoring ${photos.length} photos into ${uploadDir}`);
    for (const path of photos) await moveInto(join(work, UPLOADS_PREFIX, path), join(uploadDir, path));
    const check = await checkPhotos(opts.databaseUrl, uploadDir);
    if (check.missing > manifest.uploads.missing.length) {
      throw new Error(`verification failed: ${check.missing} photos referenced by the database are not in ${uploadDir} (the backup lacked ${manifest.uploads.missing.length})`);
    }
    if (check.missing > 0) warnings.push(`${check.missing} photos were already missing when the backup was made`);
    return {
      database: name,
      manifest,
      counts,
      photos: { restored: photos.length, referenced: check.referenced, missing: check.missing },
      replaced: before.exists && before.tables > 0,
      warnings,
      seconds: (Date.now() - started) / 1000,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function targetState(url: string): Promise<{ exists: boolean; tables: number; tickets: number | null }> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const adminClient = new Client({ connectionString: admin.toString(), application_name: 'red-butler-restore' });
  await adminClient.connect();
  try {
    const found = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName(url)]);
    if (found.rowCount === 0) return { exists: false, tables: 0, tickets: null };
  } finally {
    await adminClient.end();
  }
  const client = new Client({ connectionString: url, application_name: 'red-butler-restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: number; has_tickets: boolean }>(
      `SELECT count(*)::int AS tables, bool_or(schemaname = 'public' AND tablename = 'tickets') AS has_tickets
         FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
    );
    const tickets = rows[0].has_tickets ? (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets')).rows[0].n : null;
    return { exists: true, tables: rows[0].tables, tickets };
  } finally {
    await client.end();
  }
}

/** Unpacks into `work` and checks every member against the manifest; throws DamagedArchiveError. */
async function unpack(file: string, work: string): Promise<{ manifest: BackupManifest; photos: string[] }> {
  const small = new Map<string, Buffer[]>();
  const collect = (name: string) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        (small.get(name) as Buffer[]).push(chunk);
        done();
      },
    });
  let members: Map<string, { size: number; sha256: string }>;
  try {
    members = await readTar(await openArchive(file), (entry) => {
      if (entry.name === MANIFEST_MEMBER || entry.name === CHECKSUMS_MEMBER) {
        small.set(entry.name, []);
        return collect(entry.name);
      }
      if (entry.name === DUMP_MEMBER) return createWriteStream(join(work, DUMP_MEMBER));
      const path = entry.name.startsWith(UPLOADS_PREFIX) ? entry.name.slice(UPLOADS_PREFIX.length) : '';
      if (!isSafeRelativePath(path)) throw new DamagedArchiveError(`unexpected member ${JSON.stringify(entry.name)} (not a backup written by db:backup)`);
      mkdirSync(dirname(join(work, UPLOADS_PREFIX, path)), { recursive: true });
      return createWriteStream(join(work, UPLOADS_PREFIX, path));
    });
  } catch (error) {
    if (error instanceof DamagedArchiveError) throw error;
    // zlib's "incorrect header check" / "unexpected end of file" and the like.
    throw new DamagedArchiveError(`cannot read the archive (damaged, or not a backup): ${(error as Error).message}`);
  }
  const manifestData = small.get(MANIFEST_MEMBER);
  if (!manifestData) throw new DamagedArchiveError(`no ${MANIFEST_MEMBER}: not a backup written by db:backup`);
  const manifest = parseManifest(Buffer.concat(manifestData));
  const mismatch = (member: string, expected: string) => {
    const got = members.get(member);
    if (!got) throw new DamagedArchiveError(`${member} is missing from the archive`);
    if (got.sha256 !== expected) throw new DamagedArchiveError(`${member} does not match its checksum in the manifest (damaged archive)`);
  };
  mismatch(CHECKSUMS_MEMBER, manifest.uploads.checksums.sha256);
  mismatch(DUMP_MEMBER, manifest.database.dump.sha256);
  const checksums = parseChecksums(Buffer.concat(small.get(CHECKSUMS_MEMBER) ?? []));
  if (checksums.size !== manifest.uploads.files) throw new DamagedArchiveError(`${CHECKSUMS_MEMBER} lists ${checksums.size} photos, the manifest ${manifest.uploads.files}`);
  for (const [path, sha] of checksums) mismatch(`${UPLOADS_PREFIX}${path}`, sha);
  const photoMembers = [...members.keys()].filter((m) => m.startsWith(UPLOADS_PREFIX));
  if (photoMembers.length !== checksums.size) throw new DamagedArchiveError(`the archive holds ${photoMembers.length} photos, ${CHECKSUMS_MEMBER} lists ${checksums.size}`);
  return { manifest, photos: [...checksums.keys()] };
}

/** The archive's bytes, gunzipped when it starts with gzip's magic number. */
async function openArchive(file: string): Promise<Readable> {
  const handle = await open(file, 'r');
  const magic = Buffer.alloc(2);
  try {
    await handle.read(magic, 0, 2, 0);
  } finally {
    await handle.close();
  }
  const raw = createReadStream(file);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return raw;
  const out = new PassThrough();
  const gunzip = createGunzip();
  raw.on('error', (e) => out.destroy(e));
  gunzip.on('error', (e) => out.destroy(e));
  return raw.pipe(gunzip).pipe(out);
}

/**
 * cube/earthdistance functions call each other unqualified, and pg_restore empties search_path. Since
 * migration 1795300000800 the tickets location index goes through rb_ll_to_earth(), which pins its own
 * search_path, so an archive made since then restores as is. An older archive still indexes
 * ll_to_earth() directly and its index fails to build ("type earth does not exist"): for those, create
 * the extensions first and pin that function's search_path while the restore runs (`pnpm db:migrate`
 * after the restore then replaces the index).
 */
async function pgRestore(url: string, dump: string): Promise<void> {
  const toc = await runPgTool('pg_restore', ['--list', dump], url);
  const legacyEarthIndex = /\bEXTENSION - earthdistance\b/.test(toc) && !/\bFUNCTION public rb_ll_to_earth\b/.test(toc);
  const args = ['--no-owner', '--exit-on-error', '--single-transaction', '--no-password', `--dbname=${databaseName(url)}`, dump];
  if (!legacyEarthIndex) {
    await runPgTool('pg_restore', args, url);
    return;
  }
  const client = new Client({ connectionString: url, application_name: 'red-butler-restore' });
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS cube');
    await client.query('CREATE EXTENSION IF NOT EXISTS earthdistance');
    await client.query('ALTER FUNCTION ll_to_earth(float8, float8) SET search_path = public, pg_temp');
    await runPgTool('pg_restore', args, url);
  } finally {
    await client.query('ALTER FUNCTION ll_to_earth(float8, float8) RESET search_path').catch(() => undefined);
    await client.end();
  }
}

async function readCounts(url: string): Promise<RowCounts> {
  const client = new Client({ connectionString: url, application_name: 'red-butler-restore' });
  await client.connect();
  try {
    return (await client.query<RowCounts>(COUNTS_SQL)).rows[0];
  } finally {
    await client.end();
  }
}

/** Every photo the restored database references, looked up on disk by path and size. */
async function checkPhotos(url: string, uploadDir: string): Promise<{ referenced: number; missing: number }> {
  const client = new Client({ connectionString: url, application_name: 'red-butler-restore' });
  await client.connect();
  try {
    const { rows } = await client.query<{ storage_path: string; size_bytes: number }>('SELECT storage_path, size_bytes FROM uploads');
    let missing = 0;
    for (const row of rows) {
      const size = await stat(join(uploadDir, row.storage_path)).then((s) => s.size, () => null);
      if (size !== row.size_bytes) missing += 1;
    }
    return { referenced: rows.length, missing };
  } finally {
    await client.end();
  }
}

async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
}

/** A backup from newer code than this: its schema has migrations this code does not know. */
function codeWarnings(manifest: BackupManifest): string[] {
  const head = manifest.database.migrationHead;
  if (!head) return [];
  let known: number[] = [];
  try {
    known = readdirTimestamps(join(__dirname, '..', 'database', 'migrations'));
  } catch {
    return [];
  }
  const latest = Math.max(0, ...known);
  return head.timestamp > latest ? [`the backup's schema (${head.name}) is newer than this code's migrations; run the matching version of 红管家`] : [];
}

function readdirTimestamps(dir: string): number[] {
  return readdirSync(dir).map((n) => Number(/^(\d+)-/.exec(n)?.[1] ?? 0));
}
