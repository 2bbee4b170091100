import { DamagedArchiveError } from './tar.util';

/** What an archive holds and how to check it; the first member of every backup. */
export interface BackupManifest {
  format: typeof FORMAT;
  version: 1;
  createdAt: string;
  database: {
    name: string;
    serverVersion: string;
    /** The last migration applied when the snapshot was taken. */
    migrationHead: { name: string; timestamp: number } | null;
    /** Row counts in the dumped snapshot, compared after a restore. */
    counts: RowCounts;
    dump: { member: typeof DUMP_MEMBER; bytes: number; sha256: string };
  };
  uploads: {
    /** Photos in the archive (every row of `uploads` whose file was on disk). */
    files: number;
    bytes: number;
    /** `sha256sum -c` format, one line per photo: `<sha256>  uploads/<storage_path>`. */
    checksums: { member: typeof CHECKSUMS_MEMBER; sha256: string };
    /** Rows whose file was not on disk when the backup ran (already lost before it). */
    missing: string[];
  };
}

export interface RowCounts {
  tickets: number;
  ticketEvents: number;
  uploads: number;
  users: number;
}

export const FORMAT = 'red-butler-backup';
export const MANIFEST_MEMBER = 'manifest.json';
export const CHECKSUMS_MEMBER = 'uploads.sha256';
export const DUMP_MEMBER = 'database.dump';
export const UPLOADS_PREFIX = 'uploads/';

/** The counts a manifest records, read inside the snapshot the dump uses. */
export const COUNTS_SQL = `SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_events)::int AS "ticketEvents",
  (SELECT count(*) FROM uploads)::int AS uploads, (SELECT count(*) FROM users)::int AS users`;

/** A storage path as UploadsService writes it: relative, no `..`, nothing a tar member could escape with. */
export function isSafeRelativePath(path: string): boolean {
  return /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(path) && !path.split('/').some((part) => part === '.' || part === '..');
}

export function parseManifest(data: Buffer): BackupManifest {
  let m: BackupManifest;
  try {
    m = JSON.parse(data.toString('utf8')) as BackupManifest;
  } catch {
    throw new DamagedArchiveError(`${MANIFEST_MEMBER} is not valid JSON`);
  }
  if (m?.format !== FORMAT) throw new DamagedArchiveError(`not a 红管家 backup (${MANIFEST_MEMBER} has format ${JSON.stringify(m?.format)})`);
  if (m.version !== 1) throw new DamagedArchiveError(`backup format version ${m.version} is newer than this code understands (1)`);
  const ok =
    typeof m.database?.dump?.sha256 === 'string' &&
    typeof m.uploads?.checksums?.sha256 === 'string' &&
    typeof m.database.counts?.tickets === 'number' &&
    typeof m.uploads.files === 'number';
  if (!ok) throw new DamagedArchiveError(`${MANIFEST_MEMBER} is incomplete`);
  return m;
}

/** `sha256sum` lines → storage path (without the uploads/ prefix) → sha256. */
export function parseChecksums(data: Buffer): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of data.toString('utf8').split('\n')) {
    if (!line) continue;
    const match = /^([0-9a-f]{64}) {2}uploads\/(.+)$/.exec(line);
    if (!match || !isSafeRelativePath(match[2])) throw new DamagedArchiveError(`${CHECKSUMS_MEMBER}: unreadable line ${JSON.stringify(line.slice(0, 120))}`);
    out.set(match[2], match[1]);
  }
  return out;
}
