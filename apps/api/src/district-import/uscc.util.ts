/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set 0-9 A-H J-N P-R T-U W-Y
 * (I, O, S, V and Z are never used, so they cannot be misread as 1, 0, 5, U and 2). The last one is a
 * check character over the first 17: weights 3^i mod 31, check = 31 − (Σ mod 31), 31 written as 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export type UsccProblem = 'length' | 'characters' | 'check_digit';

/** The check character the 17-character body calls for. */
export function usccCheckChar(body: string): string {
  const sum = [...body].reduce((s, ch, i) => s + CHARSET.indexOf(ch) * WEIGHTS[i], 0);
  return CHARSET[(31 - (sum % 31)) % 31];
}

/** null when the code is valid; else what is wrong with it. Upper-case input expected (see normaliseUscc). */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length';
  if (!SHAPE.test(code)) return 'characters';
  return usccCheckChar(code.slice(0, 17)) === code[17] ? null : 'check_digit';
}

/** Spreadsheets carry codes with spaces and in lower case; the register writes them upper case. */
export function normaliseUscc(raw: string): string {
  return raw.replace(/[\s\u3000]/g, '').toUpperCase();
}

export const USCC_PROBLEM_TEXT: Record<UsccProblem, string> = {
  length: 'must be 18 characters',
  characters: 'only digits and capital letters except I, O, S, V, Z; characters 3–8 are the area code (digits)',
  check_digit: 'the check character (the 18th) does not match (GB 32100-2015): a typing error?',
};
