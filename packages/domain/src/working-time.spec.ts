import { DEFAULT_WORKING_CALENDAR } from './default-working-calendar.data';
import type { WorkingCalendar } from './working-calendar';
import { addWorkingMinutes, nextWorkingInstant, workingMinutesBetween } from './working-time';

// The default calendar works 08:30–12:00 (210 min) and 13:30–17:30 (240 min): 450 min a day.
const cal = DEFAULT_WORKING_CALENDAR;

/** '2026-03-06 16:00' in Shanghai → Date. */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
/** Date → '2026-03-06 16:00' in Shanghai, so that failures read like the cases. */
const sh = (d: Date): string =>
  new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
const add = (local: string, minutes: number): string =>
  sh(addWorkingMinutes(cal, at(local), minutes));

describe('addWorkingMinutes: ordinary weeks', () => {
  it('crosses a weekend: Fri 16:00 + 4 working hours → Mon 11:00', () => {
    // Fri 16:00–17:30 = 90; 240 − 90 = 150 left; Sat, Sun off; Mon 08:30 + 150 = 11:00.
    expect(add('2026-03-06 16:00', 240)).toBe('2026-03-09 11:00');
  });

  it('stays inside one morning', () => {
    // Tue 09:00 + 60 = 10:00.
    expect(add('2026-03-10 09:00', 60)).toBe('2026-03-10 10:00');
  });

  it('starts a report made at night on the next working morning', () => {
    // Tue 22:30: nothing counts until Wed 08:30; 08:30 + 60 = 09:30.
    expect(add('2026-03-10 22:30', 60)).toBe('2026-03-11 09:30');
    // Wed 02:00 (after midnight): the same morning, 08:30 + 60 = 09:30.
    expect(add('2026-03-11 02:00', 60)).toBe('2026-03-11 09:30');
    // Sat 23:00: Sunday is off too; Mon 08:30 + 60 = 09:30.
    expect(add('2026-03-07 23:00', 60)).toBe('2026-03-09 09:30');
  });

  it('starts a report made during lunch at 13:30', () => {
    // Tue 12:15: nothing counts until 13:30; 13:30 + 60 = 14:30.
    expect(add('2026-03-10 12:15', 60)).toBe('2026-03-10 14:30');
  });

  it('ends at 12:00 when the morning is used up exactly, and skips lunch by one more minute', () => {
    // 11:00–12:00 = 60 → 12:00, not 13:30.
    expect(add('2026-03-10 11:00', 60)).toBe('2026-03-10 12:00');
    // 11:00–12:00 = 60, 1 left → 13:30 + 1 = 13:31.
    expect(add('2026-03-10 11:00', 61)).toBe('2026-03-10 13:31');
  });

  it('ends at 17:30 when the day is used up exactly, and moves to the next morning by one more minute', () => {
    // Mon 08:30 + 210 (morning) + 240 (afternoon) = 450 → Mon 17:30.
    expect(add('2026-03-09 08:30', 450)).toBe('2026-03-09 17:30');
    // 17:00–17:30 = 30 → 17:30.
    expect(add('2026-03-09 17:00', 30)).toBe('2026-03-09 17:30');
    // 17:00–17:30 = 30, 1 left → Tue 08:30 + 1 = 08:31.
    expect(add('2026-03-09 17:00', 31)).toBe('2026-03-10 08:31');
    // A report at exactly 17:30 counts from the next morning: Tue 08:30 + 1 = 08:31.
    expect(add('2026-03-09 17:30', 1)).toBe('2026-03-10 08:31');
  });

  it('returns the start itself for zero minutes, even at night', () => {
    expect(add('2026-03-10 22:30', 0)).toBe('2026-03-10 22:30');
  });

  it('counts fractions of a minute to the millisecond', () => {
    // 09:00 + 0.5 min = 09:00:30.
    expect(addWorkingMinutes(cal, at('2026-03-10 09:00'), 0.5)).toEqual(at('2026-03-10 09:00:30'));
  });

  it('refuses negative or non-finite minutes and an invalid Date', () => {
    expect(() => addWorkingMinutes(cal, at('2026-03-10 09:00'), -1)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, at('2026-03-10 09:00'), NaN)).toThrow(RangeError);
    expect(() => addWorkingMinutes(cal, new Date('nonsense'), 60)).toThrow(RangeError);
  });
});

