import { isoDateToDayNumber, weekdayOfDayNumber } from './shanghai-time.util';

/**
 * When an office works, in Asia/Shanghai wall-clock time. Plain JSON so that the API can keep it
 * in Postgres and an admin can edit it (the State Council publishes each year's holidays and 调休
 * only in the November before).
 *
 * A day is a working day when it is listed in `workingWeekends`, or when it is Monday–Friday and
 * not listed in `holidays`. Days outside the years the lists cover therefore fall back to
 * "weekends off, weekdays on", the only rule known before the State Council's notice: an unlisted
 * holiday counts as a working day (deadlines come early, never silently late) until an admin adds
 * that year's schedule.
 */
export interface WorkingCalendar {
  /** 'HH:MM', e.g. '08:30'. */
  readonly workdayStart: string;
  /** 'HH:MM', after `workdayStart` on the same day. */
  readonly workdayEnd: string;
  /** Optional lunch break, 'HH:MM', strictly inside the working day; give both or neither. */
  readonly lunchStart?: string;
  readonly lunchEnd?: string;
  /**
   * 'YYYY-MM-DD' days off. Only weekdays change anything; Saturdays and Sundays inside a holiday
   * range may be listed too, so the list can be compared line by line with the notice.
   */
  readonly holidays: readonly string[];
  /** 'YYYY-MM-DD' Saturdays and Sundays that are workdays (调休上班). */
  readonly workingWeekends: readonly string[];
}

export class InvalidWorkingCalendarError extends RangeError {
  constructor(readonly problems: readonly string[]) {
    super(`invalid working calendar: ${problems.join('; ')}`);
    this.name = 'InvalidWorkingCalendarError';
  }
}

/** A validated calendar in the form the arithmetic uses. */
export interface CompiledWorkingCalendar {
  /** Working periods of a working day, [start, end) in minutes after midnight, in order. */
  readonly periods: ReadonlyArray<readonly [number, number]>;
  isWorkingDayNumber(dayNumber: number): boolean;
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOfDay(time: unknown): number | null {
  if (typeof time !== 'string') return null;
  const match = HH_MM.exec(time);
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function timeProblems(calendar: WorkingCalendar): string[] {
  const start = minutesOfDay(calendar.workdayStart);
  const end = minutesOfDay(calendar.workdayEnd);
  const problems: string[] = [];
  if (start === null)
    problems.push(`workdayStart must be HH:MM, got ${String(calendar.workdayStart)}`);
  if (end === null) problems.push(`workdayEnd must be HH:MM, got ${String(calendar.workdayEnd)}`);
  if (start !== null && end !== null && end <= start)
    problems.push('workdayEnd must be after workdayStart');
  if (calendar.lunchStart === undefined && calendar.lunchEnd === undefined) return problems;

  const lunchStart = minutesOfDay(calendar.lunchStart);
  const lunchEnd = minutesOfDay(calendar.lunchEnd);
  if (lunchStart === null || lunchEnd === null) {
    problems.push('lunchStart and lunchEnd must both be HH:MM, or both be left out');
    return problems;
  }
  if (
    start !== null &&
    end !== null &&
    !(start < lunchStart && lunchStart < lunchEnd && lunchEnd < end)
  ) {
    problems.push(
      'the lunch break must lie strictly inside the working day and end after it starts',
    );
  }
  return problems;
}

function dateListProblems(name: string, dates: unknown): string[] {
  if (!Array.isArray(dates)) return [`${name} must be a list of YYYY-MM-DD dates`];
  return dates
    .filter((date) => typeof date !== 'string' || isoDateToDayNumber(date) === null)
    .map((date) => `${name} contains ${String(date)}, which is not a YYYY-MM-DD date`);
}

/**
 * Everything wrong with a calendar, for the admin screen; empty when it is usable. The weekday
 * check catches the commonest slip when copying the notice (a 调休 Sunday typed as the Monday).
 */
export function workingCalendarProblems(calendar: WorkingCalendar): string[] {
  const problems = [
    ...timeProblems(calendar),
    ...dateListProblems('holidays', calendar.holidays),
    ...dateListProblems('workingWeekends', calendar.workingWeekends),
  ];
  if (problems.length > 0) return problems;

  const holidays = new Set(calendar.holidays);
  for (const date of calendar.workingWeekends) {
    const weekday = weekdayOfDayNumber(isoDateToDayNumber(date) as number);
    if (weekday !== 0 && weekday !== 6)
      problems.push(`workingWeekends contains ${date}, which is not a Saturday or Sunday`);
    if (holidays.has(date))
      problems.push(`${date} is listed both as a holiday and as a working weekend`);
  }
  return problems;
}

// Callers keep one calendar object for a while (the API caches it), and every deadline needs the
// compiled form: validating and indexing ~30 dates per call was a measurable share of an intake.
// Calendars are treated as immutable values, so the object itself is the cache key.
const compiledCache = new WeakMap<WorkingCalendar, CompiledWorkingCalendar>();

/** Validates and indexes a calendar; throws InvalidWorkingCalendarError rather than guess. */
export function compileWorkingCalendar(calendar: WorkingCalendar): CompiledWorkingCalendar {
  const cached = compiledCache.get(calendar);
  if (cached) return cached;
  const compiled = compileUncached(calendar);
  compiledCache.set(calendar, compiled);
  return compiled;
}

function compileUncached(calendar: WorkingCalendar): CompiledWorkingCalendar {
  const problems = workingCalendarProblems(calendar);
  if (problems.length > 0) throw new InvalidWorkingCalendarError(problems);

  const start = minutesOfDay(calendar.workdayStart) as number;
  const end = minutesOfDay(calendar.workdayEnd) as number;
  const lunchStart = minutesOfDay(calendar.lunchStart);
  const lunchEnd = minutesOfDay(calendar.lunchEnd);
  const periods: Array<readonly [number, number]> =
    lunchStart === null || lunchEnd === null
      ? [[start, end]]
      : [
          [start, lunchStart],
          [lunchEnd, end],
        ];

  const holidays = new Set(calendar.holidays.map((date) => isoDateToDayNumber(date) as number));
  const workingWeekends = new Set(
    calendar.workingWeekends.map((date) => isoDateToDayNumber(date) as number),
  );
  return {
    periods,
    isWorkingDayNumber(dayNumber) {
      if (workingWeekends.has(dayNumber)) return true;
      const weekday = weekdayOfDayNumber(dayNumber);
      return weekday !== 0 && weekday !== 6 && !holidays.has(dayNumber);
    },
  };
}

/** Whether 'YYYY-MM-DD' is a working day under this calendar (see WorkingCalendar for the rule). */
export function isWorkingDay(calendar: WorkingCalendar, date: string): boolean {
  const dayNumber = isoDateToDayNumber(date);
  if (dayNumber === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return compileWorkingCalendar(calendar).isWorkingDayNumber(dayNumber);
}
