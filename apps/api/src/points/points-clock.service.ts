import { Injectable } from '@nestjs/common';

/**
 * The time the points rules read (daily caps). A provider, not `new Date()` in place, so tests set
 * the instant and prove the cap's day boundary without depending on today's date.
 */
@Injectable()
export class PointsClock {
  now(): Date {
    return new Date();
  }
}

/** The calendar day in Asia/Shanghai (UTC+8 all year, no DST) as YYYY-MM-DD: the unit of a daily cap. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
