import { DEFAULT_WORKING_CALENDAR } from './default-working-calendar.data';
import {
  CN_PUBLIC_HOLIDAYS_2026,
  CN_PUBLIC_HOLIDAYS_2027,
  type PublicHolidaySchedule,
} from './holidays-cn.data';
import { isWorkingDay, workingCalendarProblems } from './working-calendar';

const weekday = (date: string): number => new Date(`${date}T00:00Z`).getUTCDay();
const isWeekend = (date: string): boolean => weekday(date) === 0 || weekday(date) === 6;

function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (
    let d = new Date(Date.UTC(year, 0, 1));
    d.getUTCFullYear() === year;
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    dates.push(d.toISOString().slice(0, 10));
  }
  return dates;
}

/** Working days a schedule takes away from a year: weekdays off minus weekends worked. */
const daysLost = (schedule: PublicHolidaySchedule): number =>
  schedule.holidays.filter((date) => !isWeekend(date)).length - schedule.workingWeekends.length;

describe.each([CN_PUBLIC_HOLIDAYS_2026, CN_PUBLIC_HOLIDAYS_2027])('$year schedule', (schedule) => {
  it('lists only dates of its year, each once', () => {
    const all = [...schedule.holidays, ...schedule.workingWeekends];
    expect(all.every((date) => date.startsWith(`${schedule.year}-`))).toBe(true);
    expect(new Set(all).size).toBe(all.length);
  });

  it('makes a valid calendar whose working weekends are all Saturdays or Sundays', () => {
    const calendar = { ...DEFAULT_WORKING_CALENDAR, ...schedule };
    expect(workingCalendarProblems(calendar)).toEqual([]);
    expect(schedule.workingWeekends.every(isWeekend)).toBe(true);
  });
});

describe('2026, from the State Council notice of 2025-11-04', () => {
  const s = CN_PUBLIC_HOLIDAYS_2026;

  it('is final, not provisional', () => {
    expect(s.provisional).toBe(false);
  });

  it('has the seven published ranges, 3 + 9 + 3 + 5 + 3 + 3 + 7 = 33 days off', () => {
    expect(s.holidays).toHaveLength(33);
    expect(s.holidays.filter((d) => d >= '2026-02-15' && d <= '2026-02-23')).toHaveLength(9);
    expect(s.holidays.filter((d) => d >= '2026-10-01' && d <= '2026-10-07')).toHaveLength(7);
  });

  it('has the six published 调休 weekends', () => {
    expect(s.workingWeekends).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it('takes away exactly the 13 statutory days: every weekday bridge is paid back by a worked weekend', () => {
    // 19 weekdays off (元旦 2, 春节 6, 清明 1, 劳动 3, 端午 1, 中秋 1, 国庆 5) − 6 weekends worked = 13,
    // the statutory total since 2025 (元旦 1, 春节 4, 清明 1, 劳动 2, 端午 1, 中秋 1, 国庆 3).
    expect(s.holidays.filter((date) => !isWeekend(date))).toHaveLength(19);
    expect(daysLost(s)).toBe(13);
    // 2026 has 261 weekdays, so the calendar must work 261 − 13 = 248 days.
    const weekdays = datesOf(2026).filter((date) => !isWeekend(date));
    expect(weekdays).toHaveLength(261);
    expect(
      datesOf(2026).filter((date) => isWorkingDay(DEFAULT_WORKING_CALENDAR, date)),
    ).toHaveLength(248);
  });
});

describe('2027, provisional', () => {
  const s = CN_PUBLIC_HOLIDAYS_2027;

  it('is marked provisional for the admin to replace', () => {
    expect(s.provisional).toBe(true);
  });

  it('holds the 13 statutory days on their 2027 dates and nothing else', () => {
    expect(s.holidays).toEqual([
      '2027-01-01',
      '2027-02-05', // 除夕
      '2027-02-06', // 正月初一
      '2027-02-07',
      '2027-02-08',
      '2027-04-05',
      '2027-05-01',
      '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01',
      '2027-10-02',
      '2027-10-03',
    ]);
    expect(s.workingWeekends).toEqual([]);
  });

  it('therefore takes away only the 7 statutory days on weekdays (the 补休 days come with the notice)', () => {
    // Weekdays: 01-01 Fri, 02-05 Fri, 02-08 Mon, 04-05 Mon, 06-09 Wed, 09-15 Wed, 10-01 Fri.
    expect(daysLost(s)).toBe(7);
  });
});

describe('DEFAULT_WORKING_CALENDAR', () => {
  it('combines both years and keeps office hours 08:30–17:30 with lunch 12:00–13:30', () => {
    expect(DEFAULT_WORKING_CALENDAR).toMatchObject({
      workdayStart: '08:30',
      workdayEnd: '17:30',
      lunchStart: '12:00',
      lunchEnd: '13:30',
    });
    expect(DEFAULT_WORKING_CALENDAR.holidays).toEqual([
      ...CN_PUBLIC_HOLIDAYS_2026.holidays,
      ...CN_PUBLIC_HOLIDAYS_2027.holidays,
    ]);
    expect(DEFAULT_WORKING_CALENDAR.workingWeekends).toEqual(
      CN_PUBLIC_HOLIDAYS_2026.workingWeekends,
    );
  });

  it('is plain JSON, so it survives a round trip through a jsonb column', () => {
    expect(JSON.parse(JSON.stringify(DEFAULT_WORKING_CALENDAR))).toEqual(DEFAULT_WORKING_CALENDAR);
  });
});