describe('addWorkingMinutes: National Day 2026 (10-01 to 10-07 off, Sun 09-20 and Sat 10-10 worked)', () => {
  it('Wed 09-30 10:00 + 1 working day (450) skips the whole week → Thu 10-08 10:00', () => {
    // 09-30: 10:00–12:00 = 120, 13:30–17:30 = 240 → 360; 90 left; 10-01…10-07 off;
    // Thu 10-08 08:30 + 90 = 10:00.
    expect(add('2026-09-30 10:00', 450)).toBe('2026-10-08 10:00');
  });

  it('a report at 18:00 on 09-30 starts counting on 10-08', () => {
    // 10-08 08:30 + 60 = 09:30.
    expect(add('2026-09-30 18:00', 60)).toBe('2026-10-08 09:30');
  });

  it('3 working days from 09-30 08:30 end exactly at Fri 10-09 17:30, one more minute is Sat 10-10', () => {
    // 09-30 = 450, 10-08 = 450, 10-09 = 450 → 1350 ends at 10-09 17:30.
    expect(add('2026-09-30 08:30', 1350)).toBe('2026-10-09 17:30');
    // 1351: the next working day is the 调休 Saturday 10-10: 08:30 + 1 = 08:31.
    expect(add('2026-09-30 08:30', 1351)).toBe('2026-10-10 08:31');
  });

  it('Fri 10-09 16:00 + 4 working hours lands on the 调休 Saturday, not on Monday', () => {
    // Fri 16:00–17:30 = 90; 150 left; Sat 10-10 is a workday: 08:30 + 150 = 11:00.
    expect(add('2026-10-09 16:00', 240)).toBe('2026-10-10 11:00');
  });

  it('a report on Sat 09-19 is handled on the 调休 Sunday 09-20', () => {
    // Sat 09-19 off; Sun 09-20 worked: 08:30 + 60 = 09:30.
    expect(add('2026-09-19 10:00', 60)).toBe('2026-09-20 09:30');
  });
});

describe('addWorkingMinutes: Spring Festival 2026 (02-15 to 02-23 off, Sat 02-14 and Sat 02-28 worked)', () => {
  it('Fri 02-13 16:00 + 4 working hours → the 调休 Saturday 02-14 11:00', () => {
    // Fri 16:00–17:30 = 90; 150 left; Sat 02-14 08:30 + 150 = 11:00.
    expect(add('2026-02-13 16:00', 240)).toBe('2026-02-14 11:00');
  });

  it('Sat 02-14 17:00 + 2 working hours jumps the nine days off → Tue 02-24 10:00', () => {
    // 17:00–17:30 = 30; 90 left; 02-15…02-23 off; Tue 02-24 08:30 + 90 = 10:00.
    expect(add('2026-02-14 17:00', 120)).toBe('2026-02-24 10:00');
  });

  it('Fri 02-13 10:00 + 3 working days → Wed 02-25 10:00', () => {
    // 02-13: 120 + 240 = 360 (990 left); Sat 02-14: 450 (540 left); 02-15…02-23 off;
    // Tue 02-24: 450 (90 left); Wed 02-25 08:30 + 90 = 10:00.
    expect(add('2026-02-13 10:00', 1350)).toBe('2026-02-25 10:00');
  });

  it('Fri 02-27 16:00 + 4 working hours → the 调休 Saturday 02-28 11:00', () => {
    expect(add('2026-02-27 16:00', 240)).toBe('2026-02-28 11:00');
  });
});

