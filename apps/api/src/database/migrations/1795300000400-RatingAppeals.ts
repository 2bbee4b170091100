import type { MigrationInterface, QueryRunner } from 'typeorm';

export class RatingAppeals1795300000400 implements MigrationInterface {
  name = 'RatingAppeals1795300000400';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."appeal_status" AS ENUM('pending', 'upheld', 'denied')`);
    await q.query(`CREATE TABLE "rating_appeals" ("id" SERIAL NOT NULL, "ticket_id" integer NOT NULL, "rating_event_id" bigint NOT NULL, "handler_org_id" integer NOT NULL, "reason" character varying(500) NOT NULL, "status" "public"."appeal_status" NOT NULL DEFAULT 'pending', "filed_by" integer NOT NULL, "filed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" integer, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" character varying(500), CONSTRAINT "PK_3b34eae87814dd9d7c4f7fc102d" PRIMARY KEY ("id"))`);
    // One appeal per rating; also the index the SLA report's NOT EXISTS (upheld appeal) probes.
    await q.query(`CREATE UNIQUE INDEX "IDX_43eea2f6b03c99a03ccf502d92" ON "rating_appeals" ("rating_event_id") `);
    await q.query(`CREATE INDEX "idx_rating_appeals_ticket" ON "rating_appeals" ("ticket_id") `);
    await q.query(`CREATE INDEX "idx_rating_appeals_status" ON "rating_appeals" ("status", "id") `);
    // Appended in place, as in DeadlineEngine: TypeORM's rename-and-rebuild of a shared enum is not needed.
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'appeal'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'appeal_decision'`);
    await q.query(`ALTER TABLE "rating_appeals" ADD CONSTRAINT "FK_70c1c4794a20a03478c6549f3bd" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rating_appeals" ADD CONSTRAINT "FK_43eea2f6b03c99a03ccf502d928" FOREIGN KEY ("rating_event_id") REFERENCES "ticket_events"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rating_appeals" ADD CONSTRAINT "FK_f4c8da91114c702d2315625c31d" FOREIGN KEY ("handler_org_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rating_appeals" ADD CONSTRAINT "FK_adeb301a2151b38ccc5dbec9cd2" FOREIGN KEY ("filed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "rating_appeals" ADD CONSTRAINT "FK_068f08944426e0851a30b8ec2bb" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "rating_appeals" DROP CONSTRAINT "FK_068f08944426e0851a30b8ec2bb"`);
    await q.query(`ALTER TABLE "rating_appeals" DROP CONSTRAINT "FK_adeb301a2151b38ccc5dbec9cd2"`);
    await q.query(`ALTER TABLE "rating_appeals" DROP CONSTRAINT "FK_f4c8da91114c702d2315625c31d"`);
    await q.query(`ALTER TABLE "rating_appeals" DROP CONSTRAINT "FK_43eea2f6b03c99a03ccf502d928"`);
    await q.query(`ALTER TABLE "rating_appeals" DROP CONSTRAINT "FK_70c1c4794a20a03478c6549f3bd"`);
    // Postgres cannot drop enum values; 'appeal' and 'appeal_decision' stay (unused once their events are gone).
    await q.query(`DROP INDEX "public"."idx_rating_appeals_status"`);
    await q.query(`DROP INDEX "public"."idx_rating_appeals_ticket"`);
    await q.query(`DROP INDEX "public"."IDX_43eea2f6b03c99a03ccf502d92"`);
    await q.query(`DROP TABLE "rating_appeals"`);
    await q.query(`DROP TYPE "public"."appeal_status"`);
  }
}
