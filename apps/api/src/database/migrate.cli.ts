import { loadConfig } from '../config/app-config';
import { migrate } from './migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const applied = await migrate(config.DATABASE_URL, (line) => console.log(line));
  console.log(applied.length ? `migrated: ${applied.length} applied` : 'migrated: schema up to date');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
