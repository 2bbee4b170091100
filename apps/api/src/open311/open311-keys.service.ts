import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api.exception';
import { RateLimitStore } from '../common/rate-limit.store';
import { AppConfig } from '../config/app-config';
import type { Open311KeyScope } from './open311-key.entity';
import { Open311Error } from './open311.error';

const WINDOW_MS = 60_000;
/**
 * How stale `last_used_at` may get. Writing it on every request made a busy key's row the one hot
 * row every POST queued on; once a minute is plenty to tell an admin which keys are in use.
 */
export const LAST_USED_RESOLUTION = '1 minute';

/** A valid key, as the requests it makes see it. */
export interface Open311Caller {
  keyId: number;
  reporterId: number;
  scope: Open311KeyScope;
}

export interface IssuedKey {
  id: number;
  name: string;
  key: string;
  keyPrefix: string;
  reporterId: number;
  scope: Open311KeyScope;
  purpose: string | null;
  createdAt: Date;
}

function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/**
 * Open311 API keys. A key is 256 random bits, so a plain SHA-256 is enough to store it (no salt
 * or slow hash needed: nothing to brute-force). Each key gets its own reporter user, so the
 * tickets a 311 client files can be told apart and traced to the key.
 */
@Injectable()
export class Open311KeysService {
  constructor(
    private readonly db: DataSource,
    private readonly rates: RateLimitStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  /** A `full` key needs the purpose it is granted for (PIPL: processing limited to a stated purpose). */
  async issue(name: string, adminId: number, scope: Open311KeyScope = 'public', purpose: string | null = null): Promise<IssuedKey> {
    if (scope === 'full' && !purpose?.trim()) {
      throw ApiException.validation('purpose', 'required for a key with the full scope (why it may read exact locations and descriptions)');
    }
    const key = `o311_${randomBytes(32).toString('base64url')}`;
    const keyPrefix = key.slice(0, 9);
    return this.db.transaction(async (em) => {
      const [user]: Array<{ id: number }> = await em.query(
        `INSERT INTO users (display_name) VALUES ($1) RETURNING id`,
        [`Open311·${name}`.slice(0, 50)],
      );
      const [row]: Array<{ id: number; created_at: Date }> = await em.query(
        `INSERT INTO open311_keys (name, key_hash, key_prefix, reporter_id, created_by, scope, purpose)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, created_at`,
        [name, hashKey(key), keyPrefix, user.id, adminId, scope, purpose?.trim() || null],
      );
      return { id: row.id, name, key, keyPrefix, reporterId: user.id, scope, purpose: purpose?.trim() || null, createdAt: row.created_at };
    });
  }

  list(): Promise<unknown[]> {
    return this.db.query(
      `SELECT k.id, k.name, k.key_prefix AS "keyPrefix", k.reporter_id AS "reporterId", k.created_by AS "createdBy",
              k.scope, k.purpose, k.created_at AS "createdAt", k.last_used_at AS "lastUsedAt", k.revoked_at AS "revokedAt",
              (SELECT count(*)::int FROM open311_requests r WHERE r.api_key_id = k.id) AS "requestCount"
         FROM open311_keys k ORDER BY k.id DESC`,
    );
  }

  /** Revoking twice is harmless: the first revocation time is kept. */
  async revoke(id: number): Promise<{ id: number; revokedAt: Date }> {
    // TypeORM answers an UPDATE … RETURNING with [rows, affected].
    const [rows]: [Array<{ id: number; revoked_at: Date }>, number] = await this.db.query(
      `UPDATE open311_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 RETURNING id, revoked_at`,
      [id],
    );
    if (!rows[0]) throw ApiException.notFound('open311 key');
    return { id: rows[0].id, revokedAt: rows[0].revoked_at };
  }

  /** The key's id, reporter and scope, or a 403 for a missing, unknown or revoked key; then the per-key rate limit. */
  async authorize(apiKey: unknown): Promise<Open311Caller> {
    if (typeof apiKey !== 'string' || apiKey === '') throw Open311Error.forbidden('api_key is required to create a service request');
    const caller = await this.identify(apiKey);
    await this.count(caller.keyId);
    return caller;
  }

  /** A key given to a GET (to read more than the public feed): the same checks, no rate limit of its own. */
  async reader(apiKey: string): Promise<Open311Caller> {
    return this.identify(apiKey);
  }

  private async identify(apiKey: string): Promise<Open311Caller> {
    const rows: Array<{ id: number; reporter_id: number; scope: Open311KeyScope }> = await this.db.query(
      `SELECT id, reporter_id, scope FROM open311_keys WHERE key_hash = $1 AND revoked_at IS NULL`,
      [hashKey(apiKey)],
    );
    if (!rows[0]) throw Open311Error.forbidden('api_key is invalid or revoked');
    await this.touch(rows[0].id);
    return { keyId: rows[0].id, reporterId: rows[0].reporter_id, scope: rows[0].scope };
  }

  /**
   * Records that the key was used, at most once per LAST_USED_RESOLUTION: a plain read on every
   * other request, and SKIP LOCKED so a request never waits for another one writing the same row.
   */
  private async touch(keyId: number): Promise<void> {
    await this.db.query(
      `UPDATE open311_keys SET last_used_at = now()
        WHERE id = (SELECT id FROM open311_keys
                     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '${LAST_USED_RESOLUTION}')
                     FOR UPDATE SKIP LOCKED)`,
      [keyId],
    );
  }

  /** One-minute windows per key, shared by every API process like the API's other rate limits. */
  private async count(keyId: number): Promise<void> {
    const window = await this.rates.hit(`open311:k${keyId}`, WINDOW_MS);
    if (window.count > this.config.OPEN311_POSTS_PER_MINUTE) {
      throw new Open311Error(429, `rate limit of ${this.config.OPEN311_POSTS_PER_MINUTE} service requests per minute exceeded for this api_key`);
    }
  }
}
