import { maskPhone } from '@red-butler/domain';

/**
 * Personal data in the free text the Open311 feed publishes (descriptions, status notes, addresses).
 *
 * - `mask` (every reader): mobiles in any spelling (13800138000, 138-0013-8000, 138 0013 8000,
 *   +86 138…, (+86)138…) become 138****8000; landlines (0931-8123456, (0931)8123456, 8123456) and
 *   400/800 numbers become [电话]; 15- and 18-digit ID numbers (with a trailing X) become [证件号];
 *   e-mail addresses become ***@***.
 * - `public` (the anonymous feed) also removes where in the compound the resident lives:
 *   building/unit/room spans (3号楼2单元1402室, 3栋1402, 1402室, 三号楼二单元, A座, 2-1402, 3-2-1402)
 *   become [住址], and licence plates (宁A·12345) become [车牌].
 *
 * A hand-written scanner, not regular expressions: it reads every character a bounded number of
 * times, so a hostile description cannot make one request take seconds (issue #11; the old e-mail
 * regex was quadratic on `a.a.a.a…`). Each recogniser looks a constant distance ahead; the only
 * unbounded runs (an e-mail-like word, a group of digits and separators) are consumed whole.
 */
export type RedactMode = 'mask' | 'public';

export const REDACTED_PHONE = '[电话]';
export const REDACTED_ID = '[证件号]';
export const REDACTED_EMAIL = '***@***';
export const REDACTED_ADDRESS = '[住址]';
export const REDACTED_PLATE = '[车牌]';

/** Mobiles, landlines, ID numbers and e-mail addresses masked; everything else as written. */
export function maskPersonalData(text: string): string {
  return redact(text, 'mask');
}

/** What the anonymous feed may show: masked as above, and no building, unit, room or licence plate. */
export function redactForPublic(text: string): string {
  return redact(text, 'public');
}

export function redact(text: string, mode: RedactMode): string {
  const out = new Output(text);
  let from = 0;
  for (const [start, end] of emailSpans(text)) {
    scanSegment(text, from, start, mode, out);
    out.replace(start, end, REDACTED_EMAIL);
    from = end;
  }
  scanSegment(text, from, text.length, mode, out);
  return out.finish();
}

/** The result, as slices of the input and replacements, joined once. */
class Output {
  private readonly parts: string[] = [];
  private copied = 0;

  constructor(private readonly text: string) {}

  replace(start: number, end: number, replacement: string): void {
    if (start > this.copied) this.parts.push(this.text.slice(this.copied, start));
    this.parts.push(replacement);
    this.copied = end;
  }

  finish(): string {
    if (this.copied < this.text.length) this.parts.push(this.text.slice(this.copied));
    return this.parts.join('');
  }
}

const code = (text: string, i: number): number => text.charCodeAt(i);
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isAsciiAlnum = (c: number): boolean => isDigit(c) || isAsciiLetter(c);
const isUpper = (c: number): boolean => c >= 65 && c <= 90;

/** Characters of an e-mail-like word: letters, digits, `._%+-` and `@`. */
function isEmailChar(c: number): boolean {
  return isAsciiAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45 || c === 64;
}

/**
 * Every maximal e-mail-like word that holds `local@domain.tld`, as [start, end). Each character is
 * read at most three times (the word, the trailing punctuation trimmed, the dot looked for).
 */
function emailSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = [];
  let i = 0;
  while (i < text.length) {
    if (!isEmailChar(code(text, i))) {
      i++;
      continue;
    }
    const start = i;
    let at = -1;
    while (i < text.length && isEmailChar(code(text, i))) {
      if (at < 0 && code(text, i) === 64) at = i;
      i++;
    }
    let end = i;
    // A sentence's full stop or a dash after the address is not part of it.
    while (end > start && (code(text, end - 1) === 46 || code(text, end - 1) === 45)) end--;
    if (at > start && at < end - 1) {
      let dot = -1;
      for (let k = end - 2; k > at + 1; k--) {
        if (code(text, k) === 46) {
          dot = k;
          break;
        }
      }
      if (dot > 0) spans.push([start, end]);
    }
  }
  return spans;
}

function scanSegment(text: string, from: number, to: number, mode: RedactMode, out: Output): void {
  let i = from;
  while (i < to) {
    const c = code(text, i);
    if (mode === 'public') {
      const span = addressSpanEnd(text, i, to);
      if (span > i) {
        out.replace(i, span, REDACTED_ADDRESS);
        i = span;
        continue;
      }
      const plate = plateEnd(text, i, to);
      if (plate > i) {
        out.replace(i, plate, REDACTED_PLATE);
        i = plate;
        continue;
      }
    }
    if (isDigit(c) || isGroupOpener(text, i, to)) {
      i = numberGroup(text, i, to, mode, out);
      continue;
    }
    i++;
  }
}

