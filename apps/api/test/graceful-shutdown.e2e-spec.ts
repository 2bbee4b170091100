import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { jpegWithExif } from './support/images';

/**
 * The API as production runs it (a process of its own, stopped with SIGTERM) under a paced load of
 * ~300 requests/s on keep-alive connections: reads and ticket creates from several users, plus one
 * photo upload whose body is still arriving when the signal comes.
 */
const API_DIR = join(__dirname, '..');
const RATE = 300; // requests per second, open loop
const LOAD_BEFORE_SIGTERM_MS = 4000; // the first two warm the process up (JIT, pools)
const EXIT_BOUND_MS = 10_000;
const RAISED = '100000000';
const MARKER = `关停测试 ${Date.now().toString(36)}`;

interface Outcome {
  kind: 'read' | 'create';
  sentAt: number;
  endedAt: number;
  status?: number;
  error?: string;
  /** Sent on a keep-alive connection that had carried an earlier request. */
  reused?: boolean;
  marker?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe('API graceful shutdown (real process, SIGTERM under load)', () => {
  const url = withDatabaseName(process.env.DATABASE_URL as string, `rb_test_shutdown_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`);
  const uploadDir = mkdtempSync(join(tmpdir(), 'rb-shutdown-uploads-'));
  let child: ChildProcess | null = null;
  let output = '';

  beforeAll(async () => {
    await migrate(url);
    const ds = createDataSource(url);
    await ds.initialize();
    await seed(ds, readSeedFile());
    await ds.destroy();
  }, 60_000);

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await dropDatabase(url);
    rmSync(uploadDir, { recursive: true, force: true });
  });

