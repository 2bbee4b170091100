import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { LoginThrottle } from '../auth/login-throttle.service';
import { hashPassword, verifyPassword } from '../auth/password.util';
import { DEMO_PASSWORD } from '../seed/seed.service';
import type { AccessCodePurpose } from './access-code.entity';
import { ACCESS_CODE_TTL_MS, newAccessCode, normaliseAccessCode } from './access-code.util';
import { PeopleClock } from './people-clock.service';

export interface IssuedCode {
  code: string;
  purpose: AccessCodePurpose;
  expiresAt: Date;
}

/**
 * One-time codes to set a password: issued by an admin (invite, reset), redeemed once by the
 * person with their username. A new code voids the person's earlier unused ones.
 */
@Injectable()
export class AccessCodes {
  // Checked when no code waits for the name, so an unknown username costs the same scrypt as a wrong code.
  private readonly dummyHash = hashPassword(newAccessCode());

  constructor(
    private readonly db: DataSource,
    private readonly clock: PeopleClock,
    private readonly throttle: LoginThrottle,
    private readonly actors: ActorService,
  ) {}

  async issue(em: EntityManager, userId: number, purpose: AccessCodePurpose, by: number): Promise<IssuedCode> {
    const now = this.clock.now();
    const code = newAccessCode();
    const expiresAt = new Date(now.getTime() + ACCESS_CODE_TTL_MS);
    await em.query(`UPDATE access_codes SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL`, [userId, now]);
    await em.query(
      `INSERT INTO access_codes (user_id, purpose, code_hash, expires_at, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [userId, purpose, await hashPassword(code), expiresAt, by, now],
    );
    return { code, purpose, expiresAt };
  }

  /**
   * Sets the password and signs the person in. Every refusal (unknown name, wrong, used or expired
   * code) answers the same 401, under the login's guessing limits. Two redemptions at once: the
   * guarded UPDATE lets one through.
   */
  async redeem(username: string, code: string, newPassword: string, ip: string): Promise<{ userId: number; tokenVersion: number }> {
    if (newPassword === DEMO_PASSWORD) throw ApiException.validation('newPassword', 'the published demo password cannot be used');
    const admission = await this.throttle.admit(username, ip);
    if (!admission.admitted) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'LOGIN_THROTTLED', 'username: too many failed attempts; retry later', {
        retryAfterSeconds: Math.max(1, Math.ceil(admission.retryAfterMs / 1000)),
      });
    }
    const now = this.clock.now();
    const rows: Array<{ id: number; user_id: number; code_hash: string }> = await this.db.query(
      `SELECT c.id, c.user_id, c.code_hash FROM access_codes c JOIN users u ON u.id = c.user_id
        WHERE u.username = $1 AND u.active AND c.used_at IS NULL AND c.expires_at > $2 ORDER BY c.id DESC LIMIT 1`,
      [username, now],
    );
    const row = rows[0];
    const ok = await verifyPassword(normaliseAccessCode(code), row?.code_hash ?? (await this.dummyHash));
    if (!row || !ok) throw invalidCode();
    const hash = await hashPassword(newPassword);
    const result = await this.db.transaction(async (em) => {
      const used: unknown[] = await em.query(
        `WITH u AS (UPDATE access_codes SET used_at = $2 WHERE id = $1 AND used_at IS NULL AND expires_at > $2 RETURNING id) SELECT id FROM u`,
        [row.id, now],
      );
      if (used.length === 0) return null;
      const [user]: Array<{ token_version: number }> = await em.query(
        `WITH u AS (UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = now() WHERE id = $1 AND active RETURNING token_version)
         SELECT token_version FROM u`,
        [row.user_id, hash],
      );
      return user ? { userId: row.user_id, tokenVersion: user.token_version } : null;
    });
    if (!result) throw invalidCode();
    await this.throttle.succeeded(username, ip);
    this.actors.forget(result.userId);
    return result;
  }
}

function invalidCode(): ApiException {
  return new ApiException(HttpStatus.UNAUTHORIZED, 'INVALID_CODE', 'code: username or code is wrong, or the code was used or has expired');
}
