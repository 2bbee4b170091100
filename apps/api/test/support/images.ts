/**
 * Tiny but well-formed images built in code, each carrying metadata the upload must strip:
 * a JPEG with an EXIF APP1 segment holding a GPS IFD, a PNG with tEXt, a WebP with an EXIF chunk.
 */
export const GPS_MARKER = 'GPS-38.4872N-106.2309E';

export function jpegWithExif(): Buffer {
  const exifPayload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), Buffer.from(`MM\0*${GPS_MARKER}`, 'latin1')]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1]), u16(exifPayload.length + 2), exifPayload]);
  const app0Payload = Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1');
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0]), u16(app0Payload.length + 2), app0Payload]);
  const sosPayload = Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]);
  const sos = Buffer.concat([Buffer.from([0xff, 0xda]), u16(sosPayload.length + 2), sosPayload]);
  const scan = Buffer.from([0x12, 0x34, 0x56, 0xff, 0x00, 0x78]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, app1, sos, scan, Buffer.from([0xff, 0xd9])]);
}

export function pngWithText(): Buffer {
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const ihdr = chunk('IHDR', Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]));
  const text = chunk('tEXt', Buffer.from(`Comment\0${GPS_MARKER}`, 'latin1'));
  const idat = chunk('IDAT', Buffer.from([0x78, 0x9c, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00]));
  return Buffer.concat([sig, ihdr, text, idat, chunk('IEND', Buffer.alloc(0))]);
}

export function webpWithExif(): Buffer {
  const vp8x = Buffer.alloc(10);
  vp8x[0] = 0x08; // EXIF flag
  const body = Buffer.concat([riffChunk('VP8X', vp8x), riffChunk('VP8L', Buffer.from([0x2f, 0, 0, 0, 0])), riffChunk('EXIF', Buffer.from(GPS_MARKER, 'latin1'))]);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n);
  return b;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
}

function riffChunk(type: string, data: Buffer): Buffer {
  const size = Buffer.alloc(4);
  size.writeUInt32LE(data.length);
  return Buffer.concat([Buffer.from(type, 'latin1'), size, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)]);
}
