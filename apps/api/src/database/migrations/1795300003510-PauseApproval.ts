import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 挂起 with the community's approval (issue #13): a policy flag, and the handler's requests with the
 * community's decision. The enum values stay in the type on the way down (dropping them would need
 * the type rebuilt under the append-only timeline).
 */
export class PauseApproval1795300003510 implements MigrationInterface {
  name = 'PauseApproval1795300003510';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."pause_request_status" AS ENUM('pending', 'approved', 'refused')`);
    await q.query(`CREATE TABLE "pause_requests" ("id" SERIAL NOT NULL, "ticket_id" integer NOT NULL, "requested_by" integer NOT NULL, "reason" character varying(200) NOT NULL, "status" "public"."pause_request_status" NOT NULL DEFAULT 'pending', "decided_by" integer, "decision_note" character varying(200), "decided_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea559dab06a06a67c9bb251a889" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_pause_requests_pending" ON "pause_requests" ("ticket_id") WHERE status = 'pending'`);
    await q.query(`ALTER TABLE "sla_policies" ADD "pause_needs_approval" boolean NOT NULL DEFAULT false`);
    // ADD VALUE, not the generator's rename-and-recreate: ticket_events is append-only and large.
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'pause_request'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'pause_decision'`);
    await q.query(`ALTER TABLE "pause_requests" ADD CONSTRAINT "FK_a465bad3387b51b54ee7b88cf9c" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "pause_requests" ADD CONSTRAINT "FK_e9ed1db8ae62ae23549f1201d61" FOREIGN KEY ("requested_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "pause_requests" ADD CONSTRAINT "FK_5a589a0b1737cb73807b09be8a3" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "pause_requests" DROP CONSTRAINT "FK_5a589a0b1737cb73807b09be8a3"`);
    await q.query(`ALTER TABLE "pause_requests" DROP CONSTRAINT "FK_e9ed1db8ae62ae23549f1201d61"`);
    await q.query(`ALTER TABLE "pause_requests" DROP CONSTRAINT "FK_a465bad3387b51b54ee7b88cf9c"`);
    await q.query(`ALTER TABLE "sla_policies" DROP COLUMN "pause_needs_approval"`);
    await q.query(`DROP INDEX "public"."uq_pause_requests_pending"`);
    await q.query(`DROP TABLE "pause_requests"`);
    await q.query(`DROP TYPE "public"."pause_request_status"`);
  }
}
