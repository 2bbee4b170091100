#!/usr/bin/env node
// `pnpm bench <name>`: runs one benchmark and prints its figures. Benchmarks live beside the code
// they measure: apps/api/bench/<name>.bench.ts, or a package's own `bench` script (client).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const name = process.argv[2];
const apiBenches = readdirSync(join(root, 'apps/api/bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace('.bench.ts', ''));
const packageBenches = ['client'].filter((p) => existsSync(join(root, 'apps', p, 'package.json')));

if (!name || (!apiBenches.includes(name) && !packageBenches.includes(name))) {
  console.error(`usage: pnpm bench <name>   (one of: ${[...apiBenches, ...packageBenches].join(', ')})`);
  process.exit(2);
}

const run = (cmd, args, cwd) => {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// `--postgres name=value` (repeatable, API benches): run against a private PostgreSQL and Redis
// started for this run, with these settings (`--postgres shared_buffers=12GB`), instead of the
// machine's shared servers, whose settings a bench must not change. Removed when the bench ends.
const settings = {};
const benchArgs = [];
for (let i = 3; i < process.argv.length; i++) {
  const [flag, inline] = process.argv[i].split(/=(.*)/s, 2);
  if (flag !== '--postgres') {
    benchArgs.push(process.argv[i]);
    continue;
  }
  const setting = inline ?? process.argv[++i] ?? '';
  const match = /^([a-z_]+)=([A-Za-z0-9_.]+)$/.exec(setting);
  if (!match) {
    console.error(`--postgres expects name=value (e.g. shared_buffers=12GB), got "${setting}"`);
    process.exit(2);
  }
  settings[match[1]] = match[2];
}

run('pnpm', ['--filter', '@red-butler/domain', 'build'], root);
if (apiBenches.includes(name)) {
  // Benches that start the API or the worker measure the production build (apps/api/dist).
  run('pnpm', ['--filter', 'api', 'build'], root);
  let services = null;
  const env = { ...process.env };
  if (Object.keys(settings).length > 0) {
    const { startPrivateServices } = await import('./lib/private-services.mjs');
    services = await startPrivateServices({}, { settings });
    Object.assign(env, { DATABASE_URL: services.databaseUrl, REDIS_URL: services.redisUrl });
    console.log(`bench: private PostgreSQL :${services.pgPort} (${Object.entries(settings).map(([k, v]) => `${k}=${v}`).join(', ')}; fsync off), Redis :${services.redisPort}`);
    // Ctrl-C reaches the bench too; the servers are stopped once it has exited.
    process.on('SIGINT', () => undefined);
    process.on('SIGTERM', () => undefined);
  }
  const r = spawnSync('node', ['-r', 'ts-node/register/transpile-only', `bench/${name}.bench.ts`, ...benchArgs], { cwd: join(root, 'apps/api'), stdio: 'inherit', env });
  services?.stop();
  process.exit(r.status ?? 1);
} else {
  if (Object.keys(settings).length > 0) {
    console.error('--postgres is for the API benches');
    process.exit(2);
  }
  run('pnpm', ['--filter', name, 'bench', ...benchArgs], root);
}
