import { deflateSync } from 'node:zlib';
import { PDF_MAX_BYTES, pdfProblem } from './pdf-check.util';

const pdf = (body: string) => Buffer.from(`%PDF-1.4\n${body}\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n`, 'latin1');
const flate = (inner: string) => {
  const data = deflateSync(Buffer.from(inner, 'latin1'));
  return Buffer.concat([Buffer.from(`%PDF-1.5\n2 0 obj\n<< /Type /ObjStm /Filter /FlateDecode /Length ${data.length} >>\nstream\n`, 'latin1'), data, Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1')]);
};

describe('pdfProblem', () => {
  it('accepts a plain PDF and one with a harmless compressed stream', () => {
    expect(pdfProblem(pdf('1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj'))).toBeNull();
    expect(pdfProblem(flate('<< /Type /Page /Contents 3 0 R >>'))).toBeNull();
  });
  it('refuses what is not a PDF, a truncated one, an oversize one', () => {
    expect(pdfProblem(Buffer.from('<html><script>alert(1)</script></html>'))).toBe('not a PDF');
    expect(pdfProblem(Buffer.from('%PDF-1.4\n1 0 obj\n<< >>\nendobj\n'.padEnd(2000, ' ')))).toMatch(/truncated/);
    expect(pdfProblem(Buffer.concat([pdf(''), Buffer.alloc(PDF_MAX_BYTES)]))).toMatch(/at most/);
  });
  it('refuses scripts and auto actions, also hex-escaped or hidden in a compressed object stream', () => {
    expect(pdfProblem(pdf('1 0 obj\n<< /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\nendobj'))).toMatch(/active content/);
    expect(pdfProblem(pdf('1 0 obj\n<< /S /J#61vaScript >>\nendobj'))).toMatch(/active content/);
    expect(pdfProblem(pdf('1 0 obj\n<< /Type /Filespec /EF << /F 2 0 R >> /EmbeddedFile 3 0 R >>\nendobj'))).toMatch(/active content/);
    expect(pdfProblem(flate('<< /Type /Action /S /Launch /F (cmd.exe) >>'))).toMatch(/active content/);
  });
  it('refuses a compressed stream it cannot read', () => {
    const bad = Buffer.from('%PDF-1.5\n2 0 obj\n<< /Filter /FlateDecode /Length 4 >>\nstream\nxxxx\nendstream\nendobj\n%%EOF\n', 'latin1');
    expect(pdfProblem(bad)).toMatch(/cannot be read/);
  });
});
