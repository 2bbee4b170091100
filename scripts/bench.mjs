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

run('pnpm', ['--filter', '@red-butler/domain', 'build'], root);
if (apiBenches.includes(name)) {
  // Benches that start the API or the worker measure the production build (apps/api/dist).
  run('pnpm', ['--filter', 'api', 'build'], root);
  run('node', ['-r', 'ts-node/register/transpile-only', `bench/${name}.bench.ts`, ...process.argv.slice(3)], join(root, 'apps/api'));
} else {
  run('pnpm', ['--filter', name, 'bench', ...process.argv.slice(3)], root);
}
