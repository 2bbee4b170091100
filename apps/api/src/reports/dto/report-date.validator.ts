import { ValidateBy, type ValidationArguments } from 'class-validator';
import { isoDay, MAX_REPORT_DAYS, periodDays } from '../report-period.util';

/** A real calendar date written YYYY-MM-DD (read as a Shanghai date). */
export function IsReportDate() {
  return ValidateBy({
    name: 'isReportDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isoDay(value) !== null,
      defaultMessage: (args?: ValidationArguments) => `${args?.property} must be a date written YYYY-MM-DD`,
    },
  });
}

function periodProblem(args: ValidationArguments): string | null {
  const { from } = args.object as { from?: unknown };
  const to = args.value as unknown;
  if (typeof from !== 'string' || typeof to !== 'string') return null; // each date reports its own error
  const days = periodDays(from, to);
  if (days === null) return null;
  if (days < 1) return 'to must not be before from';
  if (days > MAX_REPORT_DAYS) return `the period may cover at most ${MAX_REPORT_DAYS} days (from ${from} to ${to} is ${days})`;
  return null;
}

/** `to` is on or after `from`, and the period is at most MAX_REPORT_DAYS days long. */
export function IsPeriodEnd() {
  return ValidateBy({
    name: 'isPeriodEnd',
    validator: {
      validate: (_: unknown, args?: ValidationArguments) => !args || periodProblem(args) === null,
      defaultMessage: (args?: ValidationArguments) => (args && periodProblem(args)) ?? 'to must end a valid period',
    },
  });
}
