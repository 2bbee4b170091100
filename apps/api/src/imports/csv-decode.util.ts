import { decode } from 'iconv-lite';

export type CsvEncoding = 'utf-8' | 'gbk' | 'utf-16le' | 'utf-16be';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Text of an uploaded CSV. Excel on a Chinese Windows saves "CSV" as GBK and "CSV UTF-8" with a
 * BOM; 12345 platforms export either. A BOM decides; else a file that is valid UTF-8 is UTF-8
 * (GBK text of any length is almost never valid UTF-8); else GB18030, the superset of GBK.
 */
export function decodeCsv(data: Buffer): { text: string; encoding: CsvEncoding } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { text: UTF8.decode(data.subarray(3)), encoding: 'utf-8' };
  if (data[0] === 0xff && data[1] === 0xfe) return { text: decode(data.subarray(2), 'utf-16le'), encoding: 'utf-16le' };
  if (data[0] === 0xfe && data[1] === 0xff) return { text: decode(data.subarray(2), 'utf-16be'), encoding: 'utf-16be' };
  try {
    return { text: UTF8.decode(data), encoding: 'utf-8' };
  } catch {
    return { text: decode(data, 'gb18030'), encoding: 'gbk' };
  }
}

/** Zip (xlsx), old Excel, PDFs and images carry NUL bytes or magic numbers no CSV has. */
export function looksBinary(data: Buffer): boolean {
  if (data.length >= 2 && ((data[0] === 0xff && data[1] === 0xfe) || (data[0] === 0xfe && data[1] === 0xff))) return false;
  return data.subarray(0, 8192).includes(0);
}