// ---- numbers: phones, ID numbers, 2-1402 -------------------------------------------------------

/** What may stand between the digit groups of one written number: spaces, dashes, brackets. */
function isSeparator(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x3000 || c === 45 || c === 0x2013 || c === 0x2014 || c === 40 || c === 41 || c === 0xff08 || c === 0xff09;
}
const isDash = (c: number): boolean => c === 45 || c === 0x2013 || c === 0x2014;
const isOpenBracket = (c: number): boolean => c === 40 || c === 0xff08;

/** `+8…`, `(0…`, `（+…`: a number that starts with a country-code plus or an area-code bracket. */
function isGroupOpener(text: string, i: number, to: number): boolean {
  let p = i;
  if (p < to && isOpenBracket(code(text, p))) p++;
  if (p < to && code(text, p) === 43) p++;
  return p > i && p < to && isDigit(code(text, p));
}

/** The longest number a recogniser knows (an 18-digit ID number); longer windows are not tried. */
const MAX_DIGITS = 18;
/** The most digit groups one phone or ID number is written in (`+86 (0931) 812 3456`). */
const MAX_RUNS = 5;

/**
 * The digit runs of the group being read, as [start, end) offsets. Kept between calls (the scanner
 * is synchronous and never re-entered), so a text of many short numbers allocates nothing per number.
 */
const runStart: number[] = [];
const runEnd: number[] = [];
let runCount = 0;

const runLength = (k: number): number => runEnd[k] - runStart[k];

/**
 * One written number: digit runs joined by up to three separator characters, e.g. `+86 138-0013-8000`
 * or `13800138000 2`. The runs are read left to right and the longest window of whole runs that
 * forms a phone, ID number (or, in public mode, a 2-1402 room) is replaced; a window holds at most
 * MAX_RUNS runs and MAX_DIGITS digits, so the work stays linear. Returns where reading may go on.
 */
function numberGroup(text: string, start: number, to: number, mode: RedactMode, out: Output): number {
  let p = start;
  if (isOpenBracket(code(text, p))) p++;
  const plus = p < to && code(text, p) === 43;
  if (plus) p++;
  runCount = 0;
  for (;;) {
    const rs = p;
    while (p < to && isDigit(code(text, p))) p++;
    runStart[runCount] = rs;
    runEnd[runCount] = p;
    runCount++;
    let q = p;
    while (q < to && q - p < 3 && isSeparator(code(text, q))) q++;
    if (q > p && q < to && isDigit(code(text, q))) p = q;
    else break;
  }
  // The common case, `3天` or `2室`: one short number is nobody's phone.
  if (runCount === 1 && runLength(0) < 7) return p;
  let consumed = p;
  let s = 0;
  while (s < runCount) {
    let bestE = -1;
    let bestEnd = 0;
    let bestReplacement = '';
    let n = 0;
    for (let e = s; e < runCount && e - s < MAX_RUNS; e++) {
      n += runLength(e);
      if (n > MAX_DIGITS) break;
      // Nothing shorter than a 7-digit local number is personal data, except a 2-1402 room.
      if (n < 7 && (mode === 'mask' || e === s)) continue;
      const found = classify(text, s, e, n, plus && s === 0, mode, to);
      if (found) {
        bestE = e;
        bestEnd = runEnd[e] + found.extra;
        bestReplacement = found.replacement;
      }
    }
    if (bestE >= 0) {
      // The group's opening bracket or plus belongs to the match ((0931)8123456, +86 138…), unless
      // the bracket is not closed inside it (（138 0013 8000）): then it stays as punctuation.
      let from = s === 0 ? start : runStart[s];
      if (from === start && isOpenBracket(code(text, start)) && !closedWithin(text, start, bestEnd)) from = start + 1;
      out.replace(from, bestEnd, bestReplacement);
      // A match may take one character after the group: the X of an ID number, the 室 after 2-1402.
      consumed = Math.max(consumed, bestEnd);
      s = bestE + 1;
    } else {
      s++;
    }
  }
  return consumed;
}

/** A closing bracket in [from, to): a match spans at most MAX_RUNS runs, so this reads a bounded stretch. */
function closedWithin(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (code(text, k) === 41 || code(text, k) === 0xff09) return true;
  return false;
}

function isRoomSuffixChar(c: number): boolean {
  return c === 0x5ba4 /* 室 */ || c === 0x53f7 /* 号 */ || c === 0x6237 /* 户 */;
}

