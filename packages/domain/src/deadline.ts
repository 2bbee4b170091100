import { SLA_CLOCKS, type SlaClock } from './enums';
import { compileWorkingCalendar, type WorkingCalendar } from './working-calendar';
import {
  consumeIntervals,
  durationMs,
  instantMs,
  workingIntervals,
  type TimeInterval,
} from './working-time';

/** A stretch during which the handler stopped the clock (挂起); `to: null` while still paused. */
export interface ClockPause {
  readonly from: Date;
  readonly to: Date | null;
}

export interface DeadlineInput {
  readonly calendar: WorkingCalendar;
  /** Office working time, or plain clock time (emergencies). */
  readonly clock: SlaClock;
  /** When the clock starts (e.g. the report, or the dispatch). */
  readonly start: Date;
  /** The allowed time, in minutes of the chosen clock. */
  readonly minutes: number;
  readonly pauses?: readonly ClockPause[];
}

function pauseIntervals(pauses: readonly ClockPause[]): TimeInterval[] {
  return pauses
    .map((pause, i): TimeInterval => {
      const from = instantMs(pause.from, `pauses[${i}].from`);
      const to = pause.to === null ? Infinity : instantMs(pause.to, `pauses[${i}].to`);
      if (to < from) throw new RangeError(`pauses[${i}] ends before it starts`);
      return [from, to];
    })
    .sort((a, b) => a[0] - b[0]);
}

/** The intervals with the (sorted, possibly overlapping) pauses cut out; stops at an open pause. */
function* withoutPauses(
  intervals: Iterable<TimeInterval>,
  pauses: TimeInterval[],
): Generator<TimeInterval> {
  let next = 0;
  for (const [start, end] of intervals) {
    let cursor = start;
    while (cursor < end) {
      while (next < pauses.length && pauses[next][1] <= cursor) next++;
      const pause = pauses[next];
      if (!pause || pause[0] >= end) {
        yield [cursor, end];
        break;
      }
      if (pause[0] > cursor) yield [cursor, pause[0]];
      if (pause[1] === Infinity) return;
      cursor = pause[1];
    }
  }
}

function timeUntil(input: DeadlineInput, fraction: number): Date | null {
  if (!SLA_CLOCKS.includes(input.clock))
    throw new RangeError(`unknown clock: ${String(input.clock)}`);
  const calendar = compileWorkingCalendar(input.calendar);
  const startMs = instantMs(input.start, 'start');
  const amount = Math.round(durationMs(input.minutes, 'minutes') * fraction);
  const pauses = pauseIntervals(input.pauses ?? []);
  if (amount === 0) return new Date(startMs);

  const counted: Iterable<TimeInterval> =
    input.clock === 'clock' ? [[startMs, Infinity]] : workingIntervals(calendar, startMs);
  const end = consumeIntervals(withoutPauses(counted, pauses), amount);
  return end === null ? null : new Date(end);
}

/**
 * When the allowed time runs out: the earliest instant by which `minutes` of the policy's clock
 * have elapsed after `start`, not counting paused time. Clock time runs through nights and
 * holidays; working time follows the calendar, so a pause only costs the working time it covers
 * (a pause over a weekend pushes nothing).
 *
 * Returns null while the ticket is paused (an open pause began before the time ran out): nobody
 * knows yet when it will resume, so there is no deadline to schedule. Pauses before `start` or
 * after the deadline change nothing, so pausing an overdue ticket does not make it on time again.
 */
export function computeDeadline(input: DeadlineInput): Date | null {
  return timeUntil(input, 1);
}

/**
 * When `fraction` of the allowed time has elapsed (0.8 → the "80% used" warning), by the same
 * rules as computeDeadline, including null while paused.
 */
export function warnAt(input: DeadlineInput, fraction: number): Date | null {
  if (!Number.isFinite(fraction) || fraction < 0)
    throw new RangeError('fraction must be a finite number ≥ 0');
  return timeUntil(input, fraction);
}
