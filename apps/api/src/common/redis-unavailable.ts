/** Seconds a client is told to wait while Redis is away (it restarts in about a second). */
export const REDIS_RETRY_AFTER_SECONDS = 5;

/** ioredis's own messages when the connection is down (producers here fail fast: no offline queue, one retry). */
const MESSAGES = [
  /^Stream isn't writeable and enableOfflineQueue options is false$/,
  /^Connection is closed\.?$/,
  /^Reached the max retries per request limit/,
  /^connect ECONNREFUSED/,
];
const CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** True when the error says Redis cannot be reached right now (not a bad command). */
export function isRedisUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && CODES.has(code)) return true;
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return MESSAGES.some((m) => m.test(error.message));
}
