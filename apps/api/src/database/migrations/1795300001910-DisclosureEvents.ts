import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DisclosureEvents1795300001910 implements MigrationInterface {
  name = 'DisclosureEvents1795300001910';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."disclosure_subject" AS ENUM('disclosure', 'notice_draft')`);
    await q.query(`CREATE TYPE "public"."disclosure_action" AS ENUM('draft', 'edit', 'submit', 'approve', 'reject')`);
    await q.query(`CREATE TABLE "disclosure_events" ("id" BIGSERIAL NOT NULL, "subject" "public"."disclosure_subject" NOT NULL, "subject_id" integer NOT NULL, "action" "public"."disclosure_action" NOT NULL, "actor_id" integer NOT NULL, "note" character varying(500), "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_bd7ce01a211b780c0e7e429d832" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_disclosure_events_subject" ON "disclosure_events" ("subject", "subject_id", "id") `);
    await q.query(`ALTER TABLE "disclosure_events" ADD CONSTRAINT "FK_53abc56539cd1121fa38daf4715" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER trg_disclosure_events_append_only BEFORE UPDATE OR DELETE ON "disclosure_events" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_disclosure_events_append_only ON "disclosure_events"`);
    await q.query(`ALTER TABLE "disclosure_events" DROP CONSTRAINT "FK_53abc56539cd1121fa38daf4715"`);
    await q.query(`DROP INDEX "public"."idx_disclosure_events_subject"`);
    await q.query(`DROP TABLE "disclosure_events"`);
    await q.query(`DROP TYPE "public"."disclosure_action"`);
    await q.query(`DROP TYPE "public"."disclosure_subject"`);
  }
}