  it('stops accepting, finishes in-flight requests, answers no 5xx, loses no create, exits 0 within 10 s', async () => {
    const port = await freePort();
    const api = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: API_DIR,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        DATABASE_URL: url,
        HOST: '127.0.0.1',
        PORT: String(port),
        UPLOAD_DIR: uploadDir,
        RATE_LIMIT_PER_MINUTE: RAISED,
        RATE_LIMIT_REPORTS_PER_MINUTE: RAISED,
        RATE_LIMIT_LOGIN_PER_MINUTE: RAISED,
        RATE_LIMIT_PREFIX: `rb:test-rate:${randomUUID()}:`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = api;
    const keep = (c: Buffer) => (output = (output + c.toString()).slice(-8000));
    api.stdout?.on('data', keep);
    api.stderr?.on('data', keep);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((r) =>
      api.once('exit', (code, signal) => r({ code, signal, at: Date.now() })),
    );

    const agent = new http.Agent({ keepAlive: true, maxSockets: 48 });
    const call = (method: string, path: string, token: string | null, body?: object) =>
      new Promise<{ status?: number; error?: string; json?: unknown; reused?: boolean }>((resolve) => {
        const data = body ? Buffer.from(JSON.stringify(body)) : null;
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method,
            path,
            agent,
            headers: {
              ...(token ? { authorization: `Bearer ${token}` } : {}),
              ...(data ? { 'content-type': 'application/json', 'content-length': String(data.length) } : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              const text = Buffer.concat(chunks).toString();
              let json: unknown;
              try {
                json = JSON.parse(text);
              } catch {
                json = text;
              }
              resolve({ status: res.statusCode, json, reused: req.reusedSocket });
            });
            res.on('error', (e: NodeJS.ErrnoException) => resolve({ error: `response ${e.code ?? e.message}` }));
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message, reused: req.reusedSocket }));
        req.end(data ?? undefined);
      });

    // Up, then signed in: users spread the load as residents and staff would.
    const bootBy = Date.now() + 60_000;
    while ((await call('GET', '/api/health', null)).status !== 200) {
      if (api.exitCode !== null || Date.now() > bootBy) throw new Error(`the API did not start:\n${output}`);
      await sleep(200);
    }
    const token = async (username: string) => {
      const res = await call('POST', '/api/auth/dev-login', null, { username });
      if (res.status !== 200) throw new Error(`dev-login ${username}: ${res.status} ${JSON.stringify(res.json)}`);
      return (res.json as { token: string }).token;
    };
    const residents = [await token('resident'), await token('resident2')];
    const staff = [await token('community'), await token('street')];
    const categories = ((await call('GET', '/api/categories', residents[0])).json as { items: Array<{ id: number }> }).items;
    const own = await call('POST', '/api/tickets', residents[0], { categoryId: categories[0].id, description: `${MARKER} 预热` });
    expect(own.status).toBe(201);
    const ownId = (own.json as { id: number }).id;

    // A resident on a slow link: the photo's headers are in (the server answered 100 Continue, so its
    // handler is waiting for the body) before the load starts; the rest of the body comes a second
    // after SIGTERM. Then the client stays quiet on its keep-alive connection: unless the server
    // closes it after the answer, the close would wait for it (Node's keep-alive timeout here: 72 s).
    const quietAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    let continued = false;
    let sendRest: () => void = () => undefined;
    const slowUpload = () =>
      new Promise<{ status?: number; error?: string; id?: string; connection?: string }>((resolve) => {
        const boundary = `----rb${randomBytes(8).toString('hex')}`;
        const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
        const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
        const image = jpegWithExif();
        const req = http.request(
          {
            host: '127.0.0.1',
            port,
            method: 'POST',
            path: '/api/uploads',
            agent: quietAgent,
            headers: {
              authorization: `Bearer ${residents[1]}`,
              'content-type': `multipart/form-data; boundary=${boundary}`,
              'content-length': String(head.length + image.length + tail.length),
              expect: '100-continue',
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () =>
              resolve({ status: res.statusCode, connection: res.headers.connection, id: (JSON.parse(Buffer.concat(chunks).toString() || '{}') as { id?: string }).id }),
            );
          },
        );
        req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
        req.on('continue', () => {
          continued = true;
          req.write(Buffer.concat([head, image.subarray(0, 20)]));
        });
        sendRest = () => req.end(Buffer.concat([image.subarray(20), tail]));
        req.flushHeaders();
      });

    // Open loop: request i leaves at t0 + i/RATE whatever the answers do; two reads to one create.
    // Requests the agent cannot put on a socket yet wait in its queue: after the close they are refused.
    const outcomes: Outcome[] = [];
    const pending: Array<Promise<void>> = [];
    let sigtermAt = 0;
    let exitedAt = 0;
    void exited.then((e) => (exitedAt = e.at));
    const upload = slowUpload();
    await waitUntil(() => continued, 20_000, `the upload's 100 Continue:\n${output}`);
    const t0 = Date.now();
    for (let i = 0; ; i++) {
      const due = t0 + (i * 1000) / RATE;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const now = Date.now();
      if (!sigtermAt && now - t0 >= LOAD_BEFORE_SIGTERM_MS) {
        sigtermAt = Date.now();
        api.kill('SIGTERM');
        setTimeout(() => sendRest(), 1000);
      }
      // Keep knocking for a while after the process is gone: those attempts must be refused, not hang.
      if (exitedAt && now - exitedAt > 500) break;
      if (now - t0 > LOAD_BEFORE_SIGTERM_MS + EXIT_BOUND_MS + 2000) break;
      const kind: Outcome['kind'] = i % 3 === 2 ? 'create' : 'read';
      const marker = kind === 'create' ? `${MARKER} #${i}` : undefined;
      const sentAt = Date.now();
      const request =
        kind === 'create'
          ? call('POST', '/api/tickets', residents[i % 2], { categoryId: categories[i % categories.length].id, description: marker })
          : i % 2 === 0
            ? call('GET', `/api/tickets/${ownId}`, residents[0])
            : call('GET', '/api/categories', staff[i % 2]);
      pending.push(request.then((r) => void outcomes.push({ kind, sentAt, endedAt: Date.now(), status: r.status, error: r.error, reused: r.reused, marker })));
    }
    const exit = await exited;
    await Promise.all(pending);
    const uploaded = await upload;
    agent.destroy();
    quietAgent.destroy();

    // The process: a clean exit, in time.
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - sigtermAt).toBeLessThan(EXIT_BOUND_MS);

    // The load really was ~300/s and really outlived the process.
    const beforeSignal = outcomes.filter((o) => o.sentAt < sigtermAt);
    expect(beforeSignal.length).toBeGreaterThan(RATE * (LOAD_BEFORE_SIGTERM_MS / 1000) * 0.8);
    const answered = outcomes.filter((o) => o.status !== undefined);
    const failed = outcomes.filter((o) => o.error !== undefined);
    const refused = failed.filter((o) => o.error === 'ECONNREFUSED');
    expect(refused.length).toBeGreaterThan(0);

    // No 5xx (nor anything but success) from the stopping process.
    const statuses: Record<number, number> = {};
    for (const o of answered) statuses[o.status as number] = (statuses[o.status as number] ?? 0) + 1;
    console.log(
      `graceful shutdown: ${outcomes.length} requests (${beforeSignal.length} before SIGTERM), ${answered.length} answered ${JSON.stringify(statuses)}, ` +
        `${refused.length} refused, ${failed.length - refused.length} reset (${failed.filter((o) => o.reused && o.error !== 'ECONNREFUSED').length} on reused connections); ` +
        `${answered.filter((o) => o.endedAt <= sigtermAt).length / (LOAD_BEFORE_SIGTERM_MS / 1000)}/s answered before SIGTERM; exit ${exit.code} ${exit.at - sigtermAt} ms after SIGTERM`,
    );
    expect(Object.keys(statuses).filter((s) => Number(s) >= 300)).toEqual([]);
    // A request in flight at the signal finishes rather than being cut off: the slow upload below,
    // whose body ends a second after SIGTERM, is answered 201. (The paced reads and creates take a
    // millisecond or two: whether one of them happens to be in flight at the signal is luck, and a
    // CI run saw none: 1,200 answered before SIGTERM, the rest refused after.)
    // Nothing failed before the signal. After it, the only failures are at the connection level and
    // never reached a handler (the row check below would see it otherwise): refused once the listener
    // closed, or reset — a connection still in the kernel's accept queue when the listener closed, or
    // a keep-alive connection reused just as the server closed it as idle (a client retries those).
    expect(failed.filter((o) => o.endedAt < sigtermAt)).toEqual([]);
    expect(failed.filter((o) => !['ECONNREFUSED', 'ECONNRESET', 'EPIPE'].includes(o.error as string))).toEqual([]);

    // The upload in flight at SIGTERM finished and was stored.
    expect(uploaded).toMatchObject({ status: 201, connection: 'close' });

    // Creates: every 2xx is exactly one row, and every row was answered 2xx (no work whose answer was lost).
    const db = new Client({ connectionString: url });
    await db.connect();
    try {
      const { rows } = await db.query<{ description: string; n: number }>(
        `SELECT description, count(*)::int AS n FROM tickets WHERE description LIKE $1 GROUP BY description`,
        [`${MARKER} #%`],
      );
      const stored = new Map(rows.map((r) => [r.description, r.n]));
      const created = outcomes.filter((o) => o.kind === 'create' && o.status === 201).map((o) => o.marker as string);
      expect(created.length).toBeGreaterThan(20);
      expect(created.filter((m) => stored.get(m) !== 1)).toEqual([]);
      expect([...stored.keys()].filter((m) => !created.includes(m))).toEqual([]);
      const photo = await db.query('SELECT 1 FROM uploads WHERE id = $1', [uploaded.id]);
      expect(photo.rowCount).toBe(1);
    } finally {
      await db.end();
    }
  }, 90_000);
});
