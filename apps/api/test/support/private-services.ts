import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';

const MODULE = resolve(__dirname, '../../../../scripts/lib/private-services.mjs');

/**
 * scripts/lib/private-services.mjs is an ES module and jest runs CommonJS, so a small node process
 * holds the private PostgreSQL and Redis and takes commands on stdin, one per line. When the test
 * process goes away (even killed), stdin closes and that process stops both servers and removes them;
 * so it does on SIGTERM, SIGINT or SIGHUP.
 */
const CONTROLLER = `
import { createInterface } from 'node:readline';
const { startPrivateServices } = await import(process.env.RB_PRIVATE_SERVICES);
const s = await startPrivateServices();
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
say({ databaseUrl: s.databaseUrl, redisUrl: s.redisUrl, dir: s.dir });
const lines = createInterface({ input: process.stdin });
lines.on('line', (cmd) => {
  // Some commands are async (pg_ctl, redis-cli without blocking the caller's event loop): answer when done.
  Promise.resolve().then(() => s[cmd]()).then(() => say({ ok: cmd }), (e) => say({ error: String(e && e.message || e) }));
});
lines.on('close', () => { try { s.stop(); } finally { process.exit(0); } });
// A signal to the whole process group (e.g. \`timeout\` around jest) must not leave servers behind either.
for (const sig of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(sig, () => { try { s.stop(); } finally { process.exit(1); } });
`;

type Command = 'stopPostgres' | 'startPostgres' | 'pausePostgres' | 'resumePostgres' | 'stopRedis' | 'startRedis' | 'ensureRunning';

export interface PrivateServices {
  databaseUrl: string;
  redisUrl: string;
  dir: string;
  run(cmd: Command): Promise<void>;
  stop(): Promise<void>;
}

export async function startPrivateServices(): Promise<PrivateServices> {
  const child: ChildProcessWithoutNullStreams = spawn(process.execPath, ['--input-type=module', '-e', CONTROLLER], {
    env: { ...process.env, RB_PRIVATE_SERVICES: MODULE },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const replies = createInterface({ input: child.stdout });
  const waiting: Array<(line: Record<string, string>) => void> = [];
  replies.on('line', (line) => waiting.shift()?.(JSON.parse(line) as Record<string, string>));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const next = () =>
    new Promise<Record<string, string>>((res, rej) => {
      waiting.push(res);
      void exited.then(() => rej(new Error(`private services exited: ${stderr}`)));
    });
  const first = await next();
  return {
    databaseUrl: first.databaseUrl,
    redisUrl: first.redisUrl,
    dir: first.dir,
    async run(cmd) {
      child.stdin.write(`${cmd}\n`);
      const reply = await next();
      if (reply.error) throw new Error(`${cmd}: ${reply.error}`);
    },
    async stop() {
      child.stdin.end();
      await exited;
    },
  };
}
