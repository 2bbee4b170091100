#!/usr/bin/env node
// `pnpm start`: the whole product on this machine — migrate, seed an empty database with the
// 金凤区 demo data, then run the API, the deadline worker (and, once it lands, the H5 client) until
// Ctrl-C, which stops them all.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps/api');
const client = join(root, 'apps/client');

function must(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, stdio: 'inherit', env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

must('node', ['packages/domain/scripts/build.mjs', '--if-stale'], root);
must('node', ['-r', 'ts-node/register/transpile-only', 'src/seed/seed.cli.ts', '--if-empty'], api);

const children = [];
function run(name, cmd, args, cwd, env = {}) {
  const child = spawn(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  child.on('exit', (code, signal) => {
    console.log(`[start] ${name} exited (${signal ?? code})`);
    shutdown(code ?? 1);
  });
  children.push(child);
}

let stopping = false;
function shutdown(code) {
  if (stopping) return;
  stopping = true;
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

run('api', 'node', ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], api);
run('worker', 'node', ['-r', 'ts-node/register/transpile-only', 'src/worker.ts'], api);
if (existsSync(join(client, 'package.json'))) {
  must('pnpm', ['--filter', 'client', 'build:h5'], root);
  const port = process.env.PORT ?? '3000';
  run('client', 'pnpm', ['--filter', 'client', 'serve:h5'], root, { API_URL: `http://127.0.0.1:${port}` });
}
