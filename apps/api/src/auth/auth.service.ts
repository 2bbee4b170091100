import { randomBytes } from 'node:crypto';
import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { AppConfig } from '../config/app-config';
import { DEMO_PASSWORD } from '../seed/seed.service';
import { LoginThrottle, PAIR_LOCK_MS, type LoginAdmission } from './login-throttle.service';
import { hashPassword, verifyPassword } from './password.util';
import { WechatClient } from './wechat.client';

export interface TokenResponse {
  token: string;
  expiresIn: number;
  userId: number;
}

/** What a token carries: the user and the user's token version when it was issued. */
export interface TokenPayload {
  sub: number;
  ver?: number;
}

@Injectable()
export class AuthService {
  // Checked when the username is unknown (or has no password), so every admitted attempt costs one
  // scrypt: the answer's timing does not tell whether the account exists.
  private readonly dummyHash = hashPassword(randomBytes(24).toString('base64'));

  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly wechat: WechatClient,
    private readonly throttle: LoginThrottle,
    private readonly actors: ActorService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string, ip: string): Promise<TokenResponse> {
    // Counted before the slow hash, atomically: concurrent guesses past the limit are never checked.
    const admission = await this.throttle.admit(username, ip);
    if (!admission.admitted) throw this.refused(admission);
    const rows: Array<{ id: number; password_hash: string | null; token_version: number }> = await this.db.query(
      'SELECT id, password_hash, token_version FROM users WHERE username = $1 AND active',
      [username],
    );
    const user = rows[0];
    const ok = await verifyPassword(password, user?.password_hash ?? (await this.dummyHash));
    // The 5th wrong password answers exactly like an unknown user; the lock shows on the next attempt,
    // and shows the same for a name that does not exist.
    if (!user?.password_hash || !ok) throw this.invalidCredentials();
    await this.throttle.succeeded(username, ip);
    return this.issue(user.id, user.token_version);
  }

  /** Revokes every token of the user (all devices): the version they carry is no longer current. */
  async logout(userId: number): Promise<void> {
    await this.db.query('UPDATE users SET token_version = token_version + 1 WHERE id = $1', [userId]);
    await this.actors.revoke(userId);
  }

  /**
   * Changes the caller's password and revokes their other sessions; the answer is a fresh token for
   * this one. The current password is checked under the same guessing limits as a login, so a stolen
   * token is not a way to guess it.
   */
  async changePassword(userId: number, currentPassword: string, newPassword: string, ip: string): Promise<TokenResponse> {
    const rows: Array<{ username: string | null; password_hash: string | null }> = await this.db.query(
      'SELECT username, password_hash FROM users WHERE id = $1 AND active',
      [userId],
    );
    const user = rows[0];
    if (!user?.password_hash) {
      throw ApiException.validation('currentPassword', 'this account signs in with WeChat and has no password');
    }
    if (newPassword === DEMO_PASSWORD) throw ApiException.validation('newPassword', 'the published demo password cannot be used');
    if (newPassword === currentPassword) throw ApiException.validation('newPassword', 'must differ from the current password');
    const throttleKey = user.username ?? `#${userId}`;
    const admission = await this.throttle.admit(throttleKey, ip);
    if (!admission.admitted) throw this.refused(admission);
    if (!(await verifyPassword(currentPassword, user.password_hash))) {
      // 400, not 401: the caller is signed in, only the field is wrong.
      throw new ApiException(HttpStatus.BAD_REQUEST, 'INVALID_CREDENTIALS', 'currentPassword: wrong password', [
        { field: 'currentPassword', message: 'wrong password' },
      ]);
    }
    await this.throttle.succeeded(throttleKey, ip);
    const [updated]: Array<{ token_version: number }> = await this.db.query(
      `WITH u AS (UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = now()
                   WHERE id = $1 RETURNING token_version)
       SELECT token_version FROM u`,
      [userId, await hashPassword(newPassword)],
    );
    await this.actors.revoke(userId);
    return this.issue(userId, updated.token_version);
  }

  async devLogin(username: string): Promise<TokenResponse> {
    if (!this.config.devLoginEnabled) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'DEV_LOGIN_DISABLED', 'dev-login is disabled (AUTH_DEV_LOGIN)');
    }
    const rows: Array<{ id: number; token_version: number }> = await this.db.query(
      'SELECT id, token_version FROM users WHERE username = $1 AND active',
      [username],
    );
    if (!rows[0]) throw ApiException.validation('username', `no demo account named "${username}"`);
    return this.issue(rows[0].id, rows[0].token_version);
  }

  /** A resident signs in from the mini-program; the first login creates the account. */
  async wechatLogin(code: string): Promise<TokenResponse & { created: boolean }> {
    const { openid } = await this.wechat.code2Session(code);
    const rows: Array<{ id: number; token_version: number; created: boolean }> = await this.db.query(
      `WITH existing AS (SELECT id, token_version FROM users WHERE wechat_openid = $1),
            inserted AS (
              INSERT INTO users (wechat_openid, display_name)
              SELECT $1, '微信用户' WHERE NOT EXISTS (SELECT 1 FROM existing)
              ON CONFLICT DO NOTHING
              RETURNING id, token_version)
       SELECT id, token_version, true AS created FROM inserted UNION ALL SELECT id, token_version, false FROM existing`,
      [openid],
    );
    let user = rows[0];
    if (!user) {
      // Lost a race with a concurrent first login of the same person: the row exists now.
      const again: Array<{ id: number; token_version: number }> = await this.db.query(
        'SELECT id, token_version FROM users WHERE wechat_openid = $1',
        [openid],
      );
      user = { ...again[0], created: false };
    }
    if (user.created) {
      await this.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident') ON CONFLICT DO NOTHING`, [user.id]);
    }
    return { ...(await this.issue(user.id, user.token_version)), created: user.created };
  }

  private async issue(userId: number, version: number): Promise<TokenResponse> {
    const payload: TokenPayload = { sub: userId, ver: version };
    const token = await this.jwt.signAsync(payload);
    return { token, expiresIn: this.config.JWT_TTL_SECONDS, userId };
  }

  private invalidCredentials(): ApiException {
    return new ApiException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'username or password is wrong');
  }

  private refused(admission: Exclude<LoginAdmission, { admitted: true }>): ApiException {
    const seconds = Math.max(1, Math.ceil(admission.retryAfterMs / 1000));
    return admission.reason === 'locked'
      ? new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          'LOGIN_LOCKED',
          `username: too many failed logins from this address; locked for ${PAIR_LOCK_MS / 60_000} minutes`,
          { retryAfterSeconds: seconds },
        )
      : new ApiException(
          HttpStatus.TOO_MANY_REQUESTS,
          'LOGIN_THROTTLED',
          `username: too many failed logins for this account; retry in ${seconds} s`,
          { retryAfterSeconds: seconds },
        );
  }
}