describe('addWorkingMinutes: around New Year', () => {
  it('2025-12-31 16:00 + 4 working hours → the 调休 Sunday 2026-01-04', () => {
    // Wed 16:00–17:30 = 90 (2025 is uncovered but a Wednesday works); 01-01…01-03 off;
    // Sun 01-04 is worked: 08:30 + 150 = 11:00.
    expect(add('2025-12-31 16:00', 240)).toBe('2026-01-04 11:00');
  });

  it('2026-12-31 16:00 + 4 working hours → Mon 2027-01-04 (provisional 2027 元旦 on Friday)', () => {
    // Thu 16:00–17:30 = 90; Fri 2027-01-01 off; weekend; Mon 08:30 + 150 = 11:00.
    expect(add('2026-12-31 16:00', 240)).toBe('2027-01-04 11:00');
  });

  it('outside the covered years, a Monday that will really be a holiday still counts', () => {
    // Fri 2028-09-29 16:00–17:30 = 90; Mon 2028-10-02 08:30 + 150 = 11:00.
    expect(add('2028-09-29 16:00', 240)).toBe('2028-10-02 11:00');
  });
});

describe('addWorkingMinutes with a calendar without lunch', () => {
  const noLunch: WorkingCalendar = {
    workdayStart: '09:00',
    workdayEnd: '17:00',
    holidays: ['2026-03-10'],
    workingWeekends: [],
  };
  it('counts straight through noon and skips its own holiday', () => {
    // Mon 09:00 + 480 = 17:00; one more minute: Tue 03-10 is a holiday here → Wed 09:01.
    expect(sh(addWorkingMinutes(noLunch, at('2026-03-09 09:00'), 480))).toBe('2026-03-09 17:00');
    expect(sh(addWorkingMinutes(noLunch, at('2026-03-09 09:00'), 481))).toBe('2026-03-11 09:01');
  });
});

describe('workingMinutesBetween', () => {
  const between = (from: string, to: string): number =>
    workingMinutesBetween(cal, at(from), at(to));

  it('counts across a weekend and reads negative backwards', () => {
    // Fri 16:00–17:30 = 90, Mon 08:30–11:00 = 150 → 240.
    expect(between('2026-03-06 16:00', '2026-03-09 11:00')).toBe(240);
    expect(between('2026-03-09 11:00', '2026-03-06 16:00')).toBe(-240);
    expect(between('2026-03-09 11:00', '2026-03-09 11:00')).toBe(0);
  });

  it('counts nothing overnight and nothing over lunch', () => {
    expect(between('2026-03-10 17:30', '2026-03-11 08:30')).toBe(0);
    expect(between('2026-03-10 12:00', '2026-03-10 13:30')).toBe(0);
    // 11:00–12:00 = 60, 13:30–14:00 = 30.
    expect(between('2026-03-10 11:00', '2026-03-10 14:00')).toBe(90);
  });

  it('counts only the working days around National Day 2026', () => {
    // 09-30 = 450, 10-01…10-07 = 0, 10-08 = 450 → 900.
    expect(between('2026-09-30 08:30', '2026-10-08 17:30')).toBe(900);
  });

  it('returns fractional minutes for instants between whole minutes', () => {
    // 09:00:30 → 10:00 = 59.5.
    expect(between('2026-03-10 09:00:30', '2026-03-10 10:00')).toBe(59.5);
  });
});

describe('nextWorkingInstant', () => {
  const next = (local: string): string => sh(nextWorkingInstant(cal, at(local)));
  it('is the instant itself during working time', () => {
    expect(next('2026-03-10 10:00')).toBe('2026-03-10 10:00');
    expect(next('2026-03-10 08:30')).toBe('2026-03-10 08:30');
  });
  it('is when work resumes otherwise', () => {
    expect(next('2026-03-10 12:15')).toBe('2026-03-10 13:30');
    expect(next('2026-03-10 17:30')).toBe('2026-03-11 08:30');
    expect(next('2026-03-10 22:30')).toBe('2026-03-11 08:30');
    expect(next('2026-10-10 07:00')).toBe('2026-10-10 08:30'); // 调休 Saturday
    expect(next('2026-09-30 18:00')).toBe('2026-10-08 08:30');
  });
});

