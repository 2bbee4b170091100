import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NoticeCorrections1795300001920 implements MigrationInterface {
  name = 'NoticeCorrections1795300001920';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE UNIQUE INDEX "uq_compound_notices_corrects" ON "compound_notices" ("corrects_id") WHERE corrects_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "public"."uq_compound_notices_corrects"`);
  }
}
