import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The per-user daily upload quota counts one owner's uploads since a moment (owner, created_at); the
 * worker's clean-up looks for unattached photos older than a day (partial index on the unattached ones).
 */
export class UploadQuota1795300001200 implements MigrationInterface {
  name = 'UploadQuota1795300001200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_uploads_unattached" ON "uploads" ("created_at") WHERE ticket_id IS NULL`);
    await q.query(`CREATE INDEX "idx_uploads_owner_created" ON "uploads" ("owner_id", "created_at") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."idx_uploads_owner_created"`);
    await q.query(`DROP INDEX "public"."idx_uploads_unattached"`);
  }
}
