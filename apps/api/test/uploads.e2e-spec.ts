import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '../src/config/app-config';
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
