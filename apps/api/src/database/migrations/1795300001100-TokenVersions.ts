import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A per-user token version, carried in every JWT and compared on every request: logout and a password
 * change bump it, so tokens issued before stop working. The per-account failure counter and lock move
 * to Redis (`LoginThrottle`), keyed by (username, client IP): a lock on the whole account let anyone
 * lock an admin out with five requests.
 */
export class TokenVersions1795300001100 implements MigrationInterface {
  name = 'TokenVersions1795300001100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "token_version" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "failed_login_count"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "locked_until"`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "locked_until" TIMESTAMP WITH TIME ZONE`);
    await q.query(`ALTER TABLE "users" ADD "failed_login_count" integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "token_version"`);
  }
}
