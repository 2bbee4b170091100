import { MINUTE_MS, shanghaiDayNumber, shanghaiMidnight } from './shanghai-time.util';
import {
  compileWorkingCalendar,
  type CompiledWorkingCalendar,
  type WorkingCalendar,
} from './working-calendar';

/** [start, end) in epoch milliseconds; `end` may be Infinity. */
export type TimeInterval = readonly [number, number];

export function instantMs(instant: Date, name: string): number {
  const ms = instant instanceof Date ? instant.getTime() : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`${name} must be a valid Date`);
  return ms;
}

/** Minutes → whole milliseconds, so that fractions (80% of 7 minutes) do not drift. */
export function durationMs(minutes: number, name: string): number {
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`${name} must be a finite number ≥ 0`);
  return Math.round(minutes * MINUTE_MS);
}

/**
 * The working periods from `fromMs` on, in order, the first one clipped to start at `fromMs`.
 * Endless: every calendar has working days after its last listed holiday.
 */
export function* workingIntervals(
  calendar: CompiledWorkingCalendar,
  fromMs: number,
): Generator<TimeInterval> {
  for (let day = shanghaiDayNumber(fromMs); ; day++) {
    if (!calendar.isWorkingDayNumber(day)) continue;
    const midnight = shanghaiMidnight(day);
    for (const [startMinute, endMinute] of calendar.periods) {
      const end = midnight + endMinute * MINUTE_MS;
      if (end <= fromMs) continue;
      yield [Math.max(fromMs, midnight + startMinute * MINUTE_MS), end];
    }
  }
}

/**
 * The earliest instant by which `amountMs` of the intervals have gone by, or null when they run
 * out first. Taking the earliest instant is what keeps a deadline out of the lunch break and the
 * night: the last working minute ending at 17:30 gives 17:30, not the next morning.
 */
export function consumeIntervals(
  intervals: Iterable<TimeInterval>,
  amountMs: number,
): number | null {
  let remaining = amountMs;
  for (const [start, end] of intervals) {
    if (remaining <= end - start) return start + remaining;
    remaining -= end - start;
  }
  return null;
}

/**
 * The instant at which `minutes` of working time have elapsed after `start`. A report made at
 * night or during lunch starts counting when work resumes; zero minutes is `start` itself.
 */
export function addWorkingMinutes(calendar: WorkingCalendar, start: Date, minutes: number): Date {
  const compiled = compileWorkingCalendar(calendar);
  const startMs = instantMs(start, 'start');
  const amount = durationMs(minutes, 'minutes');
  if (amount === 0) return new Date(startMs);
  return new Date(consumeIntervals(workingIntervals(compiled, startMs), amount) as number);
}

/**
 * Working minutes from `from` to `to`, the inverse of addWorkingMinutes. Fractional when the
 * instants are not on whole minutes; negative when `to` is before `from`, so that
 * `workingMinutesBetween(cal, deadline, resolvedAt)` reads as "minutes late".
 */
export function workingMinutesBetween(calendar: WorkingCalendar, from: Date, to: Date): number {
  const compiled = compileWorkingCalendar(calendar);
  const fromMs = instantMs(from, 'from');
  const toMs = instantMs(to, 'to');
  if (toMs < fromMs) return -workingMsBetween(compiled, toMs, fromMs) / MINUTE_MS;
  return workingMsBetween(compiled, fromMs, toMs) / MINUTE_MS;
}

function workingMsBetween(calendar: CompiledWorkingCalendar, fromMs: number, toMs: number): number {
  let total = 0;
  for (const [start, end] of workingIntervals(calendar, fromMs)) {
    if (start >= toMs) break;
    total += Math.min(end, toMs) - start;
  }
  return total;
}

/** When counting starts for something that happens at `at`: `at` itself if the office is working. */
export function nextWorkingInstant(calendar: WorkingCalendar, at: Date): Date {
  const compiled = compileWorkingCalendar(calendar);
  const first = workingIntervals(compiled, instantMs(at, 'at')).next();
  return new Date((first.value as TimeInterval)[0]);
}
