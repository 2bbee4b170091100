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

/**
 * What a JPEG needs to render, among the APPn segments: JFIF (APP0) and Adobe (APP14) say how to read
 * the colours, ICC_PROFILE (APP2) which colours they are. Every other APPn goes: EXIF and XMP (APP1,
 * with GPS), the MPF index of further pictures (APP2), Photoshop/IPTC (APP13), vendors' private
 * segments; and COM free text.
 */
function keepAppSegment(marker: number, buf: Buffer, payloadStart: number, payloadEnd: number): boolean {
  const id = (text: string) => payloadEnd - payloadStart >= text.length && buf.toString('latin1', payloadStart, payloadStart + text.length) === text;
  if (marker === 0xe0) return id('JFIF\0') || id('JFXX\0');
  if (marker === 0xe2) return id('ICC_PROFILE\0');
  if (marker === 0xee) return id('Adobe');
  return false;
}

/**
 * Walks the primary image's segments and scans up to its EOI and keeps only what decoding needs.
 * Nothing after the primary image's EOI survives: multi-picture files (MPF: a dual camera's second
 * shot, an Ultra HDR gain map) and vendors' trailers append whole JPEGs with their own EXIF and GPS
 * there. A file without EOI (cut off in transfer) is refused.
 */
function stripJpeg(buf: Buffer): Buffer | null {
  if (buf.length < 4 || buf[0] !== 0xff || buf[1] !== 0xd8) return null;
  const out: Buffer[] = [buf.subarray(0, 2)];
  let pos = 2;
  let sawFrame = false;
  while (pos + 2 <= buf.length) {
    if (buf[pos] !== 0xff) return null;
    const marker = buf[pos + 1];
    if (marker === 0xff) {
      pos += 1; // fill byte
      continue;
    }
    if (marker === 0xd9) return sawFrame ? Buffer.concat([...out, buf.subarray(pos, pos + 2)]) : null;
    // A second SOI or a stray restart marker outside a scan: not a JPEG we understand.
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01 || marker === 0x00) return null;
    if (pos + 4 > buf.length) return null;
    const length = buf.readUInt16BE(pos + 2);
    const end = pos + 2 + length;
    if (length < 2 || end > buf.length) return null;
    if (marker === 0xda) {
      // Start of scan: entropy-coded data up to the next marker that is neither a stuffed 0xFF00 nor a
      // restart (RSTn); a progressive image has several scans with tables between them.
      const next = scanEnd(buf, end);
      if (next < 0) return null;
      out.push(buf.subarray(pos, next));
      sawFrame = true;
      pos = next;
      continue;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    if (marker !== 0xfe && (!isApp || keepAppSegment(marker, buf, pos + 4, end))) out.push(buf.subarray(pos, end));
    pos = end;
  }
  return null;
}

/** Offset of the marker that ends a scan's entropy-coded data starting at `from`; -1 when the data runs off the end. */
function scanEnd(buf: Buffer, from: number): number {
  let p = from;
  for (;;) {
    p = buf.indexOf(0xff, p);
    if (p < 0 || p + 1 >= buf.length) return -1;
    const b = buf[p + 1];
    if (b === 0x00 || (b >= 0xd0 && b <= 0xd7) || b === 0xff) {
      p += b === 0xff ? 1 : 2;
      continue;
    }
    return p;
  }
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
