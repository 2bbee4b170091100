import { type ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { ApiException } from './api.exception';

export const MAX_INT = 2_147_483_647;

/**
 * Canonical decimal only: no sign, no leading zero, no exponent, no hex, no spaces. `Number()` reads
 * `1e3` as 1000, `0x10` as 16 and `+1`, ` 1`, `01` as 1: one id with many spellings, which caches,
 * logs and rate limits would each count differently.
 */
const CANONICAL_POSITIVE = /^[1-9]\d{0,9}$/;

/**
 * The positive int4 a string spells canonically, else null. A number is taken as the global pipe's
 * reading of a string it already found canonical (`12`), so it is judged by its decimal form.
 */
export function strictId(value: unknown): number | null {
  if (typeof value === 'number') value = String(value);
  if (typeof value !== 'string' || !CANONICAL_POSITIVE.test(value)) return null;
  const n = Number(value);
  return n <= MAX_INT ? n : null;
}

/** Path ids are Postgres `int`: anything else is a 400 naming the parameter, never a 500. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string | number, metadata?: ArgumentMetadata): number {
    const id = strictId(value);
    const name = metadata?.data ?? 'id';
    if (id === null) throw ApiException.validation(name, `${name} must be a positive whole number written in digits (1 to ${MAX_INT})`);
    return id;
  }
}
