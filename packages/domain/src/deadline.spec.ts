import { computeDeadline, warnAt, type ClockPause, type DeadlineInput } from './deadline';
import type { SlaClock } from './enums';
import { DEFAULT_WORKING_CALENDAR } from './default-working-calendar.data';
import { InvalidWorkingCalendarError } from './working-calendar';

// The default calendar works 08:30–12:00 (210 min) and 13:30–17:30 (240 min): 450 min a day.
const calendar = DEFAULT_WORKING_CALENDAR;

/** '2026-03-10 09:00' in Shanghai → Date. */
const at = (local: string): Date => new Date(`${local.replace(' ', 'T')}+08:00`);
/** Date → '2026-03-10 09:00' (seconds shown only when not zero). */
const sh = (d: Date | null): string | null => {
  if (d === null) return null;
  const iso = new Date(d.getTime() + 8 * 3_600_000).toISOString();
  return iso.slice(17, 19) === '00'
    ? iso.slice(0, 16).replace('T', ' ')
    : iso.slice(0, 19).replace('T', ' ');
};
const pause = (from: string, to: string | null): ClockPause => ({
  from: at(from),
  to: to === null ? null : at(to),
});
const input = (
  clock: SlaClock,
  start: string,
  minutes: number,
  pauses?: ClockPause[],
): DeadlineInput => ({
  calendar,
  clock,
  start: at(start),
  minutes,
  pauses,
});
const deadline = (
  clock: SlaClock,
  start: string,
  minutes: number,
  pauses?: ClockPause[],
): string | null => sh(computeDeadline(input(clock, start, minutes, pauses)));

describe('computeDeadline, clock time (emergencies)', () => {
  it('adds 30 minutes straight across midnight into the National Day holiday', () => {
    // 23:45 + 30 = 00:15 next day; 10-01 being a holiday changes nothing.
    expect(deadline('clock', '2026-09-30 23:45', 30)).toBe('2026-10-01 00:15');
  });

  it('runs through Spring Festival eve and weekends alike', () => {
    // 02-16 (除夕) 23:50 + 30 = 02-17 00:20.
    expect(deadline('clock', '2026-02-16 23:50', 30)).toBe('2026-02-17 00:20');
    // Sat 22:00 + 240 = Sun 02:00.
    expect(deadline('clock', '2026-03-07 22:00', 240)).toBe('2026-03-08 02:00');
  });

  it('adds the paused time that falls between the start and the deadline', () => {
    // 10:00 + 120 = 12:00; a 10:30–11:00 pause adds 30 → 12:30.
    expect(
      deadline('clock', '2026-03-10 10:00', 120, [pause('2026-03-10 10:30', '2026-03-10 11:00')]),
    ).toBe('2026-03-10 12:30');
    // A pause straddling the start counts only from the start: 10:00–10:30 = 30 → 12:30.
    expect(
      deadline('clock', '2026-03-10 10:00', 120, [pause('2026-03-10 09:30', '2026-03-10 10:30')]),
    ).toBe('2026-03-10 12:30');
  });

  it('ignores pauses before the start and after the deadline', () => {
    expect(
      deadline('clock', '2026-03-10 10:00', 120, [pause('2026-03-10 08:00', '2026-03-10 09:00')]),
    ).toBe('2026-03-10 12:00');
    expect(
      deadline('clock', '2026-03-10 10:00', 120, [pause('2026-03-10 13:00', '2026-03-10 14:00')]),
    ).toBe('2026-03-10 12:00');
  });

  it('counts overlapping, unsorted pauses once', () => {
    // 10:30–11:15 ∪ 11:00–11:30 = 10:30–11:30 = 60 → 12:00 + 60 = 13:00.
    const pauses = [
      pause('2026-03-10 11:00', '2026-03-10 11:30'),
      pause('2026-03-10 10:30', '2026-03-10 11:15'),
    ];
    expect(deadline('clock', '2026-03-10 10:00', 120, pauses)).toBe('2026-03-10 13:00');
  });

  it('adds a whole paused weekend, unlike working time', () => {
    // Fri 16:00–17:30 = 90 counted, paused until Mon 08:30, then 150 more → Mon 11:00
    // (without the pause: Fri 16:00 + 240 = Fri 20:00).
    expect(deadline('clock', '2026-03-06 16:00', 240)).toBe('2026-03-06 20:00');
    expect(
      deadline('clock', '2026-03-06 16:00', 240, [pause('2026-03-06 17:30', '2026-03-09 08:30')]),
    ).toBe('2026-03-09 11:00');
  });
});

