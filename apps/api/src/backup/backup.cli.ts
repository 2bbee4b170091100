import { loadConfig } from '../config/app-config';
import { createBackup, mb } from './backup.service';
import { defaultBackupName, failAndExit, userPath } from './backup-cli.util';

const USAGE = `usage: pnpm db:backup [file]   (default ./${defaultBackupName(new Date(0)).replace('19700101T000000Z', '<UTC time>')}; .tar.gz to gzip)
Backs up DATABASE_URL (pg_dump, one consistent snapshot) and the photos under UPLOAD_DIR into one archive.
Safe while the API and worker run.`;

async function main(): Promise<void> {
  // Only a run that reaches its end exits 0 (a promise that never settles would otherwise exit 0 quietly).
  process.exitCode = 1;
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.exitCode = 0;
    return void console.log(USAGE);
  }
  if (args.length > 1 || args.some((a) => a.startsWith('-'))) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const file = userPath(args[0] ?? defaultBackupName());
  const summary = await createBackup({
    databaseUrl: config.DATABASE_URL,
    uploadDir: config.UPLOAD_DIR,
    file,
    log: (line) => console.log(`  · ${line}`),
  });
  const m = summary.manifest;
  console.log(`backup written: ${summary.file} (${mb(summary.bytes)}, ${summary.seconds.toFixed(1)} s)`);
  console.log(`  database ${m.database.name} at ${m.database.migrationHead?.name ?? 'no migrations'}: ${m.database.counts.tickets} tickets, ${m.database.counts.ticketEvents} ticket events, ${m.database.counts.users} users`);
  console.log(`  photos: ${m.uploads.files} (${mb(m.uploads.bytes)})${m.uploads.missing.length ? `; ${m.uploads.missing.length} already missing on disk (listed in manifest.json)` : ''}`);
  process.exitCode = 0;
}

main().catch((error) => failAndExit('backup', error));