// An independent, minute-by-minute model of the default calendar: slow, obvious, and sharing no
// code with the implementation beyond the holiday lists themselves.
describe('workingMinutesBetween and addWorkingMinutes are inverses (seeded random sample)', () => {
  const MIN = 60_000;
  const holidays = new Set(cal.holidays);
  const workingWeekends = new Set(cal.workingWeekends);
  const dayCache = new Map<string, boolean>();
  const workingDay = (date: string): boolean => {
    let known = dayCache.get(date);
    if (known === undefined) {
      const weekday = new Date(`${date}T00:00Z`).getUTCDay();
      known = workingWeekends.has(date) || (weekday >= 1 && weekday <= 5 && !holidays.has(date));
      dayCache.set(date, known);
    }
    return known;
  };
  /** Whether the minute starting at `ms` (a whole minute) is working time. */
  const workingMinute = (ms: number): boolean => {
    const local = new Date(ms + 8 * 3_600_000);
    const minuteOfDay = local.getUTCHours() * 60 + local.getUTCMinutes();
    const inHours =
      (minuteOfDay >= 510 && minuteOfDay < 720) || (minuteOfDay >= 810 && minuteOfDay < 1050);
    return inHours && workingDay(local.toISOString().slice(0, 10));
  };
  const countWorkingMinutes = (fromMs: number, toMs: number): number => {
    let count = 0;
    for (let t = fromMs; t < toMs; t += MIN) if (workingMinute(t)) count++;
    return count;
  };
  /** Where x "really" is in working time: x, or the end of the last working minute before it. */
  const effectiveInstant = (startMs: number, xMs: number, minutes: number): number => {
    if (minutes === 0) return startMs;
    let t = xMs;
    while (!workingMinute(t - MIN)) t -= MIN;
    return t;
  };

  // mulberry32: a tiny seeded generator, so a failure reproduces exactly.
  let seed = 20261001;
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let r = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4294967296;
  };
  const BOUNDARIES = [0, 510, 720, 810, 1050]; // 00:00, 08:30, 12:00, 13:30, 17:30
  const randomInstant = (fromMs: number, spanDays: number): number => {
    const ms = fromMs + Math.floor(random() * spanDays * 1440) * MIN;
    if (random() > 0.3) return ms;
    // Snap to a boundary of the same Shanghai day, where off-by-one mistakes live.
    const localMidnight =
      Math.floor((ms + 8 * 3_600_000) / 86_400_000) * 86_400_000 - 8 * 3_600_000;
    return localMidnight + BOUNDARIES[Math.floor(random() * BOUNDARIES.length)] * MIN;
  };

  const RANGE_START = at('2025-12-20 00:00').getTime(); // through both seeded years and into 2028
  const SAMPLES = 300;

  it(`addWorkingMinutes(start, workingMinutesBetween(start, x)) is x's effective instant (${SAMPLES} samples)`, () => {
    for (let i = 0; i < SAMPLES; i++) {
      const startMs = randomInstant(RANGE_START, 750);
      const xMs = Math.max(startMs, randomInstant(startMs, 15));
      const minutes = workingMinutesBetween(cal, new Date(startMs), new Date(xMs));
      const context = `start ${sh(new Date(startMs))}, x ${sh(new Date(xMs))}`;
      expect({ context, minutes }).toEqual({ context, minutes: countWorkingMinutes(startMs, xMs) });
      const back = addWorkingMinutes(cal, new Date(startMs), minutes).getTime();
      expect({ context, back: sh(new Date(back)) }).toEqual({
        context,
        back: sh(new Date(effectiveInstant(startMs, xMs, minutes))),
      });
    }
  });

  it(`workingMinutesBetween(start, addWorkingMinutes(start, m)) is m (${SAMPLES} samples)`, () => {
    for (let i = 0; i < SAMPLES; i++) {
      const startMs = randomInstant(RANGE_START, 750);
      const minutes = Math.floor(random() * 5 * 450);
      const endMs = addWorkingMinutes(cal, new Date(startMs), minutes).getTime();
      const context = `start ${sh(new Date(startMs))}, ${minutes} min → ${sh(new Date(endMs))}`;
      expect({ context, counted: countWorkingMinutes(startMs, endMs) }).toEqual({
        context,
        counted: minutes,
      });
      expect({
        context,
        between: workingMinutesBetween(cal, new Date(startMs), new Date(endMs)),
      }).toEqual({
        context,
        between: minutes,
      });
      // The earliest such instant: the minute just before it was a working one.
      if (minutes > 0)
        expect({ context, lastMinuteWorking: workingMinute(endMs - MIN) }).toEqual({
          context,
          lastMinuteWorking: true,
        });
    }
  });
});
