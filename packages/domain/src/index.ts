export * from './enums';
export * from './ticket-transitions';
export * from './transition';
export * from './error-codes';
export * from './phone-mask.util';
export * from './intake-channels';
export * from './escalation-ladder';
export * from './sla-figures.types';
export { shanghaiDate, SHANGHAI_UTC_OFFSET_MS } from './shanghai-time.util';
export {
  type WorkingCalendar,
  InvalidWorkingCalendarError,
  workingCalendarProblems,
  isWorkingDay,
} from './working-calendar';
export { addWorkingMinutes, workingMinutesBetween, nextWorkingInstant } from './working-time';
export * from './deadline';
export * from './holidays-cn.data';
export * from './default-working-calendar.data';
export * from './ranking';
export * from './handling-time-bins';
export * from './owners-vote';
export { workingDaysDeadline } from './working-days';
export * from './supervision';
export * from './holiday-notice.parser';
export * from './site-plan';
