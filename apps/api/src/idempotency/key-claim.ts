import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';

/** How long a key is remembered: a retry comes within seconds or minutes; a day is ample. */
export const IDEMPOTENCY_KEY_TTL = '24 hours';

/** sha256 of the (validated) request body; with the route it says whether a retry is the same request. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body ?? {})).digest('hex');
}

/** A concurrent copy of this request committed the key first: this copy's transaction must not go on. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly route: string) {
    super(`${route}: Idempotency-Key was recorded by a concurrent copy of this request`);
  }
}

/**
 * The key a request brought, to be written by the action itself inside its own transaction (with the
 * guarded update and the timeline event): the key exists exactly when the action happened.
 */
export class KeyClaim {
  recorded = false;
  answered = false;

  constructor(
    readonly userId: number,
    readonly key: string,
    readonly route: string,
    readonly requestHash: string,
    readonly status: number,
  ) {}

  /**
   * First statement of the action's transaction. A concurrent copy that inserted the same key first
   * makes this insert wait for it (the primary key); if that copy committed, this one stops here.
   */
  async record(em: EntityManager, ticketId: number): Promise<void> {
    const rows: unknown[] = await em.query(
      `INSERT INTO idempotency_keys (user_id, key, route, request_hash, ticket_id, response_status)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (user_id, key) DO NOTHING RETURNING key`,
      [this.userId, this.key, this.route, this.requestHash, ticketId, this.status],
    );
    if (rows.length === 0) throw new IdempotencyKeyTaken(this.route);
    this.recorded = true;
  }

  /** Stores the answer the client gets (inside the transaction when the action can build it there). */
  async answer(em: EntityManager, body: unknown): Promise<void> {
    await em.query('UPDATE idempotency_keys SET response_body = $3::json WHERE user_id = $1 AND key = $2', [
      this.userId,
      this.key,
      JSON.stringify(body),
    ]);
    this.answered = true;
  }
}
