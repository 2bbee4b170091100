import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { DEMO_PASSWORD } from '../seed/seed.service';
import { verifyPassword } from './password.util';

/** The demo file's accounts (seeds/demo.json): their password is printed in the README. */
export const DEMO_USERNAMES = [
  'resident', 'resident2', 'grid', 'grid2', 'community', 'community2', 'street', 'property', 'property2', 'property3',
  'property4', 'property5', 'property6', 'worker', 'dept', 'dept-fire', 'dept-housing', 'dept-market', 'dept-water',
  'dept-power', 'dept-police', 'supervisor', 'admin', 'committee', 'owner', 'owner2', 'community3',
];

/**
 * Production refuses to serve while an account still signs in with the published demo password (a
 * demo database promoted to production, or `SEED_DEMO=true` without `SEED_PASSWORD`): anyone who read
 * the README would be an admin. Checks the demo usernames and every admin, a bounded handful of hashes.
 */
@Injectable()
export class DemoAccountsCheck implements OnApplicationBootstrap {
  private readonly log = new Logger('DemoAccountsCheck');

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly db: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.strictProduction) return;
    const rows: Array<{ username: string; password_hash: string }> = await this.db.query(
      `SELECT u.username, u.password_hash FROM users u
        WHERE u.active AND u.password_hash IS NOT NULL
          AND (u.username = ANY($1) OR EXISTS (SELECT 1 FROM role_bindings b WHERE b.user_id = u.id AND b.role = 'admin'))
        ORDER BY u.id LIMIT 100`,
      [DEMO_USERNAMES],
    );
    // scrypt runs on libuv's thread pool: verifying side by side keeps boot short.
    const matches = await Promise.all(rows.map((r) => verifyPassword(DEMO_PASSWORD, r.password_hash)));
    const exposed = rows.filter((_, i) => matches[i]).map((r) => r.username);
    if (exposed.length === 0) return;
    this.log.error(`accounts with the demo password: ${exposed.join(', ')}`);
    throw new Error(
      `Refusing to start in production: ${exposed.length} account(s) still use the published demo password (${exposed.slice(0, 5).join(', ')}…). ` +
        'Change their passwords or deactivate them (DEMO_MODE=true is the opt-in for a public demo).',
    );
  }
}