/** 17 digits in the window s..e, then X: an ID number whose check digit is X. */
function idWithX(text: string, e: number, to: number): boolean {
  const after = runEnd[e];
  if (after >= to) return false;
  const c = code(text, after);
  return c === 88 || c === 120;
}

function dashOnlyBetween(text: string, s: number, e: number): boolean {
  for (let k = s; k < e; k++) {
    if (runStart[k + 1] - runEnd[k] !== 1 || !isDash(code(text, runEnd[k]))) return false;
  }
  return true;
}

/** 2-1402 (unit or building, room) and 3-2-1402 (building, unit, room). */
function isDashRoom(text: string, s: number, e: number): boolean {
  if (e - s < 1 || e - s > 2) return false;
  const room = runLength(e);
  if (room < 3 || room > 4) return false;
  for (let k = s; k < e; k++) if (runLength(k) > 2) return false;
  return dashOnlyBetween(text, s, e);
}

/** The k-th digit (0-based) of the window starting at run s, as a char code; windows span at most MAX_RUNS runs. */
function digitAt(text: string, s: number, k: number): number {
  let r = s;
  while (k >= runLength(r)) k -= runLength(r++);
  return code(text, runStart[r] + k);
}

/** The window's digits as one string; only built for a match that keeps some of them (a masked mobile). */
function windowDigits(text: string, s: number, e: number): string {
  let digits = '';
  for (let k = s; k <= e; k++) digits += text.slice(runStart[k], runEnd[k]);
  return digits;
}

const D0 = 48;
const isMobileLead = (text: string, s: number, k: number): boolean => digitAt(text, s, k) === D0 + 1 && digitAt(text, s, k + 1) >= D0 + 3;

/**
 * What the window of runs s..e holding n digits is, if anything. Reads single digits rather than
 * building strings: a hostile text of endless digit groups must cost little more than prose.
 */
function classify(text: string, s: number, e: number, n: number, plus: boolean, mode: RedactMode, to: number): { replacement: string; extra: number } | null {
  const last = e === runCount - 1;
  if (n === 18 || (n === 15 && s === e)) return { replacement: REDACTED_ID, extra: 0 };
  if (n === 17 && last && idWithX(text, e, to)) return { replacement: REDACTED_ID, extra: 1 };
  const d0 = digitAt(text, s, 0);
  // A mobile, bare or after 86 / 0086.
  let mobileAt = -1;
  if (n === 11 && isMobileLead(text, s, 0)) mobileAt = 0;
  else if (n === 13 && d0 === D0 + 8 && digitAt(text, s, 1) === D0 + 6 && isMobileLead(text, s, 2)) mobileAt = 2;
  else if (n === 15 && d0 === D0 && digitAt(text, s, 1) === D0 && digitAt(text, s, 2) === D0 + 8 && digitAt(text, s, 3) === D0 + 6 && isMobileLead(text, s, 4)) mobileAt = 4;
  if (mobileAt >= 0) return { replacement: maskPhone(windowDigits(text, s, e).slice(mobileAt)) ?? REDACTED_PHONE, extra: 0 };
  // A landline with its area code (0931-8123456), or after +86 without the 0.
  if (d0 === D0 && n >= 10 && n <= 12) return { replacement: REDACTED_PHONE, extra: 0 };
  if (plus && d0 === D0 + 8 && digitAt(text, s, 1) === D0 + 6 && n >= 11 && n <= 13) return { replacement: REDACTED_PHONE, extra: 0 };
  // 400-123-4567 and 800 numbers.
  if (n === 10 && (d0 === D0 + 4 || d0 === D0 + 8) && digitAt(text, s, 1) === D0 && digitAt(text, s, 2) === D0) return { replacement: REDACTED_PHONE, extra: 0 };
  if (mode === 'public' && isDashRoom(text, s, e)) {
    const after = runEnd[e];
    return { replacement: REDACTED_ADDRESS, extra: last && after < to && isRoomSuffixChar(code(text, after)) ? 1 : 0 };
  }
  // A local number without its area code: 8123456, 812-3456.
  if (d0 >= D0 + 2 && s === e && n >= 7 && n <= 8) return { replacement: REDACTED_PHONE, extra: 0 };
  if (d0 >= D0 + 2 && e === s + 1 && dashOnlyBetween(text, s, e)) {
    const a = runLength(s);
    if (a >= 3 && a <= 4 && runLength(e) === 4) return { replacement: REDACTED_PHONE, extra: 0 };
  }
  return null;
}

// ---- places: building, unit, room ------------------------------------------------------------

