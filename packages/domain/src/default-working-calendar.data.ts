import { CN_PUBLIC_HOLIDAYS_2026, CN_PUBLIC_HOLIDAYS_2027 } from './holidays-cn.data';
import type { WorkingCalendar } from './working-calendar';

const SCHEDULES = [CN_PUBLIC_HOLIDAYS_2026, CN_PUBLIC_HOLIDAYS_2027];

/**
 * The calendar a new deployment starts with: the usual hours of a 社区 or 街道 service hall,
 * 08:30–12:00 and 13:30–17:30 (7.5 working hours a day), with the mainland holidays of 2026 and
 * the provisional 2027 ones. Many cities move to summer hours (e.g. afternoons 14:00–18:00), so
 * the hours are seed data for the admin to adjust like the holidays, not a rule.
 */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = {
  workdayStart: '08:30',
  workdayEnd: '17:30',
  lunchStart: '12:00',
  lunchEnd: '13:30',
  holidays: SCHEDULES.flatMap((schedule) => schedule.holidays),
  workingWeekends: SCHEDULES.flatMap((schedule) => schedule.workingWeekends),
};
