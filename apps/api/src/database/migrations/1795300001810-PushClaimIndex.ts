import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Its own migration: PostgreSQL refuses a new enum value ('sending') in the transaction that added it. */
export class PushClaimIndex1795300001810 implements MigrationInterface {
  name = 'PushClaimIndex1795300001810';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_notifications_claimed" ON "notifications" ("claimed_at") WHERE push_status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_notifications_claimed"`);
  }
}