const codes = (chars: string): Set<number> => new Set([...chars].map((ch) => ch.charCodeAt(0)));
const CHINESE_NUMERALS = codes('零〇一二两三四五六七八九十百');
/** A building numbered in words has at most this many numerals (九十九号楼). */
const MAX_NUMERALS = 4;
const BUILDING_SUFFIXES = ['号楼', '#楼', '栋', '幢', '座', '#'];
const UNIT_SUFFIXES = ['单元'];
const ROOM_SUFFIXES = ['号房', '室', '户'];
const FLOOR_SUFFIXES = ['层', '楼'];

function suffixAt(text: string, i: number, to: number, suffixes: string[]): number {
  for (const s of suffixes) if (i + s.length <= to && text.startsWith(s, i)) return s.length;
  return 0;
}

/**
 * One component of a home address starting at i: `3号楼`, `三栋`, `A座`, `2单元`, `1402室`; inside
 * a span also a floor (`14楼`) or a bare room number right after the building (`3栋1402`). Returns
 * its end, or -1. Reads at most a dozen characters.
 */
function componentEnd(text: string, i: number, to: number, inSpan: boolean, attached: boolean): number {
  if (i >= to) return -1;
  const c = code(text, i);
  if (isDigit(c)) {
    if (i > 0 && isDigit(code(text, i - 1))) return -1;
    let p = i;
    while (p < to && p - i <= 5 && isDigit(code(text, p))) p++;
    const d = p - i;
    if (d > 5) return -1;
    let k = suffixAt(text, p, to, BUILDING_SUFFIXES);
    if (k && d <= 4) return p + k;
    k = suffixAt(text, p, to, UNIT_SUFFIXES);
    if (k && d <= 2) return p + k;
    k = suffixAt(text, p, to, ROOM_SUFFIXES);
    if (k && (d >= 3 || inSpan)) return p + k;
    if (!inSpan) return -1;
    k = suffixAt(text, p, to, FLOOR_SUFFIXES);
    if (k && d <= 2) return p + k;
    if (attached && d >= 3 && d <= 4) return p;
    return -1;
  }
  if (CHINESE_NUMERALS.has(c)) {
    // Tried once per run of numerals, at its first one: the whole run is the number or nothing.
    if (i > 0 && CHINESE_NUMERALS.has(code(text, i - 1))) return -1;
    let p = i;
    while (p < to && CHINESE_NUMERALS.has(code(text, p))) p++;
    if (p - i > MAX_NUMERALS) return -1;
    let k = suffixAt(text, p, to, BUILDING_SUFFIXES);
    if (!k) k = suffixAt(text, p, to, UNIT_SUFFIXES);
    if (!k && inSpan) k = suffixAt(text, p, to, FLOOR_SUFFIXES);
    return k && text[p + k - 1] !== '#' ? p + k : -1;
  }
  if (isAsciiLetter(c) && !(i > 0 && isAsciiAlnum(code(text, i - 1)))) {
    let p = i + 1;
    while (p < to && p - i <= 2 && isDigit(code(text, p))) p++;
    if (p < to && isAsciiLetter(code(text, p))) return -1;
    const k = suffixAt(text, p, to, ['号楼', '栋', '幢', '座']);
    return k ? p + k : -1;
  }
  return -1;
}

/** A run of address components from i (3号楼2单元1402室, 3栋 2单元, 6号楼301); i itself when none starts there. */
function addressSpanEnd(text: string, i: number, to: number): number {
  let end = componentEnd(text, i, to, false, false);
  if (end < 0) return i;
  for (;;) {
    let next = componentEnd(text, end, to, true, true);
    if (next < 0 && end < to) {
      const c = code(text, end);
      const connector = c === 32 || isDash(c);
      if (connector) next = componentEnd(text, end + 1, to, true, isDash(c));
    }
    if (next < 0) return end;
    end = next;
  }
}

const PLATE_PROVINCES = codes('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');

/** 宁A12345, 宁A·12345, 京AD12345 (new-energy): a province, a letter, an optional dot, 5–6 letters or digits. */
function plateEnd(text: string, i: number, to: number): number {
  if (!PLATE_PROVINCES.has(code(text, i)) || i + 1 >= to || !isUpper(code(text, i + 1))) return i;
  let p = i + 2;
  if (p < to && (code(text, p) === 0xb7 /* · */ || code(text, p) === 0x2022 /* • */ || code(text, p) === 32 || code(text, p) === 46)) p++;
  const body = p;
  while (p < to && p - body < 7 && (isDigit(code(text, p)) || isUpper(code(text, p)))) p++;
  const n = p - body;
  if (n < 5 || n > 6) return i;
  return p;
}
