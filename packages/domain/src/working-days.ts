import { compileWorkingCalendar, type WorkingCalendar } from './working-calendar';
import { MINUTE_MS, shanghaiDayNumber, shanghaiMidnight } from './shanghai-time.util';

/**
 * 限期 N 个工作日: the deadline is the end of the office day of the N-th working day after the
 * day `from` falls on (Asia/Shanghai). The day of issue never counts, so a notice issued on Friday
 * evening with 3 working days is due at the end of Wednesday's office hours, however late on
 * Friday it went out; holidays and 调休 come from the same calendar the SLA clocks use.
 */
export function workingDaysDeadline(calendar: WorkingCalendar, from: Date, days: number): Date {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a positive integer, got ${days}`);
  const compiled = compileWorkingCalendar(calendar);
  const lastPeriod = compiled.periods[compiled.periods.length - 1];
  let day = shanghaiDayNumber(from.getTime());
  let counted = 0;
  // A calendar has at most a few weeks of holidays in a row; the bound only guards a broken one.
  for (let guard = 0; counted < days; guard++) {
    if (guard > days * 7 + 366) throw new RangeError('the working calendar has no working days ahead');
    day += 1;
    if (compiled.isWorkingDayNumber(day)) counted += 1;
  }
  return new Date(shanghaiMidnight(day) + lastPeriod[1] * MINUTE_MS);
}
