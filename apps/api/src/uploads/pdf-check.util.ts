import { inflateSync } from 'node:zlib';

/** A PDF attachment (五公开 basis, 公示栏 receipts) is at most this big: scans of a few pages. */
export const PDF_MAX_BYTES = 5 * 1024 * 1024;

/**
 * Names that make a PDF do something when opened (scripts, launch, auto actions, forms that submit,
 * embedded files, remote content). A published notice is a document to read, never a program, so
 * any of them refuses the file rather than trying to strip it.
 */
const ACTIVE = /\/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE|Sound|Movie)(?![A-Za-z0-9])/;

/** `/J#61vaScript` is `/JavaScript`: names may hex-escape any character. */
const decodeNames = (s: string) => s.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

/**
 * Why the bytes are not an acceptable PDF, or null. Checked by magic bytes (`%PDF-1.x` first, `%%EOF`
 * near the end), size, and for active content in the file and in every Flate stream (object streams
 * can hide dictionaries inside compressed data). A stream that does not inflate is refused too: we
 * cannot see inside it.
 */
export function pdfProblem(buf: Buffer): string | null {
  if (buf.length < 16 || buf.toString('latin1', 0, 7) !== '%PDF-1.' && buf.toString('latin1', 0, 7) !== '%PDF-2.') return 'not a PDF';
  if (buf.length > PDF_MAX_BYTES) return `a PDF must be at most ${PDF_MAX_BYTES / 1024 / 1024} MB`;
  if (!buf.toString('latin1', Math.max(0, buf.length - 1024)).includes('%%EOF')) return 'the PDF is truncated (no %%EOF)';
  const text = buf.toString('latin1');
  if (ACTIVE.test(decodeNames(text))) return 'the PDF contains active content (scripts, actions, embedded files or forms)';
  const stream = /(?<!end)stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = stream.exec(text)) !== null) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) return 'the PDF has an unterminated stream';
    const dict = text.slice(Math.max(0, text.lastIndexOf('<<', m.index)), m.index);
    if (/\/FlateDecode/.test(dict)) {
      let inner: string;
      try {
        inner = inflateSync(buf.subarray(start, end), { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a trailing EOL */ }).toString('latin1');
      } catch {
        return 'the PDF has a compressed stream that cannot be read';
      }
      if (ACTIVE.test(decodeNames(inner))) return 'the PDF contains active content (scripts, actions, embedded files or forms)';
    }
    stream.lastIndex = end + 'endstream'.length;
  }
  return null;
}
