import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Actor } from '../src/access/actor';
import { ApiException } from '../src/common/api.exception';
import { AppConfig } from '../src/config/app-config';
import { UploadsService } from '../src/uploads/uploads.service';
import { Actors } from './support/actors';
import { GPS_MARKER, jpegMarkers, jpegOfSize, jpegWithExif, multiPictureJpeg, pngWithText, SECOND_GPS_MARKER, TRAILER_GPS_MARKER, webpWithExif } from './support/images';
import { splitUpload } from './support/raw-multipart';
import { startApp, type TestApp } from './support/test-app';

describe('photo uploads', () => {
  let t: TestApp;
  let as: Actors;
  let uploadDir: string;

  beforeAll(async () => {
    t = await startApp({ UPLOAD_MAX_BYTES: String(1024 * 1024) });
    as = new Actors(t);
    uploadDir = t.app.get(AppConfig).UPLOAD_DIR;
  });
  afterAll(() => t.close());

  const post = async (user: string, data: Buffer, name = 'photo.jpg') =>
    t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token(user)}`).attach('file', data, name);

  it.each([
    ['JPEG', jpegWithExif(), 'image/jpeg'],
    ['PNG', pngWithText(), 'image/png'],
    ['WebP', webpWithExif(), 'image/webp'],
  ])('accepts a %s and strips its metadata (GPS) before storing it', async (_, data, mime) => {
    expect(data.includes(GPS_MARKER)).toBe(true);
    const res = await post('resident', data);
    expect(res.status).toBe(201);
    expect(res.body.mimeType).toBe(mime);
    const rows: Array<{ storage_path: string; size_bytes: number }> = await t.db.query('SELECT storage_path, size_bytes FROM uploads WHERE id = $1', [res.body.id]);
    const stored = readFileSync(join(uploadDir, rows[0].storage_path));
    expect(stored.includes(GPS_MARKER)).toBe(false);
    expect(stored.length).toBe(rows[0].size_bytes);
    expect(stored.length).toBeLessThan(data.length);
    const served = await t.http().get(`/api/uploads/${res.body.id}`).set('authorization', `Bearer ${await as.token('resident')}`).buffer(true);
    expect(served.status).toBe(200);
    expect(served.headers['content-type']).toBe(mime);
  });

  it('a multi-picture JPEG (MPF second shot, vendor trailer) keeps only its primary picture, without any GPS', async () => {
    const data = multiPictureJpeg();
    for (const marker of [GPS_MARKER, SECOND_GPS_MARKER, TRAILER_GPS_MARKER, 'MPF\0']) expect(data.includes(marker)).toBe(true);
    const res = await post('resident', data);
    expect(res.status).toBe(201);
    const rows: Array<{ storage_path: string }> = await t.db.query('SELECT storage_path FROM uploads WHERE id = $1', [res.body.id]);
    const stored = readFileSync(join(uploadDir, rows[0].storage_path));
    for (const marker of [GPS_MARKER, SECOND_GPS_MARKER, TRAILER_GPS_MARKER, 'MPF\0', 'Exif', 'Photoshop', 'SEFH']) expect(stored.includes(marker)).toBe(false);
    expect(stored.indexOf(Buffer.from([0xff, 0xd8]), 1)).toBe(-1); // no second SOI
    // Still one well-formed picture: what rendering needs stays (JFIF, ICC profile, Adobe), then tables, frame, scan, EOI.
    expect(jpegMarkers(stored)).toEqual(['SOI', 'APP0:JFIF', 'APP2:ICC_', 'APP14:Adob', 'db', 'c0', 'da', 'EOI']);
    expect(stored.includes(Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]))).toBe(true); // the scan, stuffing and restart intact
  });

  it('refuses a JPEG whose scan never reaches EOI (415)', async () => {
    const data = jpegWithExif();
    const res = await post('resident', data.subarray(0, data.length - 2));
    expect(res.status).toBe(415);
  });

  it('keeps the WebP container consistent after removing the EXIF chunk', async () => {
    const res = await post('resident', webpWithExif());
    const rows: Array<{ storage_path: string }> = await t.db.query('SELECT storage_path FROM uploads WHERE id = $1', [res.body.id]);
    const stored = readFileSync(join(uploadDir, rows[0].storage_path));
    expect(stored.readUInt32LE(4)).toBe(stored.length - 8);
    expect(stored[20] & 0x08).toBe(0); // VP8X no longer announces EXIF
  });

  it('refuses a file that is not an image by its bytes, whatever its name (415)', async () => {
    const res = await post('resident', Buffer.from('<?php echo "hi"; ?>'), 'photo.jpg');
    expect(res.status).toBe(415);
    expect(res.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses a truncated JPEG (415)', async () => {
    const res = await post('resident', jpegWithExif().subarray(0, 30));
    expect(res.status).toBe(415);
  });

  it('refuses a body that is not multipart (415)', async () => {
    const res = await t.http().post('/api/uploads').set('authorization', `Bearer ${await as.token('resident')}`).send({ file: 'x' });
    expect(res.status).toBe(415);
  });

  it('refuses a file over the limit (413) and stores nothing', async () => {
    // Files over the limit (1 MB here) are never stored, by anyone: a count of them is not disturbed by
    // other suites uploading photos in the same database meanwhile.
    const count = `SELECT count(*)::int AS n FROM uploads WHERE size_bytes > 1024 * 1024`;
    const before: Array<{ n: number }> = await t.db.query(count);
    const big = Buffer.concat([jpegWithExif().subarray(0, 2), Buffer.alloc(1024 * 1024 + 10)]);
    const res = await post('resident', big);
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
    const after: Array<{ n: number }> = await t.db.query(count);
    expect(before[0].n).toBe(0);
    expect(after[0].n).toBe(0);
  });

  it('a photo just over the limit is a 413 every time and never stored truncated, however the bytes arrive', async () => {
    const limit = 1024 * 1024;
    const mine = async () => Number((await t.db.query('SELECT count(*) FROM uploads WHERE owner_id = $1', [await as.id('resident2')]))[0].count);
    const before = await mine();
    const token = await as.token('resident2');
    // Its first `limit` bytes alone are a well-formed JPEG: stored truncated, it would pass every other check.
    const exact = jpegOfSize(limit);
    expect((await post('resident2', exact)).status).toBe(201); // the limit itself is allowed
    const statuses: number[] = [];
    const codes: unknown[] = [];
    for (const extra of [1, 2, 10, 1000, 65536, 1, 1]) {
      const over = Buffer.concat([exact, Buffer.alloc(extra, 0x22)]);
      // The parser gets exactly the limit in the first chunk, the bytes beyond it in a later one.
      const split = await splitUpload(t.url, '/api/uploads', token, over, limit);
      const whole = await post('resident2', over);
      statuses.push(split.status, whole.status);
      codes.push(split.body.code, whole.body.code);
    }
    expect(statuses).toEqual(statuses.map(() => 413));
    expect(codes).toEqual(codes.map(() => 'PAYLOAD_TOO_LARGE'));
    expect(await mine()).toBe(before + 1);
  });

  it('needs a token, and a photo not on a visible ticket is nobody else’s business', async () => {
    expect((await t.http().post('/api/uploads').attach('file', jpegWithExif(), 'a.jpg')).status).toBe(401);
    const mine = await post('resident', jpegWithExif());
    const peek = await t.http().get(`/api/uploads/${mine.body.id}`).set('authorization', `Bearer ${await as.token('resident2')}`);
    expect(peek.status).toBe(404);
    const bad = await t.http().get('/api/uploads/not-a-uuid').set('authorization', `Bearer ${await as.token('resident')}`);
    expect(bad.status).toBe(400);
  });

  it('a photo can be attached once, by its owner only', async () => {
    const photo = (await post('resident', jpegWithExif())).body.id;
    const cat: Array<{ id: number }> = await t.db.query(`SELECT id FROM categories WHERE code = 'pipe_leak'`);
    const stolen = await as.post('resident2', '/api/tickets', { categoryId: cat[0].id, description: '借用别人的照片', photoIds: [photo] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.message).toContain('photoIds');
    const first = await as.post('resident', '/api/tickets', { categoryId: cat[0].id, description: '漏水照片', photoIds: [photo] });
    expect(first.status).toBe(201);
    const reuse = await as.post('resident', '/api/tickets', { categoryId: cat[0].id, description: '同一张照片再用', photoIds: [photo] });
    expect(reuse.status).toBe(400);
  });
});

describe('daily upload quota per user, and the clean-up of photos never attached', () => {
  let t: TestApp;
  let as: Actors;
  let uploadDir: string;
  let uploads: UploadsService;

  beforeAll(async () => {
    t = await startApp({ UPLOAD_DAILY_COUNT_PER_USER: '3', UPLOAD_DAILY_BYTES_PER_USER: '2500' });
    as = new Actors(t);
    uploadDir = t.app.get(AppConfig).UPLOAD_DIR;
    uploads = t.app.get(UploadsService);
  });
  afterAll(() => t.close());

  const actor = async (user: string) => ({ userId: await as.id(user) }) as Actor;
  const at = (iso: string, plusMs = 0) => new Date(Date.parse(iso) + plusMs);
  const HOUR = 3600_000;
  const refusal = async (p: Promise<unknown>) => {
    const error = await p.then(() => null, (e: unknown) => e);
    return error instanceof ApiException ? [error.getStatus(), error.code, (error.details as { limit: string }).limit] : error;
  };
  const retryAfter = async (p: Promise<unknown>) => {
    const error = await p.then(() => null, (e: unknown) => e);
    return error instanceof ApiException ? (error.details as { retryAfterSeconds: number }).retryAfterSeconds : error;
  };

  it('count: the fourth photo within 24 hours is a 429 UPLOAD_QUOTA_EXCEEDED; once the first is a day old there is room', async () => {
    const me = await actor('grid');
    const t0 = '2001-06-01T08:00:00Z';
    for (let i = 0; i < 3; i++) await uploads.store(me, jpegWithExif(), at(t0, i * HOUR));
    expect(await refusal(uploads.store(me, jpegWithExif(), at(t0, 3 * HOUR)))).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED', 'count']);
    expect(await refusal(uploads.store(me, jpegWithExif(), at(t0, 24 * HOUR - 1)))).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED', 'count']);
    // Retry-After: when the oldest of the three leaves the 24-hour window (at t0 + 24 h).
    expect(await retryAfter(uploads.store(me, jpegWithExif(), at(t0, 20 * HOUR)))).toBe(4 * 3600);
    await uploads.store(me, jpegWithExif(), at(t0, 24 * HOUR));
    const rows: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM uploads WHERE owner_id = $1 AND created_at >= $2 AND created_at < $3`, [me.userId, at(t0), at(t0, 48 * HOUR)]);
    expect(rows[0].n).toBe(4);
  });

  it('bytes: a photo that would pass the day’s bytes is refused, a smaller one still fits', async () => {
    const me = await actor('grid');
    const t1 = '2001-07-01T08:00:00Z';
    await uploads.store(me, jpegOfSize(1000), at(t1));
    await uploads.store(me, jpegOfSize(1000), at(t1, HOUR));
    expect(await refusal(uploads.store(me, jpegOfSize(1000), at(t1, 2 * HOUR)))).toEqual([429, 'UPLOAD_QUOTA_EXCEEDED', 'bytes']);
    // Room for it once the first photo (uploaded at t1) leaves the window: 22 hours from t1 + 2 h.
    expect(await retryAfter(uploads.store(me, jpegOfSize(1000), at(t1, 2 * HOUR)))).toBe(22 * 3600);
    await uploads.store(me, jpegOfSize(400), at(t1, 2 * HOUR));
  });

  it('over HTTP, six uploads at once with room for three: exactly three stored, three 429 naming the file', async () => {
    const id = await as.id('street');
    // Whatever this user uploaded earlier in the run leaves the last 24 hours.
    await t.db.query(`UPDATE uploads SET created_at = created_at - interval '2 days' WHERE owner_id = $1`, [id]);
    const token = await as.token('street');
    const results = await Promise.all(Array.from({ length: 6 }, () => t.http().post('/api/uploads').set('authorization', `Bearer ${token}`).attach('file', jpegWithExif(), 'a.jpg')));
    expect(results.map((r) => r.status).sort()).toEqual([201, 201, 201, 429, 429, 429]);
    for (const r of results.filter((x) => x.status === 429)) {
      expect(r.body.code).toBe('UPLOAD_QUOTA_EXCEEDED');
      expect(r.body.message).toContain('file');
      // The first of the three stored leaves the window in just under 24 hours.
      expect(Number(r.headers['retry-after'])).toBeGreaterThan(23 * 3600);
      expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(24 * 3600);
    }
    const rows: Array<{ storage_path: string }> = await t.db.query(`SELECT storage_path FROM uploads WHERE owner_id = $1 AND created_at > now() - interval '1 day'`, [id]);
    expect(rows).toHaveLength(3);
    // No file was left behind by a refused upload: the only files of this app stamped with the real clock are those three.
    const files = filesUnder(uploadDir).filter((f) => !f.startsWith('2001'));
    expect(files.sort()).toEqual(rows.map((r) => r.storage_path).sort());
  });

  it('removeUnattached(now) deletes rows and files of photos unattached for over a day, and nothing else; a second run finds nothing', async () => {
    // Two users, so the four photos stay within the quota of three a day.
    const me = await actor('resident2');
    const other = await actor('resident');
    const now = at('2001-09-10T00:00:00Z');
    const attachedOld = await uploads.store(me, jpegWithExif(), at('2001-09-10T00:00:00Z', -30 * HOUR));
    const old = await uploads.store(me, jpegWithExif(), at('2001-09-10T00:00:00Z', -25 * HOUR));
    const oldFileGone = await uploads.store(other, jpegWithExif(), at('2001-09-10T00:00:00Z', -24 * HOUR - 1));
    const young = await uploads.store(other, jpegWithExif(), at('2001-09-10T00:00:00Z', -23 * HOUR));
    const cat: Array<{ id: number }> = await t.db.query(`SELECT id FROM categories WHERE code = 'pipe_leak'`);
    const ticket = await as.post('resident2', '/api/tickets', { categoryId: cat[0].id, description: '照片昨天拍的', photoIds: [attachedOld.id] });
    expect(ticket.status).toBe(201);
    const pathOf = async (id: string) => ((await t.db.query('SELECT storage_path FROM uploads WHERE id = $1', [id])) as Array<{ storage_path: string }>)[0]?.storage_path;
    const paths = { attachedOld: await pathOf(attachedOld.id), old: await pathOf(old.id), oldFileGone: await pathOf(oldFileGone.id), young: await pathOf(young.id) };
    rmSync(join(uploadDir, paths.oldFileGone));

    // Every unattached photo over a day old goes (the quota tests' ones of June and July too).
    const due = async () => ((await t.db.query(`SELECT count(*)::int AS n FROM uploads WHERE ticket_id IS NULL AND created_at < $1`, [at('2001-09-10T00:00:00Z', -24 * HOUR)])) as Array<{ n: number }>)[0].n;
    const expected = await due();
    expect(expected).toBeGreaterThanOrEqual(2);
    expect(await uploads.removeUnattached(now)).toEqual({ removed: expected });
    expect(await due()).toBe(0);
    expect(await pathOf(old.id)).toBeUndefined();
    expect(await pathOf(oldFileGone.id)).toBeUndefined();
    expect(existsSync(join(uploadDir, paths.old))).toBe(false);
    expect(await pathOf(attachedOld.id)).toBe(paths.attachedOld);
    expect(await pathOf(young.id)).toBe(paths.young);
    expect(existsSync(join(uploadDir, paths.attachedOld))).toBe(true);
    expect(existsSync(join(uploadDir, paths.young))).toBe(true);
    expect(await uploads.removeUnattached(now)).toEqual({ removed: 0 });
    // Two hours later the young one is over a day old too.
    expect(await uploads.removeUnattached(at('2001-09-10T00:00:00Z', 2 * HOUR))).toEqual({ removed: 1 });
    expect(existsSync(join(uploadDir, paths.young))).toBe(false);
  });
});

function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, join(prefix, e.name)) : [join(prefix, e.name)],
  );
}
