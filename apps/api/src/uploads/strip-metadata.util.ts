import type { ImageType } from './image-sniff.util';

/**
 * Removes EXIF (with its GPS position: where a resident lives) and other text metadata from a
 * photo without re-encoding it. Returns null when the file is not a well-formed image of its type.
 */
export function stripMetadata(buf: Buffer, type: ImageType): Buffer | null {
  switch (type) {
    case 'image/jpeg':
      return stripJpeg(buf);
    case 'image/png':
      return stripPng(buf);
    case 'image/webp':
      return stripWebp(buf);
  }
}

// APP1 holds EXIF and XMP, APP13 Photoshop/IPTC, COM free text; APP2 (ICC colour profile) stays.
const JPEG_DROP = new Set([0xe1, 0xed, 0xfe]);

function stripJpeg(buf: Buffer): Buffer | null {
  const out: Buffer[] = [buf.subarray(0, 2)];
  let pos = 2;
  while (pos + 4 <= buf.length) {
    if (buf[pos] !== 0xff) return null;
    const marker = buf[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return Buffer.concat([...out, buf.subarray(pos, pos + 2)]);
    const length = buf.readUInt16BE(pos + 2);
    if (length < 2 || pos + 2 + length > buf.length) return null;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data follows up to EOI; nothing after it is metadata we parse.
      out.push(buf.subarray(pos));
      return Buffer.concat(out);
    }
    if (!JPEG_DROP.has(marker)) out.push(buf.subarray(pos, pos + 2 + length));
    pos += 2 + length;
  }
  return null;
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(buf: Buffer): Buffer | null {
  const out: Buffer[] = [buf.subarray(0, 8)];
  let pos = 8;
  while (pos + 12 <= buf.length) {
    const length = buf.readUInt32BE(pos);
    const type = buf.toString('latin1', pos + 4, pos + 8);
    const end = pos + 12 + length;
    if (end > buf.length) return null;
    if (!PNG_DROP.has(type)) out.push(buf.subarray(pos, end));
    pos = end;
    if (type === 'IEND') return Buffer.concat(out);
  }
  return null;
}

function stripWebp(buf: Buffer): Buffer | null {
  const chunks: Buffer[] = [];
  let pos = 12;
  while (pos + 8 <= buf.length) {
    const type = buf.toString('latin1', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    const end = pos + 8 + size + (size % 2);
    if (pos + 8 + size > buf.length) return null;
    if (type !== 'EXIF' && type !== 'XMP ') {
      const chunk = Buffer.from(buf.subarray(pos, Math.min(end, buf.length)));
      // VP8X flags announce EXIF (0x08) and XMP (0x04); they must go with the chunks.
      if (type === 'VP8X' && chunk.length > 8) chunk[8] &= ~0x0c;
      chunks.push(chunk);
    }
    pos = end;
  }
  if (chunks.length === 0) return null;
  const body = Buffer.concat(chunks);
  const header = Buffer.alloc(12);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(body.length + 4, 4);
  header.write('WEBP', 8, 'latin1');
  return Buffer.concat([header, body]);
}
