import { types } from 'pg';

const TIMESTAMPTZ_OID = 1184;
const fallback = types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (text: string) => Date | number | null;

const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const two = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);
const isDigit = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * A timestamptz read from PostgreSQL in UTC. It is a Date in every respect, except that JSON gets
 * its ISO text from the digits PostgreSQL sent instead of from Date.prototype.toJSON: under the reads
 * bench a list answer of 20 rows holds ~140 instants, and JSON.stringify spent two thirds of its time
 * on them (140 → 55 µs an answer, issue #14). A Date changed after parsing (setHours …) no longer has
 * the instant it was read with and goes back to the Date's own toJSON, so the text never goes stale.
 */
export class PgTimestamp extends Date {
  /** `2026-12-05 15:04:05`: date and time of day in UTC, as PostgreSQL printed them. */
  readonly #wallClock: string | undefined;
  readonly #readAt: number;

  /** Without the wall clock (a library copying a Date as `new value.constructor(+value)`) it is a plain Date. */
  constructor(ms: number, wallClock?: string) {
    super(ms);
    this.#wallClock = typeof wallClock === 'string' ? wallClock : undefined;
    this.#readAt = ms;
  }

  override toJSON(): string {
    if (this.#wallClock === undefined || this.getTime() !== this.#readAt) return super.toJSON();
    const ms = ((this.#readAt % 1000) + 1000) % 1000;
    return `${this.#wallClock.slice(0, 10)}T${this.#wallClock.slice(11)}.${ms < 10 ? '00' : ms < 100 ? '0' : ''}${ms}Z`;
  }
}

/**
 * A timestamptz as PostgreSQL writes it (DateStyle ISO): `2026-12-05 15:04:05.123456+08`, the
 * offset as ±HH, ±HH:MM or ±HH:MM:SS. Every list row carries nine of them, and pg's own parser (a
 * regular expression per value) was a twentieth of the API's CPU under the reads bench (issue #14).
 * Anything else — infinity, BC, a year before 1000 — goes to pg's parser, which this one agrees with
 * to the millisecond (test/timestamptz-parser.e2e-spec.ts compares them on what PostgreSQL prints).
 */
export function parseTimestamptz(text: string): Date | number | null {
  const n = text.length;
  if (n < 22 || text[4] !== '-' || text[7] !== '-' || text[10] !== ' ' || text[13] !== ':' || text[16] !== ':' || !isDigit(text, 0) || text[0] === '0') {
    return fallback(text);
  }
  let i = 19;
  let ms = 0;
  if (text[i] === '.') {
    i += 1;
    let scale = 100;
    while (i < n && isDigit(text, i)) {
      ms += digit(text, i) * scale;
      scale /= 10;
      i += 1;
    }
    ms = Math.floor(ms);
  }
  const sign = text[i] === '+' ? 1 : text[i] === '-' ? -1 : 0;
  if (sign === 0 || !isDigit(text, i + 1) || !isDigit(text, i + 2)) return fallback(text);
  let offsetSeconds = two(text, i + 1) * 3600;
  i += 3;
  if (text[i] === ':') {
    offsetSeconds += two(text, i + 1) * 60;
    i += 3;
    if (text[i] === ':') {
      offsetSeconds += two(text, i + 1);
      i += 3;
    }
  }
  if (i !== n) return fallback(text);
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + two(text, 2);
  const utc = Date.UTC(year, two(text, 5) - 1, two(text, 8), two(text, 11), two(text, 14), two(text, 17), ms);
  // A session in UTC (the servers we ship): the printed wall clock is the ISO text's.
  if (offsetSeconds === 0) return new PgTimestamp(utc, text.slice(0, 19));
  return new Date(utc - sign * offsetSeconds * 1000);
}

/** For a pg pool's `types`: the parser above for timestamptz, pg's own for everything else. */
export const pgTypes = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ_OID && format !== 'binary' ? parseTimestamptz : types.getTypeParser(oid, format ?? 'text'),
};
