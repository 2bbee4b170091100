import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: the code is read aloud or copied from a screen. 32 symbols × 8 = 40 bits. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const LENGTH = 8;

/** How long a code stays usable: three days for an invitation or a reset. */
export const ACCESS_CODE_TTL_MS = 72 * 3_600_000;

export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < LENGTH; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** What the person typed, as the code was hashed: case, spaces and the dash do not matter. */
export function normaliseAccessCode(input: string): string {
  const bare = input.toUpperCase().replace(/[\s-]/g, '');
  return bare.length === LENGTH ? `${bare.slice(0, 4)}-${bare.slice(4)}` : bare;
}
