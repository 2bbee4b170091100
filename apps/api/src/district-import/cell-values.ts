import { parseAreaCenti } from '@red-butler/domain';
import { textProblem } from '../common/clean-text.validator';
import { RowRefused } from './import-row';

/** A name or text cell: one line of plain text, at most `max` characters. */
export function textCell(value: string, field: string, max: number): string {
  const problem = textProblem(value);
  if (problem) throw new RowRefused('INVALID', field, problem);
  if (value.length > max) throw new RowRefused('INVALID', field, `at most ${max} characters`);
  return value;
}

/** A count (户数, 单元数): a whole number 0…max; "1,200" from Excel's thousands format is read as 1200. */
export function countCell(value: string, field: string, max: number): number {
  const plain = value.replace(/,/g, '');
  if (!/^\d{1,9}$/.test(plain) || Number(plain) > max) throw new RowRefused('INVALID', field, `a whole number from 0 to ${max}`);
  return Number(plain);
}

/** 建筑面积: m², exact, at most two decimals, stored as the decimal text (never a float). */
export function areaCell(value: string, field: string): string {
  const centi = parseAreaCenti(value.replace(/,/g, ''));
  if (centi === null || centi <= 0n || centi >= 10n ** 12n) throw new RowRefused('INVALID', field, 'a number of m² greater than 0 with at most two decimals, e.g. 6480.50');
  const s = centi.toString().padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

const YES = new Set(['是', 'Y', 'y', '1', 'TRUE', 'true']);
const NO = new Set(['否', 'N', 'n', '0', 'FALSE', 'false']);

export function yesNoCell(value: string, field: string): boolean {
  if (YES.has(value)) return true;
  if (NO.has(value)) return false;
  throw new RowRefused('INVALID', field, 'write 是 or 否');
}

/** A date as spreadsheets write it (2024-01-01, 2024/1/1, 2024.1.1, 2024年1月1日), as YYYY-MM-DD; a day that does not exist is refused. */
export function dateCell(value: string, field: string): string {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(value);
  const bad = () => new RowRefused('INVALID', field, 'a date such as 2024-01-01');
  if (!m) throw bad();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d || y < 1980 || y > 2100) throw bad();
  return date.toISOString().slice(0, 10);
}

/** Phones as districts write them: digits with -, spaces or brackets, at most 30 characters. */
export function phoneCell(value: string, field: string): string {
  if (!/^[0-9+\-()（）\s]{3,30}$/.test(value)) throw new RowRefused('INVALID', field, 'a phone number (digits, - and brackets), at most 30 characters');
  return value;
}
