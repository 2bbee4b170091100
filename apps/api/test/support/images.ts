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

/** Where the phone was, in the second picture of a multi-picture file or a vendor's trailer. */
export const SECOND_GPS_MARKER = 'GPS-38.4901N-106.2377E';
export const TRAILER_GPS_MARKER = 'GPS-38.4999N-106.2399E';

function segment(marker: number, payload: Buffer): Buffer {
  return Buffer.concat([Buffer.from([0xff, marker]), u16(payload.length + 2), payload]);
}

/** One baseline-shaped picture: JFIF, the given extra segments, tables, frame, one scan, EOI. */
function picture(extra: Buffer[], scan: Buffer): Buffer {
  const app0 = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  const dqt = segment(0xdb, Buffer.concat([Buffer.from([0x00]), Buffer.alloc(64, 1)]));
  const sof = segment(0xc0, Buffer.from([0x08, 0x00, 0x08, 0x00, 0x08, 0x01, 0x01, 0x11, 0x00]));
  const sos = segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]));
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, ...extra, dqt, sof, sos, scan, Buffer.from([0xff, 0xd9])]);
}

/**
 * A dual-camera / Ultra HDR style multi-picture JPEG: the primary picture carries EXIF with GPS, an
 * ICC profile, an Adobe segment, an MPF index (APP2) and a restart marker in its scan; a second whole
 * JPEG with its own EXIF GPS follows its EOI, then a vendor trailer naming the place again.
 */
export function multiPictureJpeg(): Buffer {
  const exif = segment(0xe1, Buffer.from(`Exif\0\0MM\0*${GPS_MARKER}`, 'latin1'));
  const icc = segment(0xe2, Buffer.from('ICC_PROFILE\0\x01\x01fake-profile', 'latin1'));
  const mpf = segment(0xe2, Buffer.from('MPF\0MM\0*\0\0\0\x08\0\x03\xb0\x00', 'latin1'));
  const adobe = segment(0xee, Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1'));
  const iptc = segment(0xed, Buffer.from(`Photoshop 3.0\0${GPS_MARKER}`, 'latin1'));
  const primaryScan = Buffer.from([0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0x78]);
  const primary = picture([exif, icc, mpf, adobe, iptc], primaryScan);
  const secondExif = segment(0xe1, Buffer.from(`Exif\0\0MM\0*${SECOND_GPS_MARKER}`, 'latin1'));
  const second = picture([secondExif], Buffer.from([0x9a, 0xbc]));
  const trailer = Buffer.from(`SEFH\0\0\0\x01${TRAILER_GPS_MARKER}SEFT`, 'latin1');
  return Buffer.concat([primary, second, trailer]);
}

/**
 * The markers of a JPEG in order, checking its structure on the way: SOI first, every segment's length
 * within the file, each scan's data up to a real marker, EOI as the last two bytes. Throws otherwise.
 */
export function jpegMarkers(buf: Buffer): string[] {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new Error('no SOI');
  const markers = ['SOI'];
  let pos = 2;
  while (pos < buf.length) {
    if (buf[pos] !== 0xff) throw new Error(`no marker at ${pos}`);
    const m = buf[pos + 1];
    if (m === 0xd9) {
      if (pos + 2 !== buf.length) throw new Error(`${buf.length - pos - 2} bytes after EOI`);
      return [...markers, 'EOI'];
    }
    const length = buf.readUInt16BE(pos + 2);
    if (pos + 2 + length > buf.length) throw new Error(`segment ${m.toString(16)} runs off the end`);
    const name = m >= 0xe0 && m <= 0xef ? `APP${m - 0xe0}:${buf.toString('latin1', pos + 4, pos + 8)}` : m.toString(16);
    markers.push(name);
    pos += 2 + length;
    if (m === 0xda) {
      while (!(buf[pos] === 0xff && buf[pos + 1] !== 0x00 && !(buf[pos + 1] >= 0xd0 && buf[pos + 1] <= 0xd7))) {
        if (pos >= buf.length) throw new Error('scan runs off the end');
        pos += 1;
      }
    }
  }
  throw new Error('no EOI');
}

/** A well-formed JPEG of exactly `size` bytes (its scan padded with zeros), no metadata. */
export function jpegOfSize(size: number): Buffer {
  const app0 = segment(0xe0, Buffer.from('JFIF\0\x01\x01\0\0\x01\0\x01\0\0', 'latin1'));
  const sos = segment(0xda, Buffer.from([0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]));
  const fixed = 2 + app0.length + sos.length + 2;
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sos, Buffer.alloc(size - fixed, 0x11), Buffer.from([0xff, 0xd9])]);
}
