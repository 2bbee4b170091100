// Asia/Shanghai has been UTC+8 all year round since China stopped observing daylight saving time
// in 1991, so a fixed offset is exact for every instant this service handles. Using it instead of
// Intl or a tz library keeps the package dependency-free and gives the same answer in Node and in
// the mini-program runtime, whose Intl time-zone support is not guaranteed.
export const SHANGHAI_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

export const MINUTE_MS = 60 * 1000;
export const DAY_MS = 24 * 60 * MINUTE_MS;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The Shanghai calendar day containing `ms`, counted in days since 1970-01-01. */
export function shanghaiDayNumber(ms: number): number {
  return Math.floor((ms + SHANGHAI_UTC_OFFSET_MS) / DAY_MS);
}

/** The instant of 00:00 in Shanghai on that day. */
export function shanghaiMidnight(dayNumber: number): number {
  return dayNumber * DAY_MS - SHANGHAI_UTC_OFFSET_MS;
}

export function dayNumberToIsoDate(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 'YYYY-MM-DD' → day number, or null for anything that is not a real calendar date (2026-02-30). */
export function isoDateToDayNumber(date: string): number | null {
  const match = ISO_DATE.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  // Date.UTC rolls 02-30 over to 03-02; a round trip catches it.
  if (dayNumberToIsoDate(ms / DAY_MS) !== date) return null;
  return ms / DAY_MS;
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOfDayNumber(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCDay();
}

/** The Shanghai calendar date of an instant, 'YYYY-MM-DD' (e.g. to group tickets by day). */
export function shanghaiDate(instant: Date): string {
  return dayNumberToIsoDate(shanghaiDayNumber(instant.getTime()));
}
