import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { createBackup } from '../src/backup/backup.service';
import { restoreBackup } from '../src/backup/restore.service';
import { DamagedArchiveError } from '../src/backup/tar.util';
import { createDataSource } from '../src/database/data-source';
import { dropDatabase, withDatabaseName } from '../src/database/database-admin.util';
import { migrate } from '../src/database/migrate';
import { readSeedFile, seed } from '../src/seed/seed.service';
import { Actors, codeIds } from './support/actors';
import { jpegWithExif, pngWithText, webpWithExif } from './support/images';
import { startApp, type TestApp } from './support/test-app';

const API_DIR = join(__dirname, '..');

/** The CLIs as an operator runs them (`pnpm db:backup` is this, through ts-node). */
function cli(name: 'backup' | 'restore', args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', `src/backup/${name}.cli.ts`, ...args], {
      cwd: API_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, out }));
  });
}

async function dbExists(url: string): Promise<boolean> {
  const admin = new Client({ connectionString: withDatabaseName(url, 'postgres') });
  await admin.connect();
  try {
    return (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [new URL(url).pathname.slice(1)])).rowCount === 1;
  } finally {
    await admin.end();
  }
}

describe('db:backup and db:restore (real PostgreSQL, photos on disk)', () => {
  // A database of this file's own: the test drops it, which the run's shared one must never see.
  const suffix = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const url = withDatabaseName(process.env.DATABASE_URL as string, `rb_test_backup_${suffix}`);
  const scratchUrl = withDatabaseName(process.env.DATABASE_URL as string, `rb_test_backup_${suffix}_x`);
  const liveCopyUrl = withDatabaseName(process.env.DATABASE_URL as string, `rb_test_backup_${suffix}_live`);
  const work = mkdtempSync(join(tmpdir(), 'rb-backup-test-'));
  const uploadDir = join(work, 'uploads');
  const archive = join(work, 'nightly.tar');
  const env = { DATABASE_URL: url, UPLOAD_DIR: uploadDir };

  const ticketIds: number[] = [];
  const photoIds: string[] = [];
  let views: unknown[] = [];
  let events: unknown[] = [];
  let photos: Buffer[] = [];

  /** What a restore must bring back: every ticket as staff see it, the raw timeline rows, each photo's bytes. */
  async function readBack(t: TestApp) {
    const as = new Actors(t);
    const token = await as.token('community');
    const detail = await Promise.all(ticketIds.map(async (id) => (await as.get('community', `/api/tickets/${id}`)).body));
    const rows = await t.db.query('SELECT * FROM ticket_events WHERE ticket_id = ANY($1) ORDER BY id', [ticketIds]);
    const bytes = await Promise.all(
      photoIds.map(async (id) => {
        const res = await fetch(`${t.url}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });
        expect(res.status).toBe(200);
        return Buffer.from(await res.arrayBuffer());
      }),
    );
    return { detail, rows, bytes };
  }

  beforeAll(async () => {
    await migrate(url);
    const ds = createDataSource(url);
    await ds.initialize();
    await seed(ds, readSeedFile());
    await ds.destroy();

    const t = await startApp({ ...env });
    try {
      const as = new Actors(t);
      const ids = await codeIds(t);
      const upload = async (user: string, data: Buffer, name: string) => {
        const res = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token(user)}`).attach('file', data, name);
        expect(res.status).toBe(201);
        photoIds.push(res.body.id);
        return res.body.id as string;
      };
      // Three tickets at different points of the loop, each with photos, so the timelines differ.
      for (const [i, [data, name]] of ([[jpegWithExif(), 'a.jpg'], [pngWithText(), 'b.png'], [webpWithExif(), 'c.webp']] as const).entries()) {
        const photo = await upload('resident', data, name);
        const res = await as.post('resident', '/api/tickets', {
          categoryId: ids.category('pipe_leak'),
          description: `备份测试：${i + 1}号楼地下室漏水`,
          photoIds: [photo],
          location: { lat: 38.4872 + i * 1e-4, lng: 106.2309, address: `湖畔嘉苑${i + 1}号楼` },
        });
        expect(res.status).toBe(201);
        ticketIds.push(res.body.id);
      }
      const company = ids.org('saishang-wuye');
      for (const id of ticketIds.slice(1)) expect((await as.post('community', `/api/tickets/${id}/dispatch`, { companyId: company })).status).toBe(200);
      const last = ticketIds[2];
      expect((await as.post('property', `/api/tickets/${last}/accept`, { assigneeId: await as.id('worker') })).status).toBe(200);
      const after = await upload('worker', jpegWithExif(), 'after.jpg');
      expect((await as.post('worker', `/api/tickets/${last}/resolve`, { note: '已更换阀门', photoIds: [after] })).status).toBe(200);
      ({ detail: views, rows: events, bytes: photos } = await readBack(t));
      expect(events.length).toBe(3 + 2 + 2); // 3 reports, 2 dispatches, accept + resolve
    } finally {
      await t.close();
    }
  }, 60_000);

  afterAll(async () => {
    await dropDatabase(url);
    await dropDatabase(scratchUrl);
    await dropDatabase(liveCopyUrl);
    rmSync(work, { recursive: true, force: true });
  });

  it('backs up, survives losing the database and the photos, restores the same tickets, timelines and photo bytes', async () => {
    const backup = await cli('backup', [archive], env);
    expect(backup.out).toContain('backup written');
    expect(backup.code).toBe(0);
    // A plain tar: GNU tar reads it (operators can list and check it without this code).
    const manifest = JSON.parse(execFileSync('tar', ['-xOf', archive, 'manifest.json']).toString('utf8'));
    expect(manifest.database.counts).toMatchObject({ tickets: 3, ticketEvents: 7, uploads: 4 });
    expect(manifest.uploads.files).toBe(4);

    await dropDatabase(url);
    rmSync(uploadDir, { recursive: true, force: true });
    expect(await dbExists(url)).toBe(false);

    const restore = await cli('restore', [archive], env);
    expect(restore.out).toContain('verified: 3 tickets, 7 ticket events, 4 photo rows');
    expect(restore.code).toBe(0);

    const t = await startApp({ ...env });
    try {
      const back = await readBack(t);
      expect(back.detail).toEqual(views);
      expect(back.rows).toEqual(events);
      expect(back.bytes).toEqual(photos);
      expect((back.detail as Array<{ timeline: unknown[] }>).map((v) => v.timeline.length)).toEqual([1, 2, 4]);
    } finally {
      await t.close();
    }
  }, 60_000);

  it('refuses to restore over a database that has data, unless --force', async () => {
    const refused = await cli('restore', [archive], env);
    expect(refused.code).toBe(1);
    expect(refused.out).toMatch(/is not empty \(\d+ tables, 3 tickets\).*--force/);

    // A change made after the backup: --force replaces the database, so it is gone afterwards.
    const extra = new Client({ connectionString: url });
    await extra.connect();
    await extra.query(`UPDATE tickets SET description = 'changed after the backup' WHERE id = $1`, [ticketIds[0]]);
    await extra.end();
    const summary = await restoreBackup({ databaseUrl: url, uploadDir, file: archive, force: true });
    expect(summary.replaced).toBe(true);
    expect(summary.counts).toMatchObject({ tickets: 3, ticketEvents: 7, uploads: 4 });
    const check = new Client({ connectionString: url });
    await check.connect();
    try {
      const { rows } = await check.query('SELECT description FROM tickets WHERE id = $1', [ticketIds[0]]);
      expect(rows[0].description).toBe('备份测试：1号楼地下室漏水');
    } finally {
      await check.end();
    }
  }, 30_000);

  it('a damaged or truncated archive fails with a clear message and creates no database', async () => {
    const bytes = readFileSync(archive);
    const dumpAt = bytes.indexOf('PGDMP'); // pg_dump's custom format starts with its magic
    expect(dumpAt).toBeGreaterThan(0);
    const flipped = Buffer.from(bytes);
    flipped[dumpAt + 200] ^= 0xff;
    writeFileSync(join(work, 'flipped.tar'), flipped);
    const damaged = await cli('restore', [join(work, 'flipped.tar')], { ...env, DATABASE_URL: scratchUrl });
    expect(damaged.code).toBe(1);
    expect(damaged.out).toContain('restore failed: database.dump does not match its checksum in the manifest (damaged archive)');

    writeFileSync(join(work, 'truncated.tar'), bytes.subarray(0, dumpAt + 1000));
    await expect(restoreBackup({ databaseUrl: scratchUrl, uploadDir: join(work, 'x'), file: join(work, 'truncated.tar') })).rejects.toThrow(
      new DamagedArchiveError('the archive ends inside database.dump (truncated at byte ' + (dumpAt + 1000) + ')'),
    );
    writeFileSync(join(work, 'not-a-backup.tar'), Buffer.from('this is not a tar file at all'.repeat(40)));
    await expect(restoreBackup({ databaseUrl: scratchUrl, uploadDir: join(work, 'x'), file: join(work, 'not-a-backup.tar') })).rejects.toThrow(/damaged tar header at byte 0/);
    expect(await dbExists(scratchUrl)).toBe(false);
  }, 30_000);

  it('a backup taken while photos and tickets keep arriving restores consistently: counts as in its snapshot, every photo on disk', async () => {
    const t = await startApp({ ...env });
    const as = new Actors(t);
    const ids = await codeIds(t);
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const photo = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token('resident')}`).attach('file', jpegWithExif(), 'live.jpg');
        expect(photo.status).toBe(201);
        const res = await as.post('resident', '/api/tickets', { categoryId: ids.category('pipe_leak'), description: `备份期间报事 ${written}`, photoIds: [photo.body.id] });
        expect(res.status).toBe(201);
        written += 1;
      }
    })();
    try {
      while (written < 3) await new Promise((r) => setTimeout(r, 20));
      const live = join(work, 'live.tar.gz');
      const backup = await createBackup({ databaseUrl: url, uploadDir, file: live });
      const atBackup = written;
      while (written < atBackup + 3) await new Promise((r) => setTimeout(r, 20));
      writing = false;
      await writer;
      const counts = backup.manifest.database.counts;
      expect(counts.tickets).toBeGreaterThan(3);
      // One photo per ticket plus the resolve photo, and maybe one uploaded for a ticket not yet filed.
      expect([counts.tickets + 1, counts.tickets + 2]).toContain(counts.uploads);
      expect(backup.manifest.uploads).toMatchObject({ files: counts.uploads, missing: [] });

      const restored = await restoreBackup({ databaseUrl: liveCopyUrl, uploadDir: join(work, 'live-uploads'), file: live });
      expect(restored.counts).toEqual(counts);
      expect(restored.photos).toEqual({ restored: counts.uploads, referenced: counts.uploads, missing: 0 });
      // The live database went on growing after the snapshot; the copy holds the snapshot only.
      const [now]: Array<{ n: number }> = await t.db.query('SELECT count(*)::int AS n FROM tickets');
      expect(now.n).toBeGreaterThan(counts.tickets);
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      await t.close();
    }
  }, 60_000);
});
