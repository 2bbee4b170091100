import ExcelJS from 'exceljs';
import { IMPORT_COLUMNS, KIND_LABELS, TEMPLATE_ROWS, type DistrictImportKind } from './import-kinds';

export const TEMPLATE_FORMATS = ['csv', 'xlsx'] as const;
export type TemplateFormat = (typeof TEMPLATE_FORMATS)[number];

const csvField = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** The header row first (the import reads row 1 as the header), then sample rows to overwrite. */
function table(kind: DistrictImportKind): string[][] {
  return [Object.values(IMPORT_COLUMNS[kind]), ...TEMPLATE_ROWS[kind]];
}

/** UTF-8 with a BOM, so Excel on a Chinese Windows opens the headers readable; CRLF lines. */
export function templateCsv(kind: DistrictImportKind): Buffer {
  return Buffer.from(`\uFEFF${table(kind).map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`, 'utf8');
}

/** Every column as text (numFmt '@'): Excel would otherwise eat a code's letters' neighbours or turn dates into serials. */
export async function templateXlsx(kind: DistrictImportKind): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = '红管家';
  const sheet = book.addWorksheet(KIND_LABELS[kind]);
  const rows = table(kind);
  rows.forEach((r) => sheet.addRow(r));
  sheet.getRow(1).font = { bold: true };
  rows[0].forEach((h, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = Math.max(10, h.length * 2 + 4, ...rows.map((r) => (r[i] ?? '').length * 2));
    column.numFmt = '@';
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const templateFileName = (kind: DistrictImportKind, format: TemplateFormat) => ({
  ascii: `district-import-${kind}.${format}`,
  name: `${KIND_LABELS[kind]}导入模板.${format}`,
});
