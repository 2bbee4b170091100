import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, open, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { finished, pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { Client } from 'pg';
import {
  CHECKSUMS_MEMBER,
  COUNTS_SQL,
  DUMP_MEMBER,
  FORMAT,
  isSafeRelativePath,
  MANIFEST_MEMBER,
  UPLOADS_PREFIX,
  type BackupManifest,
  type RowCounts,
} from './backup-manifest';
import { databaseName, runPgTool } from './pg-tools.util';
import { TarWriter } from './tar.util';

export interface BackupOptions {
  databaseUrl: string;
  uploadDir: string;
  /** `.tar`, or `.tar.gz`/`.tgz` for a gzipped one (the dump and JPEGs barely shrink: rarely worth the CPU). */
  file: string;
  log?: (line: string) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  manifest: BackupManifest;
  seconds: number;
}

interface UploadRow {
  id: string;
  storage_path: string;
  size_bytes: number;
  sha256: string;
}

/**
 * One archive: the manifest, the photos' checksums, a `pg_dump --format=custom` of the database and
 * the photos. Safe while the API runs: the dump and the manifest's counts and photo list come from
 * one exported snapshot, and the photos are copied after it — a photo's file is written before its
 * row, so every photo the snapshot knows is complete on disk by then.
 */
export async function createBackup(opts: BackupOptions): Promise<BackupSummary> {
  const log = opts.log ?? (() => undefined);
  const started = Date.now();
  const target = resolve(opts.file);
  if (await exists(target)) throw new Error(`${target} already exists; choose another file name`);
  await mkdir(dirname(target), { recursive: true });
  const work = await mkdtemp(join(dirname(target), '.rb-backup-'));
  const partial = join(work, 'archive.partial');
  try {
    const snap = await dumpSnapshot(opts.databaseUrl, join(work, DUMP_MEMBER), log);
    const dumpBytes = (await stat(join(work, DUMP_MEMBER))).size;
    const dumpSha = await sha256File(join(work, DUMP_MEMBER));
    const { present, missing } = await findPhotos(opts.uploadDir, snap.uploads);
    for (const line of missing) log(`warning: photo ${line}`);
    const checksums = Buffer.from(present.map((p) => `${p.sha256}  ${UPLOADS_PREFIX}${p.storage_path}\n`).join(''));
    const manifest: BackupManifest = {
      format: FORMAT,
      version: 1,
      createdAt: new Date().toISOString(),
      database: {
        name: databaseName(opts.databaseUrl),
        serverVersion: snap.serverVersion,
        migrationHead: snap.migrationHead,
        counts: snap.counts,
        dump: { member: DUMP_MEMBER, bytes: dumpBytes, sha256: dumpSha },
      },
      uploads: {
        files: present.length,
        bytes: present.reduce((s, p) => s + p.size_bytes, 0),
        checksums: { member: CHECKSUMS_MEMBER, sha256: createHash('sha256').update(checksums).digest('hex') },
        missing,
      },
    };
    log(`dump: ${mb(dumpBytes)}; archiving ${present.length} photos (${mb(manifest.uploads.bytes)})`);
    await writeArchive(partial, /\.(tgz|gz)$/i.test(target), async (tar) => {
      await tar.addBuffer(MANIFEST_MEMBER, Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
      await tar.addBuffer(CHECKSUMS_MEMBER, checksums);
      await tar.addStream(DUMP_MEMBER, dumpBytes, createReadStream(join(work, DUMP_MEMBER)));
      for (const p of present) {
        const sha = await tar.addStream(`${UPLOADS_PREFIX}${p.storage_path}`, p.size_bytes, createReadStream(join(opts.uploadDir, p.storage_path)));
        // Same size, other bytes: the disk damaged it after upload. Better no backup than a quiet bad one.
        if (sha !== p.sha256) throw new Error(`photo ${p.id} (${p.storage_path}) on disk does not match the checksum recorded at upload; check the disk`);
      }
    });
    await rename(partial, target);
    return { file: target, bytes: (await stat(target)).size, manifest, seconds: (Date.now() - started) / 1000 };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

interface Snapshot {
  serverVersion: string;
  migrationHead: BackupManifest['database']['migrationHead'];
  counts: RowCounts;
  uploads: UploadRow[];
}

/** pg_dump into `file` from a snapshot this transaction exports, and what that snapshot holds. */
async function dumpSnapshot(url: string, file: string, log: (line: string) => void): Promise<Snapshot> {
  const client = new Client({ connectionString: url, application_name: 'red-butler-backup' });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: snapRows } = await client.query<{ id: string; version: string }>(`SELECT pg_export_snapshot() AS id, current_setting('server_version') AS version`);
    const { rows: countRows } = await client.query<RowCounts>(COUNTS_SQL);
    const { rows: head } = await client.query<{ name: string; timestamp: string }>('SELECT name, timestamp FROM migrations ORDER BY timestamp DESC, id DESC LIMIT 1');
    const { rows: uploads } = await client.query<UploadRow>('SELECT id, storage_path, size_bytes, sha256 FROM uploads ORDER BY storage_path');
    log(`snapshot ${snapRows[0].id}: ${countRows[0].tickets} tickets, ${countRows[0].ticketEvents} ticket events, ${countRows[0].uploads} photos`);
    // The transaction must stay open until pg_dump has attached to its snapshot; it ends after.
    await runPgTool('pg_dump', ['--format=custom', `--snapshot=${snapRows[0].id}`, `--file=${file}`, '--no-password'], url);
    await client.query('COMMIT');
    return {
      serverVersion: snapRows[0].version,
      migrationHead: head[0] ? { name: head[0].name, timestamp: Number(head[0].timestamp) } : null,
      counts: countRows[0],
      uploads,
    };
  } finally {
    await client.end();
  }
}

async function findPhotos(uploadDir: string, rows: UploadRow[]): Promise<{ present: UploadRow[]; missing: string[] }> {
  const present: UploadRow[] = [];
  const missing: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (seen.has(row.storage_path)) continue; // one file, however many rows name it
    seen.add(row.storage_path);
    if (!isSafeRelativePath(row.storage_path)) {
      missing.push(`${row.id} (${row.storage_path}): unsafe storage path, skipped`);
      continue;
    }
    const size = await stat(join(uploadDir, row.storage_path)).then((s) => s.size, () => null);
    if (size === null) missing.push(`${row.id} (${row.storage_path}): not on disk`);
    else if (size !== row.size_bytes) missing.push(`${row.id} (${row.storage_path}): ${size} bytes on disk, ${row.size_bytes} at upload`);
    else present.push(row);
  }
  return { present, missing };
}

async function writeArchive(path: string, gzip: boolean, fill: (tar: TarWriter) => Promise<void>): Promise<void> {
  const file = createWriteStream(path, { flags: 'wx' });
  const zip = gzip ? createGzip({ level: 6 }) : null;
  const out = zip ?? file;
  const written = zip ? pipeline(zip, file) : finished(file);
  try {
    const tar = new TarWriter(out);
    await fill(tar);
    await tar.finish();
    out.end();
  } catch (error) {
    out.destroy();
    file.destroy();
    await written.catch(() => undefined);
    throw error;
  }
  await written;
  // On disk before it is renamed into place: a backup that a power cut can truncate is no backup.
  const handle = await open(path, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
