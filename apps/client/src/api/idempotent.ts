import { newIdempotencyKey } from '../lib/idempotency.util';
import { ApiError } from './api-error';

/** The key of each action whose answer never came, by request (method, path and body). */
const unanswered = new Map<string, string>();

/**
 * Sends a state-changing request with an Idempotency-Key. When the answer is lost (network error,
 * timeout) the action may still have happened, so the key is kept: the user's next tap on the same
 * action with the same content sends it again, and the API answers with the first result instead
 * of 409. Any answer, success or refusal, ends the key.
 */
export async function withIdempotencyKey<T>(request: string, send: (key: string) => Promise<T>): Promise<T> {
  const key = unanswered.get(request) ?? newIdempotencyKey();
  unanswered.set(request, key);
  try {
    const result = await send(key);
    unanswered.delete(request);
    return result;
  } catch (error) {
    if (!(error instanceof ApiError && error.isNetwork)) unanswered.delete(request);
    throw error;
  }
}
