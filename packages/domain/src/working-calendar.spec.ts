import { DEFAULT_WORKING_CALENDAR } from './default-working-calendar.data';
import {
  InvalidWorkingCalendarError,
  isWorkingDay,
  workingCalendarProblems,
  type WorkingCalendar,
} from './working-calendar';
import { addWorkingMinutes } from './working-time';

const cal = DEFAULT_WORKING_CALENDAR;
const plain: WorkingCalendar = {
  workdayStart: '09:00',
  workdayEnd: '17:00',
  holidays: [],
  workingWeekends: [],
};

describe('isWorkingDay on the default calendar', () => {
  it('works an ordinary Monday to Friday and rests an ordinary weekend', () => {
    expect(isWorkingDay(cal, '2026-03-09')).toBe(true); // Monday
    expect(isWorkingDay(cal, '2026-03-13')).toBe(true); // Friday
    expect(isWorkingDay(cal, '2026-03-14')).toBe(false); // Saturday
    expect(isWorkingDay(cal, '2026-03-15')).toBe(false); // Sunday
  });

  it('rests every day of the 2026 National Day week, weekdays and weekend alike', () => {
    for (const day of ['01', '02', '03', '04', '05', '06', '07']) {
      expect(isWorkingDay(cal, `2026-10-${day}`)).toBe(false);
    }
    expect(isWorkingDay(cal, '2026-10-08')).toBe(true); // Thursday after the holiday
  });

  it('works the 2026 调休 weekends', () => {
    // 元旦 Sun 1-4; 春节 Sat 2-14 and Sat 2-28; 劳动节 Sat 5-9; 国庆 Sun 9-20 and Sat 10-10.
    for (const date of [
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]) {
      expect(isWorkingDay(cal, date)).toBe(true);
    }
  });

  it('rests the bridged weekdays of 2026 (a Monday after 春节, a Tuesday after 劳动节)', () => {
    expect(isWorkingDay(cal, '2026-02-23')).toBe(false);
    expect(isWorkingDay(cal, '2026-05-05')).toBe(false);
  });

  it('falls back to weekdays on, weekends off outside the covered years', () => {
    // 2028-10-02 is a Monday: really a holiday, but no schedule covers 2028 yet.
    expect(isWorkingDay(cal, '2028-10-02')).toBe(true);
    expect(isWorkingDay(cal, '2028-10-01')).toBe(false); // Sunday
    expect(isWorkingDay(cal, '2025-12-31')).toBe(true); // Wednesday
  });

  it('refuses a malformed or impossible date', () => {
    expect(() => isWorkingDay(cal, '2026-2-14')).toThrow(RangeError);
    expect(() => isWorkingDay(cal, '2026-02-30')).toThrow(RangeError);
  });
});

describe('workingCalendarProblems', () => {
  it('finds nothing wrong with the default calendar or one without lunch', () => {
    expect(workingCalendarProblems(cal)).toEqual([]);
    expect(workingCalendarProblems(plain)).toEqual([]);
  });

  it('rejects a working day that ends before it starts', () => {
    expect(
      workingCalendarProblems({ ...plain, workdayStart: '17:30', workdayEnd: '08:30' }),
    ).toEqual(['workdayEnd must be after workdayStart']);
    expect(workingCalendarProblems({ ...plain, workdayEnd: '09:00' })).toHaveLength(1);
  });

  it('rejects times that are not HH:MM', () => {
    expect(workingCalendarProblems({ ...plain, workdayStart: '8:30' })).toHaveLength(1);
    expect(workingCalendarProblems({ ...plain, workdayEnd: '24:00' })).toHaveLength(1);
  });

  it('rejects half a lunch break and one outside the working day', () => {
    expect(workingCalendarProblems({ ...plain, lunchStart: '12:00' })).toHaveLength(1);
    expect(
      workingCalendarProblems({ ...plain, lunchStart: '08:00', lunchEnd: '10:00' }),
    ).toHaveLength(1);
    expect(
      workingCalendarProblems({ ...plain, lunchStart: '13:00', lunchEnd: '12:00' }),
    ).toHaveLength(1);
    expect(
      workingCalendarProblems({ ...plain, lunchStart: '12:00', lunchEnd: '17:00' }),
    ).toHaveLength(1);
  });

  it('rejects bad dates, a weekday listed as a working weekend, and a day listed twice', () => {
    expect(workingCalendarProblems({ ...plain, holidays: ['2026-02-30'] })).toHaveLength(1);
    // 2026-02-16 is a Monday: a slip for the 调休 Saturday 02-14.
    expect(workingCalendarProblems({ ...plain, workingWeekends: ['2026-02-16'] })).toEqual([
      'workingWeekends contains 2026-02-16, which is not a Saturday or Sunday',
    ]);
    expect(
      workingCalendarProblems({
        ...plain,
        holidays: ['2026-02-14'],
        workingWeekends: ['2026-02-14'],
      }),
    ).toEqual(['2026-02-14 is listed both as a holiday and as a working weekend']);
  });

  it('reports a list that is not a list (a hand-edited JSON column)', () => {
    const broken = { ...plain, holidays: '2026-10-01' } as unknown as WorkingCalendar;
    expect(workingCalendarProblems(broken)).toEqual([
      'holidays must be a list of YYYY-MM-DD dates',
    ]);
  });
});

describe('an invalid calendar is refused, not guessed at', () => {
  it('throws InvalidWorkingCalendarError listing the problems', () => {
    const invalid = { ...cal, workdayStart: '17:30', workdayEnd: '08:30' };
    const start = new Date('2026-03-09T09:00+08:00');
    expect(() => addWorkingMinutes(invalid, start, 60)).toThrow(InvalidWorkingCalendarError);
    expect(() => addWorkingMinutes(invalid, start, 60)).toThrow(
      /workdayEnd must be after workdayStart/,
    );
    expect(() => isWorkingDay(invalid, '2026-03-09')).toThrow(InvalidWorkingCalendarError);
  });
});
