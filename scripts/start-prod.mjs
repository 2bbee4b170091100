#!/usr/bin/env node
// `pnpm start:prod`: the compiled product as production runs it (after `pnpm build`): apply pending
// migrations once, then the API and the deadline worker as plain `node dist/...` processes — no
// ts-node, no seed, settings from the environment only. SIGTERM/SIGINT stop both gracefully.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const api = join(dirname(fileURLToPath(import.meta.url)), '..', 'apps/api');
if (!existsSync(join(api, 'dist/main.js'))) {
  console.error('start:prod: apps/api/dist is missing; run `pnpm build` first');
  process.exit(1);
}
const migrated = spawnSync('node', ['dist/database/migrate.cli.js'], { cwd: api, stdio: 'inherit' });
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const children = [];
let stopping = false;
function stop(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  // Each process finishes its in-flight work and exits on its own; this only waits for them.
  Promise.all(children.map((c) => (c.exitCode !== null ? null : new Promise((r) => c.once('exit', r))))).then(() => process.exit(code));
}
for (const [name, file] of [['api', 'dist/main.js'], ['worker', 'dist/worker.js']]) {
  const child = spawn('node', [file], { cwd: api, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    console.log(`[start:prod] ${name} exited (${signal ?? code})`);
    stop(code ?? 1);
  });
  children.push(child);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