describe('computeDeadline, working time', () => {
  it('follows the calendar: Tue 09:00 + 4 working hours → 14:30', () => {
    // 09:00–12:00 = 180; 60 left; 13:30 + 60 = 14:30.
    expect(deadline('working', '2026-03-10 09:00', 240)).toBe('2026-03-10 14:30');
  });

  it('crosses a weekend: Fri 16:00 + 4 working hours → Mon 11:00', () => {
    expect(deadline('working', '2026-03-06 16:00', 240)).toBe('2026-03-09 11:00');
  });

  it('starts a night report on the next working morning', () => {
    // Tue 22:30 → Wed 08:30 + 240: 08:30–12:00 = 210, 30 left → 13:30 + 30 = 14:00.
    expect(deadline('working', '2026-03-10 22:30', 240)).toBe('2026-03-11 14:00');
  });

  it('skips National Day 2026 and uses the 调休 Saturday', () => {
    // Wed 09-30 10:00 + 450: 360 on 09-30, 90 on Thu 10-08 → 10:00.
    expect(deadline('working', '2026-09-30 10:00', 450)).toBe('2026-10-08 10:00');
    // Fri 10-09 16:00 + 240: 90 on Friday, 150 on Sat 10-10 (调休) → 11:00.
    expect(deadline('working', '2026-10-09 16:00', 240)).toBe('2026-10-10 11:00');
  });

  it('skips Spring Festival 2026: Fri 02-13 10:00 + 3 working days → Wed 02-25 10:00', () => {
    // 02-13: 360 (990 left); Sat 02-14 (调休): 450 (540 left); 02-15…02-23 off;
    // Tue 02-24: 450 (90 left); Wed 02-25 08:30 + 90 = 10:00.
    expect(deadline('working', '2026-02-13 10:00', 3 * 450)).toBe('2026-02-25 10:00');
  });

  it('a 2-hour pause in working time pushes the deadline by 2 working hours', () => {
    // Counted: 09:00–09:30 = 30, 11:30–12:00 = 30, 13:30–16:30 = 180 → 240 → 16:30 (= 14:30 + 120).
    expect(
      deadline('working', '2026-03-10 09:00', 240, [pause('2026-03-10 09:30', '2026-03-10 11:30')]),
    ).toBe('2026-03-10 16:30');
  });

  it('a pause over lunch only costs the working time it covers', () => {
    // Paused 11:00–14:00 holds 60 (11:00–12:00) + 30 (13:30–14:00) working minutes:
    // 09:00–11:00 = 120, then 14:00 + 120 = 16:00 (= 14:30 + 90).
    expect(
      deadline('working', '2026-03-10 09:00', 240, [pause('2026-03-10 11:00', '2026-03-10 14:00')]),
    ).toBe('2026-03-10 16:00');
  });

  it('a pause over a weekend pushes nothing', () => {
    // Fri 17:30 to Mon 08:30 holds no working time: still Mon 11:00.
    expect(
      deadline('working', '2026-03-06 16:00', 240, [pause('2026-03-06 17:30', '2026-03-09 08:30')]),
    ).toBe('2026-03-09 11:00');
    // Fri 17:00 to Mon 09:00 holds 30 + 30: Fri 16:00–17:00 = 60, Mon 09:00–12:00 = 180 → 12:00.
    expect(
      deadline('working', '2026-03-06 16:00', 240, [pause('2026-03-06 17:00', '2026-03-09 09:00')]),
    ).toBe('2026-03-09 12:00');
  });
});

describe('computeDeadline while paused (an open pause)', () => {
  it('is unknown (null) when the clock stopped before the time ran out', () => {
    expect(
      deadline('working', '2026-03-10 09:00', 240, [pause('2026-03-10 10:00', null)]),
    ).toBeNull();
    expect(deadline('clock', '2026-03-10 09:00', 30, [pause('2026-03-10 09:10', null)])).toBeNull();
    // Paused over the night, before the next working minute was even reached.
    expect(
      deadline('working', '2026-03-10 17:00', 240, [pause('2026-03-10 20:00', null)]),
    ).toBeNull();
  });

  it('is unknown after an earlier pause was closed and a new one opened', () => {
    const pauses = [pause('2026-03-10 09:30', '2026-03-10 10:00'), pause('2026-03-10 11:00', null)];
    expect(deadline('working', '2026-03-10 09:00', 240, pauses)).toBeNull();
  });

  it('stays at the old deadline when the ticket was paused only after it was overdue', () => {
    // The deadline was 14:30; a pause from 15:00 (or from 14:30 exactly) does not move it.
    expect(deadline('working', '2026-03-10 09:00', 240, [pause('2026-03-10 15:00', null)])).toBe(
      '2026-03-10 14:30',
    );
    expect(deadline('working', '2026-03-10 09:00', 240, [pause('2026-03-10 14:30', null)])).toBe(
      '2026-03-10 14:30',
    );
  });
});

