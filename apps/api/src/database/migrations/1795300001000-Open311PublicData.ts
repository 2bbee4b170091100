import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the anonymous Open311 feed may publish (issue #11): a category is listed publicly only when
 * an operator marks it so (private by default: a category added later must not leak until someone
 * decided), and an API key reads more than the public view only with the `full` scope an admin
 * granted for a stated purpose.
 */
export class Open311PublicData1795300001000 implements MigrationInterface {
  name = 'Open311PublicData1795300001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "categories" ADD "publicly_listed" boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TYPE "public"."open311_key_scope" AS ENUM('public', 'full')`);
    await q.query(`ALTER TABLE "open311_keys" ADD "scope" "public"."open311_key_scope" NOT NULL DEFAULT 'public'`);
    await q.query(`ALTER TABLE "open311_keys" ADD "purpose" character varying(500)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "open311_keys" DROP COLUMN "purpose"`);
    await q.query(`ALTER TABLE "open311_keys" DROP COLUMN "scope"`);
    await q.query(`DROP TYPE "public"."open311_key_scope"`);
    await q.query(`ALTER TABLE "categories" DROP COLUMN "publicly_listed"`);
  }
}
