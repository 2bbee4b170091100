import ExcelJS from 'exceljs';
import { ApiException } from '../common/api.exception';
import { decodeCsv, looksBinary } from '../imports/csv-decode.util';
import { parseCsv } from '../imports/csv-parse.util';

/** One row of a spreadsheet: its 1-based row (line) number as the user sees it, and its cells as text. */
export interface SheetRecord {
  line: number;
  cells: string[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** The CSV's encoding (utf-8, gbk…); null for XLSX, which is always Unicode. */
  encoding: string | null;
  records: SheetRecord[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** A date cell as the YYYY-MM-DD the user typed: Excel stores it as a day number that exceljs reads as UTC midnight. */
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return value.result instanceof Date ? isoDay(value.result) : value.result === undefined || value.result === null ? '' : String(value.result);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** The first worksheet of an XLSX, rows as text; empty rows are dropped like blank CSV lines. */
async function readXlsx(data: Buffer): Promise<SheetRecord[]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw ApiException.validation('file', 'not a readable XLSX workbook');
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw ApiException.validation('file', 'the workbook has no worksheet');
  const records: SheetRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, line) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    if (cells.some((c) => c.trim() !== '')) records.push({ line, cells });
  });
  return records;
}

/**
 * A district's spreadsheet: XLSX (a zip) or CSV in UTF-8 (with or without BOM) or GBK, the two ways
 * Excel on a Chinese Windows saves one. The old binary .xls is refused with a hint.
 */
export async function readSheet(data: Buffer): Promise<Sheet> {
  if (data.length >= 4 && data.subarray(0, 4).equals(ZIP)) return { format: 'xlsx', encoding: null, records: await readXlsx(data) };
  if (looksBinary(data)) throw ApiException.validation('file', 'not a CSV or XLSX file (save an .xls as .xlsx or CSV first)');
  const { text, encoding } = decodeCsv(data);
  return { format: 'csv', encoding, records: parseCsv(text) };
}