describe('computeDeadline: edge cases and bad input', () => {
  it('returns the start for zero minutes', () => {
    expect(deadline('working', '2026-03-10 22:30', 0)).toBe('2026-03-10 22:30');
  });

  it('refuses a pause that ends before it starts, negative minutes and an unknown clock', () => {
    expect(() =>
      deadline('working', '2026-03-10 09:00', 60, [pause('2026-03-10 11:00', '2026-03-10 10:00')]),
    ).toThrow(RangeError);
    expect(() => deadline('working', '2026-03-10 09:00', -5)).toThrow(RangeError);
    expect(() => deadline('wall' as SlaClock, '2026-03-10 09:00', 60)).toThrow(RangeError);
  });

  it('refuses an invalid calendar (end before start) whatever the clock', () => {
    const broken = { ...calendar, workdayStart: '17:30', workdayEnd: '08:30' };
    for (const clock of ['working', 'clock'] as const) {
      expect(() =>
        computeDeadline({ calendar: broken, clock, start: at('2026-03-10 09:00'), minutes: 60 }),
      ).toThrow(InvalidWorkingCalendarError);
    }
  });
});

describe('warnAt', () => {
  it('fires at 80% of one working day: Tue 09:00 + 360 → 16:30, deadline Wed 09:00', () => {
    // 0.8 × 450 = 360: 09:00–12:00 = 180, 13:30 + 180 = 16:30.
    expect(sh(warnAt(input('working', '2026-03-10 09:00', 450), 0.8))).toBe('2026-03-10 16:30');
    // 450: 180 + 240 = 420 on Tuesday, 30 left → Wed 09:00.
    expect(deadline('working', '2026-03-10 09:00', 450)).toBe('2026-03-11 09:00');
  });

  it('can fall before a holiday that the deadline falls after', () => {
    // Wed 09-30 10:00, 450: 80% = 360 = 120 + 240 → 09-30 17:30; the deadline is 10-08 10:00.
    expect(sh(warnAt(input('working', '2026-09-30 10:00', 450), 0.8))).toBe('2026-09-30 17:30');
  });

  it('fires at 80% of clock time for an emergency reported at night', () => {
    // 22:30 + 0.8 × 60 = 22:30 + 48 = 23:18 (deadline 23:30).
    expect(sh(warnAt(input('clock', '2026-03-10 22:30', 60), 0.8))).toBe('2026-03-10 23:18');
    // 0.8 × 7 = 5.6 min = 5 min 36 s.
    expect(sh(warnAt(input('clock', '2026-03-10 10:00', 7), 0.8))).toBe('2026-03-10 10:05:36');
  });

  it('skips paused time like the deadline does', () => {
    // Pause 09:30–11:30 (120 working). 360 needed: 09:00–09:30 = 30, 11:30–12:00 = 30,
    // 13:30–17:30 = 240 → 300; Wed 08:30 + 60 = 09:30.
    const paused = input('working', '2026-03-10 09:00', 450, [
      pause('2026-03-10 09:30', '2026-03-10 11:30'),
    ]);
    expect(sh(warnAt(paused, 0.8))).toBe('2026-03-11 09:30');
    // 450: 300 on Tuesday, then Wed 08:30 + 150 = 11:00.
    expect(sh(computeDeadline(paused))).toBe('2026-03-11 11:00');
  });

  it('is the deadline at 1, the start at 0, and unknown while paused', () => {
    const base = input('working', '2026-03-10 09:00', 450);
    expect(warnAt(base, 1)).toEqual(computeDeadline(base));
    expect(sh(warnAt(base, 0))).toBe('2026-03-10 09:00');
    expect(
      warnAt(input('working', '2026-03-10 09:00', 450, [pause('2026-03-10 10:00', null)]), 0.8),
    ).toBeNull();
  });

  it('refuses a negative or non-finite fraction', () => {
    const base = input('working', '2026-03-10 09:00', 450);
    expect(() => warnAt(base, -0.1)).toThrow(RangeError);
    expect(() => warnAt(base, NaN)).toThrow(RangeError);
  });
});
