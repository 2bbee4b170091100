import { createHash } from 'node:crypto';

/**
 * The stable key of an owner: SHA-256 of the normalised ID number under a fixed tag. The number
 * itself is never stored or sent; the key only has to say "same person" so that one owner of several
 * units counts as one head. (An 18-character ID has little entropy, so the key is not a secret either:
 * it is never shown outside the register endpoints for community staff.)
 */
export function ownerKey(idNumber: string): string {
  return createHash('sha256').update(`red-butler/owner-key/v1:${idNumber.trim().toUpperCase()}`).digest('hex');
}

/** 大陆居民身份证 (18, last may be X), or a passport/港澳台 number: letters and digits, 6–20. */
export const ID_NUMBER = /^(\d{17}[\dX]|[A-Z0-9]{6,20})$/;

/** 张秀英 → 张*英, 李明 → 李*: names outside need are shown masked. */
export function maskName(name: string | null): string | null {
  if (!name) return name;
  return name
    .split('、')
    .map((n) => {
      const chars = [...n.trim()];
      if (chars.length <= 1) return chars.join('');
      if (chars.length === 2) return `${chars[0]}*`;
      return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
    })
    .join('、');
}
