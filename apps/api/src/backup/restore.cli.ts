import { loadConfig } from '../config/app-config';
import { failAndExit, userPath } from './backup-cli.util';
import { restoreBackup } from './restore.service';

const USAGE = `usage: pnpm db:restore <file> [--force]
Restores a db:backup archive into DATABASE_URL (created when missing) and its photos into UPLOAD_DIR,
then checks both against the archive's manifest. Refuses a database that already has tables unless
--force, which drops and replaces it: stop the API and worker first.`;

async function main(): Promise<void> {
  // Only a run that reaches its end exits 0 (a promise that never settles would otherwise exit 0 quietly).
  process.exitCode = 1;
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    process.exitCode = 0;
    return void console.log(USAGE);
  }
  const force = args.includes('--force');
  const files = args.filter((a) => a !== '--force');
  if (files.length !== 1 || files[0].startsWith('-')) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const s = await restoreBackup({
    databaseUrl: config.DATABASE_URL,
    uploadDir: config.UPLOAD_DIR,
    file: userPath(files[0]),
    force,
    log: (line) => console.log(`  · ${line}`),
  });
  const m = s.manifest;
  console.log(`restored ${s.database}${s.replaced ? ' (replaced the previous contents)' : ''} from the backup of ${m.createdAt} in ${s.seconds.toFixed(1)} s`);
  console.log(`  schema: ${m.database.migrationHead?.name ?? 'no migrations'}`);
  console.log(`  verified: ${s.counts.tickets} tickets, ${s.counts.ticketEvents} ticket events, ${s.counts.uploads} photo rows, ${s.counts.users} users — as in the manifest`);
  console.log(`  photos: ${s.photos.restored} restored; ${s.photos.referenced - s.photos.missing} of ${s.photos.referenced} referenced photos on disk`);
  for (const w of s.warnings) console.log(`  warning: ${w}`);
  console.log('next: `pnpm db:migrate` when this code is newer than the backup, then start the API and worker');
  process.exitCode = 0;
}

main().catch((error) => failAndExit('restore', error));
