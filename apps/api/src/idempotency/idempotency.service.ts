import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { IDEMPOTENCY_KEY_HEADER, type IdempotentRequest } from './idempotency-key.decorator';
import { IDEMPOTENCY_KEY_TTL, IdempotencyKeyTaken, KeyClaim, requestHash } from './key-claim';

/** How many expired keys each new key deletes: more than one, so the table drains faster than it fills. */
const PRUNE_BATCH = 50;

export interface IdempotentAction<T> {
  /** The status of the first (successful) answer: 200, or 201 for a creation. */
  status: number;
  /** The validated request body; with the route it identifies the request. */
  body: unknown;
  /** Does the action (recording `claim` inside its transaction when given) and builds the answer. */
  perform: (claim: KeyClaim | undefined) => Promise<T>;
  /** The answer as of now, for a retry of an action whose first answer was not stored. */
  answerNow?: () => Promise<T>;
}

interface KeyRow {
  route: string;
  request_hash: string;
  response_status: number | null;
  response_body: unknown;
}

/** Same key, different request: a client bug, not a retry; 422 so that no client retries it as a conflict. */
export function idempotencyKeyReused(earlierRoute: string): ApiException {
  const message = `this key was already used for a different request (${earlierRoute} or another body); send a new key for each new action`;
  return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, 'IDEMPOTENCY_KEY_REUSED', `${IDEMPOTENCY_KEY_HEADER}: ${message}`, [
    { field: IDEMPOTENCY_KEY_HEADER, message },
  ]);
}

/**
 * Idempotency-Key for state-changing requests. A key is per user; it is written by the action, in the
 * action's own transaction (KeyClaim.record), so it exists exactly when the action happened. A retry
 * of that request finds it and gets the first answer (status and body, `idempotent-replayed: true`),
 * never the 409 the state machine would give a second attempt. The same key on another request is
 * 422 IDEMPOTENCY_KEY_REUSED. Two copies at once: the second waits on the first's key row and then
 * replays its answer. Without a key nothing changes. Only successes are recorded: a failed request
 * left nothing behind, so retrying it simply tries again.
 */
@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger('Idempotency');

  constructor(private readonly db: DataSource) {}

  async run<T>(actor: Actor, request: IdempotentRequest, action: IdempotentAction<T>): Promise<T> {
    if (request.key === undefined) return action.perform(undefined);
    const claim = new KeyClaim(actor.userId, request.key, request.route, requestHash(action.body), action.status);
    await this.prune(claim.userId, claim.key);
    const earlier = await this.earlier(claim, action);
    if (earlier) return this.replay(request, earlier);
    let answer: T;
    try {
      answer = await action.perform(claim);
    } catch (error) {
      // A copy of this request committed first: either its key stopped ours (IdempotencyKeyTaken), or
      // the ticket had already moved on when ours read it (ILLEGAL_TRANSITION, STALE_STATE, ...).
      if (error instanceof IdempotencyKeyTaken || error instanceof ApiException) {
        const winner = await this.earlier(claim, action);
        if (winner) return this.replay(request, winner);
      }
      throw error;
    }
    if (!claim.recorded) this.logger.error(`${claim.route}: the action did not record its Idempotency-Key`);
    else if (!claim.answered) await this.storeAnswer(claim, answer);
    return answer;
  }

  /**
   * Deletes this key if it expired (so it may start afresh) and up to PRUNE_BATCH other expired keys,
   * oldest first. One indexed statement per keyed request keeps the table at about a day of keys
   * without a periodic job; SKIP LOCKED keeps two requests from waiting on each other's deletions.
   */
  async prune(userId: number, key: string): Promise<void> {
    await this.db.query(
      `WITH own AS (
         DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < now() - $3::interval),
       batch AS (
         SELECT user_id, key FROM idempotency_keys
          WHERE created_at < now() - $3::interval AND NOT (user_id = $1 AND key = $2)
          ORDER BY created_at LIMIT $4 FOR UPDATE SKIP LOCKED)
       DELETE FROM idempotency_keys k USING batch b WHERE k.user_id = b.user_id AND k.key = b.key`,
      [userId, key, IDEMPOTENCY_KEY_TTL, PRUNE_BATCH],
    );
  }

  /** The first answer to this request, if the key was recorded; 422 if the key belongs to another request. */
  private async earlier<T>(claim: KeyClaim, action: IdempotentAction<T>): Promise<{ status: number; body: unknown } | null> {
    const rows: KeyRow[] = await this.db.query(
      'SELECT route, request_hash, response_status, response_body FROM idempotency_keys WHERE user_id = $1 AND key = $2',
      [claim.userId, claim.key],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.route !== claim.route || row.request_hash !== claim.requestHash) throw idempotencyKeyReused(row.route);
    const status = row.response_status ?? claim.status;
    if (row.response_body !== null) return { status, body: row.response_body };
    // Done, but its answer is not stored: the first copy is just building it, or stopped before it could.
    if (!action.answerNow) throw new Error(`${claim.route}: no stored answer and no way to build one`);
    return { status, body: await action.answerNow() };
  }

  private replay<T>(request: IdempotentRequest, earlier: { status: number; body: unknown }): T {
    void request.reply.status(earlier.status);
    void request.reply.header('idempotent-replayed', 'true');
    return earlier.body as T;
  }

  /** After the commit: the action happened whether or not this works, so a failure only costs the replay its exact body. */
  private async storeAnswer(claim: KeyClaim, answer: unknown): Promise<void> {
    try {
      await claim.answer(this.db.manager, answer);
    } catch (error) {
      this.logger.warn(`${claim.route}: could not store the answer for its Idempotency-Key: ${(error as Error).message}`);
    }
  }
}
