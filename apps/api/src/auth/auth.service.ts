import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api.exception';
import { AppConfig } from '../config/app-config';
import { hashPassword, verifyPassword } from './password.util';
import { WechatClient } from './wechat.client';

const MAX_FAILURES = 5;
const LOCK_MINUTES = 15;

export interface TokenResponse {
  token: string;
  expiresIn: number;
  userId: number;
}

@Injectable()
export class AuthService {
  // Compared against when the username is unknown, so both paths cost one scrypt.
  private readonly dummyHash = hashPassword('not-a-real-password');

  constructor(
    private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly wechat: WechatClient,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async login(username: string, password: string): Promise<TokenResponse> {
    const rows: Array<{ id: number; password_hash: string | null; locked: boolean }> = await this.db.query(
      `SELECT id, password_hash, coalesce(locked_until > now(), false) AS locked
         FROM users WHERE username = $1 AND active`,
      [username],
    );
    const user = rows[0];
    if (!user) {
      await verifyPassword(password, await this.dummyHash);
      throw this.invalidCredentials();
    }
    if (user.locked) throw this.locked();
    if (!(await verifyPassword(password, user.password_hash))) {
      // One statement, so concurrent wrong guesses cannot undercount.
      const [updated]: Array<{ failed_login_count: number }> = await this.db.query(
        `WITH u AS (
           UPDATE users SET failed_login_count = failed_login_count + 1,
                  locked_until = CASE WHEN failed_login_count + 1 >= $2 THEN now() + make_interval(mins => $3) ELSE locked_until END
            WHERE id = $1 RETURNING failed_login_count)
         SELECT failed_login_count FROM u`,
        [user.id, MAX_FAILURES, LOCK_MINUTES],
      );
      if (updated && updated.failed_login_count >= MAX_FAILURES) throw this.locked();
      throw this.invalidCredentials();
    }
    await this.db.query('UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = $1', [user.id]);
    return this.issue(user.id);
  }

  async devLogin(username: string): Promise<TokenResponse> {
    if (!this.config.devLoginEnabled) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'DEV_LOGIN_DISABLED', 'dev-login is disabled (AUTH_DEV_LOGIN)');
    }
    const rows: Array<{ id: number }> = await this.db.query('SELECT id FROM users WHERE username = $1 AND active', [username]);
    if (!rows[0]) throw ApiException.validation('username', `no demo account named "${username}"`);
    return this.issue(rows[0].id);
  }

  /** A resident signs in from the mini-program; the first login creates the account. */
  async wechatLogin(code: string): Promise<TokenResponse & { created: boolean }> {
    const { openid } = await this.wechat.code2Session(code);
    const rows: Array<{ id: number; created: boolean }> = await this.db.query(
      `WITH existing AS (SELECT id FROM users WHERE wechat_openid = $1),
            inserted AS (
              INSERT INTO users (wechat_openid, display_name)
              SELECT $1, '微信用户' WHERE NOT EXISTS (SELECT 1 FROM existing)
              ON CONFLICT DO NOTHING
              RETURNING id)
       SELECT id, true AS created FROM inserted UNION ALL SELECT id, false FROM existing`,
      [openid],
    );
    let user = rows[0];
    if (!user) {
      // Lost a race with a concurrent first login of the same person: the row exists now.
      const again: Array<{ id: number }> = await this.db.query('SELECT id FROM users WHERE wechat_openid = $1', [openid]);
      user = { id: again[0].id, created: false };
    }
    if (user.created) {
      await this.db.query(`INSERT INTO role_bindings (user_id, role) VALUES ($1, 'resident') ON CONFLICT DO NOTHING`, [user.id]);
    }
    return { ...(await this.issue(user.id)), created: user.created };
  }

  private async issue(userId: number): Promise<TokenResponse> {
    const token = await this.jwt.signAsync({ sub: userId });
    return { token, expiresIn: this.config.JWT_TTL_SECONDS, userId };
  }

  private invalidCredentials(): ApiException {
    return new ApiException(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', 'username or password is wrong');
  }

  private locked(): ApiException {
    return new ApiException(
      HttpStatus.UNAUTHORIZED,
      'ACCOUNT_LOCKED',
      `account locked for ${LOCK_MINUTES} minutes after ${MAX_FAILURES} failed logins`,
    );
  }
}
