/** A fresh Idempotency-Key (the API accepts 8–100 of [A-Za-z0-9_-:.]). */
export function newIdempotencyKey(now: number = Date.now()): string {
  let random = '';
  for (let i = 0; i < 16; i += 1) random += Math.floor(Math.random() * 36).toString(36);
  return `rb-${now.toString(36)}-${random}`;
}
