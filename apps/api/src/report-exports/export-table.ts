import ExcelJS from 'exceljs';

/** How a column's values are written: rates as percentages, per-mille rates and minutes with decimals. */
export type ColumnKind = 'text' | 'int' | 'rate' | 'decimal';

export interface ExportColumn {
  header: string;
  kind: ColumnKind;
}

/** A report flattened for a spreadsheet: a title (scope and period), Chinese headers, rows. */
export interface ExportTable {
  title: string;
  sheet: string;
  columns: ExportColumn[];
  rows: Array<Array<string | number | null>>;
  /** lines after the rows, e.g. the formula */
  notes?: string[];
}

export const EXPORT_FORMATS = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a spreadsheet takes for the start of a formula (or, for tab and CR, a cell break it may re-parse). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * CSV/formula injection (OWASP): a text cell that a spreadsheet would read as a formula, e.g. a
 * company or compound named `=HYPERLINK("http://…")`, is written with a leading single quote, so it
 * shows as the text it is. Only text: numbers stay numbers (a negative figure is not text).
 */
export function neutraliseText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}

/** A rate 0–1 as '77.78%'; a missing figure (nothing to measure) as '—', never as 0. */
export function formatCell(value: string | number | null, kind: ColumnKind): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return neutraliseText(value);
  switch (kind) {
    case 'rate':
      return `${(value * 100).toFixed(2)}%`;
    case 'decimal':
      return value.toFixed(2);
    default:
      return String(value);
  }
}

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM (Excel on Windows reads Chinese correctly only then), CRLF lines, title first. */
export function toCsv(table: ExportTable): Buffer {
  const lines = [
    [neutraliseText(table.title)],
    table.columns.map((c) => neutraliseText(c.header)),
    ...table.rows.map((row) => row.map((v, i) => formatCell(v, table.columns[i].kind))),
    ...(table.notes ?? []).map((n) => [neutraliseText(n)]),
  ].map((cells) => cells.map(csvField).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const NUM_FMT: Record<ColumnKind, string | undefined> = { text: undefined, int: '0', rate: '0.00%', decimal: '0.00' };

/** Numbers stay numbers (sortable, summable); rates carry a percent format; '—' marks a missing figure; text is neutralised. */
export async function toXlsx(table: ExportTable): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '红管家';
  const sheet = book.addWorksheet(table.sheet);
  sheet.mergeCells(1, 1, 1, Math.max(1, table.columns.length));
  const title = sheet.getCell(1, 1);
  title.value = neutraliseText(table.title);
  title.font = { bold: true, size: 14 };
  const header = sheet.addRow(table.columns.map((c) => neutraliseText(c.header)));
  header.font = { bold: true };
  for (const row of table.rows) {
    const r = sheet.addRow(row.map((v) => (v === null || v === undefined ? '—' : typeof v === 'string' ? neutraliseText(v) : v)));
    table.columns.forEach((c, i) => {
      const fmt = NUM_FMT[c.kind];
      if (fmt && typeof row[i] === 'number') r.getCell(i + 1).numFmt = fmt;
    });
  }
  for (const note of table.notes ?? []) sheet.addRow([neutraliseText(note)]);
  table.columns.forEach((c, i) => (sheet.getColumn(i + 1).width = Math.max(10, c.header.length * 2 + 2)));
  sheet.views = [{ state: 'frozen', ySplit: 2 }];
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** RFC 6266 / 5987: an ASCII fallback for old clients, the Chinese name in filename*. */
export function contentDisposition(asciiName: string, name: string): string {
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};
