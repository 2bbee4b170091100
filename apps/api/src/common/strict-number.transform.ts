import { Transform } from 'class-transformer';

const CANONICAL_INT = /^(0|[1-9]\d{0,15})$/;
const CANONICAL_DECIMAL = /^-?(0|[1-9]\d{0,15})(\.\d{1,20})?$/;

/**
 * For numbers in the query string, instead of `@Type(() => Number)`: a value spelled canonically
 * (`20`, not `2e1`, `0x14`, `+20`, `020` or ` 20`) becomes a number; any other spelling stays a
 * string, so `@IsInt()`/`@IsNumber()` refuse it with a message naming the parameter.
 */
export function StrictInt(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && CANONICAL_INT.test(value) ? Number(value) : value));
}

/** Like StrictInt, for decimals such as coordinates: `38.4872`, `-0.5`; no exponent, no sign `+`. */
export function StrictDecimal(): PropertyDecorator {
  return Transform(({ value }) => (typeof value === 'string' && CANONICAL_DECIMAL.test(value) ? Number(value) : value));
}
