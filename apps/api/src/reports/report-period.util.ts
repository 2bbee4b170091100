import { SHANGHAI_UTC_OFFSET_MS } from '@red-butler/domain';

export const REPORT_INTERVALS = ['day', 'week', 'month'] as const;
export type ReportInterval = (typeof REPORT_INTERVALS)[number];

/** A year, leap day included: enough for an annual report, small enough for the raw-table SQL. */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A report period: Shanghai calendar dates, `to` inclusive, as the half-open instant range [start, end). */
export interface ReportPeriod {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

/**
 * One row's time slice. The label is the first day of the calendar day, week (Monday) or month;
 * the slice itself is clipped to the period, so a week that starts before `from` covers only the
 * days inside the period.
 */
export interface ReportBucket {
  label: string;
  start: Date;
  end: Date;
}

/** 'YYYY-MM-DD' → days since 1970-01-01, or null for anything that is not a real date (2026-02-30). */
export function isoDay(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return isoOfDay(ms / DAY_MS) === date ? ms / DAY_MS : null;
}

function isoOfDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 00:00 in Shanghai on that day (China has kept UTC+8 all year since 1991). */
function shanghaiMidnight(day: number): Date {
  return new Date(day * DAY_MS - SHANGHAI_UTC_OFFSET_MS);
}

/** Days in [from, to], both ends counted; null when either is not a date. */
export function periodDays(from: string, to: string): number | null {
  const a = isoDay(from);
  const b = isoDay(to);
  return a === null || b === null ? null : b - a + 1;
}

export function reportPeriod(from: string, to: string): ReportPeriod {
  const a = isoDay(from);
  const b = isoDay(to);
  if (a === null || b === null || b < a) throw new Error(`not a period: ${from}..${to}`);
  return { from, to, start: shanghaiMidnight(a), end: shanghaiMidnight(b + 1) };
}

function bucketStart(day: number, interval: ReportInterval): number {
  switch (interval) {
    case 'day':
      return day;
    case 'week':
      // 1970-01-01 was a Thursday; (day + 3) % 7 is 0 on Mondays, as Postgres' date_trunc('week') counts.
      return day - ((day + 3) % 7);
    case 'month': {
      const d = new Date(day * DAY_MS);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / DAY_MS;
    }
  }
}

function nextBucket(start: number, interval: ReportInterval): number {
  if (interval === 'day') return start + 1;
  if (interval === 'week') return start + 7;
  const d = new Date(start * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
}

/** The period's slices; without an interval, one slice labelled `from` that is the whole period. */
export function reportBuckets(period: ReportPeriod, interval: ReportInterval | null): ReportBucket[] {
  const first = isoDay(period.from) as number;
  const last = isoDay(period.to) as number;
  if (!interval) return [{ label: period.from, start: period.start, end: period.end }];
  const buckets: ReportBucket[] = [];
  for (let b = bucketStart(first, interval); b <= last; b = nextBucket(b, interval)) {
    const end = Math.min(nextBucket(b, interval), last + 1);
    buckets.push({ label: isoOfDay(b), start: shanghaiMidnight(Math.max(b, first)), end: shanghaiMidnight(end) });
  }
  return buckets;
}
