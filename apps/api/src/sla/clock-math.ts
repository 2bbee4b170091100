import { addWorkingMinutes, workingMinutesBetween, type SlaClock, type WorkingCalendar } from '@red-butler/domain';

const MINUTE = 60_000;

/** `minutes` of the policy's clock after `from`: working minutes on the calendar, or plain minutes. */
export function addClockMinutes(calendar: WorkingCalendar, clock: SlaClock, from: Date, minutes: number): Date {
  if (clock === 'clock') return new Date(from.getTime() + Math.round(minutes * MINUTE));
  return addWorkingMinutes(calendar, from, minutes);
}

/** Minutes of the policy's clock between two instants (negative when `to` is before `from`). */
export function clockMinutesBetween(calendar: WorkingCalendar, clock: SlaClock, from: Date, to: Date): number {
  if (clock === 'clock') return (to.getTime() - from.getTime()) / MINUTE;
  if (to < from) return -workingMinutesBetween(calendar, to, from);
  return workingMinutesBetween(calendar, from, to);
}
