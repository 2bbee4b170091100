import type { MigrationInterface, QueryRunner } from 'typeorm';

export class SupervisionNotices1795300001500 implements MigrationInterface {
  name = 'SupervisionNotices1795300001500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."notice_status" AS ENUM('issued', 'answered', 'rejected', 'accepted', 'overdue')`);
    await q.query(`CREATE TYPE "public"."notice_event" AS ENUM('overdue', 'escalate')`);
    await q.query(`CREATE TABLE "supervision_notices" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "compound_ids" integer array NOT NULL, "street_ids" integer array NOT NULL, "district_id" integer NOT NULL, "issuer_unit_id" integer NOT NULL, "issued_by" integer NOT NULL, "problem" character varying(1000) NOT NULL, "expected" character varying(1000) NOT NULL, "ticket_ids" integer array NOT NULL DEFAULT '{}', "black_list_quarter" character varying(6), "working_days" integer NOT NULL, "status" "public"."notice_status" NOT NULL DEFAULT 'issued', "version" integer NOT NULL DEFAULT '1', "issued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "overdue_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "next_event" "public"."notice_event", "next_event_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_9b4420fd0c2f761f599285c6ee8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_supervision_notices_org" ON "supervision_notices" ("organization_id", "id") `);
    await q.query(`CREATE INDEX "idx_supervision_notices_next" ON "supervision_notices" ("next_event_at") WHERE next_event_at IS NOT NULL`);
    await q.query(`CREATE TABLE "company_exits" ("id" SERIAL NOT NULL, "organization_id" integer NOT NULL, "compound_id" integer NOT NULL, "effective_on" date NOT NULL, "notice_id" integer, "vote_id" integer, "successor_organization_id" integer, "successor_contract_id" integer, "ended_contracts" jsonb NOT NULL, "reason" character varying(1000) NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4776e91b95e47fc6ed5ef792b0d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a4eac7c624962f29ea8fcb8310" ON "company_exits" ("compound_id", "effective_on") `);
    await q.query(`CREATE INDEX "IDX_68ffa094b5830b970bd497cd4c" ON "company_exits" ("organization_id", "id") `);
    await q.query(`CREATE TYPE "public"."trail_kind" AS ENUM('notice_issued', 'notice_answered', 'notice_accepted', 'notice_rejected', 'notice_overdue', 'notice_escalated', 'downgrade', 'exit')`);
    await q.query(`CREATE TABLE "company_trail" ("id" BIGSERIAL NOT NULL, "organization_id" integer NOT NULL, "compound_ids" integer array NOT NULL, "kind" "public"."trail_kind" NOT NULL, "notice_id" integer, "summary" character varying(500) NOT NULL, "detail" jsonb NOT NULL DEFAULT '{}', "actor_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_12bab705ba76560f2a0f6dbf1d8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f1ab0c8e158a6e5bf028387cd5" ON "company_trail" ("organization_id", "id") `);
    await q.query(`CREATE TABLE "star_downgrades" ("id" SERIAL NOT NULL, "notice_id" integer NOT NULL, "organization_id" integer NOT NULL, "compound_id" integer NOT NULL, "steps" integer NOT NULL DEFAULT '1', "effective_quarter" character varying(6) NOT NULL, "until_quarter" character varying(6), "reason" character varying(1000) NOT NULL, "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ea0b58c17414f37862cfd993980" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_9ab3b91c431d573a794991d43a" ON "star_downgrades" ("organization_id", "effective_quarter") `);
    await q.query(`CREATE UNIQUE INDEX "uq_star_downgrades_notice_compound" ON "star_downgrades" ("notice_id", "compound_id") `);
    await q.query(`CREATE TYPE "public"."answer_verdict" AS ENUM('accepted', 'rejected')`);
    await q.query(`CREATE TABLE "supervision_answers" ("id" SERIAL NOT NULL, "notice_id" integer NOT NULL, "body" character varying(1000) NOT NULL, "photo_ids" uuid array NOT NULL DEFAULT '{}', "answered_by" integer NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "verdict" "public"."answer_verdict", "verdict_reason" character varying(1000), "verified_by" integer, "verified_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_12813d012d58eb805142081c395" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6358f4549912ab8e09b4ebfb06" ON "supervision_answers" ("notice_id", "id") `);
    await q.query(`ALTER TABLE "uploads" ADD "supervision_notice_id" integer`);
    // The trail is evidence (what a company was told, when it answered, what followed): the database
    // itself refuses to rewrite it, whoever connects. TRUNCATE is left to the backup restore.
    await q.query(`CREATE FUNCTION company_trail_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'company_trail is append-only (% refused)', TG_OP USING ERRCODE = 'restrict_violation'; END $$`);
    await q.query(`CREATE TRIGGER company_trail_append_only BEFORE UPDATE OR DELETE ON "company_trail" FOR EACH ROW EXECUTE FUNCTION company_trail_append_only()`);
    await q.query(`ALTER TABLE "supervision_notices" ADD CONSTRAINT "FK_bbdfc966664864d43cc06264898" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "supervision_notices" ADD CONSTRAINT "FK_9c1c72ef1acc3e6939daf1c3ee3" FOREIGN KEY ("issuer_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "supervision_notices" ADD CONSTRAINT "FK_30d86f9820707e10b95216864bb" FOREIGN KEY ("issued_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_cc9fcbd37bdc020b9a567aa08a2" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_e290eb4730e46e1f318d5d0b06a" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_90566a63c7d10683b948ceaa4ef" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_69be5bd82f793d40a39e15ec70f" FOREIGN KEY ("successor_organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_c8c24fe3ce58e607ea39782cbec" FOREIGN KEY ("successor_contract_id") REFERENCES "compound_contracts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_f54c4ca0f0474e084f9d7e8cb13" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "company_trail" ADD CONSTRAINT "FK_301b52a008d7b9bb34b5b76e830" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "star_downgrades" ADD CONSTRAINT "FK_0ea20d308e19d23289fa168a5ed" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "star_downgrades" ADD CONSTRAINT "FK_b89d6e3ba83a78bab1437c26a65" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "star_downgrades" ADD CONSTRAINT "FK_9e77a0d3d0634a5acb2febaa7f4" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "star_downgrades" ADD CONSTRAINT "FK_a5690afcd6d4253e1442bc2b1a3" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "supervision_answers" ADD CONSTRAINT "FK_16a5cf4bb3308dfdeb74a4ca454" FOREIGN KEY ("notice_id") REFERENCES "supervision_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "supervision_answers" ADD CONSTRAINT "FK_b0112c183bf18faf07aedcfd942" FOREIGN KEY ("answered_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "supervision_answers" ADD CONSTRAINT "FK_ad243dcb459a09c97a6d39427da" FOREIGN KEY ("verified_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "supervision_answers" DROP CONSTRAINT "FK_ad243dcb459a09c97a6d39427da"`);
    await q.query(`ALTER TABLE "supervision_answers" DROP CONSTRAINT "FK_b0112c183bf18faf07aedcfd942"`);
    await q.query(`ALTER TABLE "supervision_answers" DROP CONSTRAINT "FK_16a5cf4bb3308dfdeb74a4ca454"`);
    await q.query(`ALTER TABLE "star_downgrades" DROP CONSTRAINT "FK_a5690afcd6d4253e1442bc2b1a3"`);
    await q.query(`ALTER TABLE "star_downgrades" DROP CONSTRAINT "FK_9e77a0d3d0634a5acb2febaa7f4"`);
    await q.query(`ALTER TABLE "star_downgrades" DROP CONSTRAINT "FK_b89d6e3ba83a78bab1437c26a65"`);
    await q.query(`ALTER TABLE "star_downgrades" DROP CONSTRAINT "FK_0ea20d308e19d23289fa168a5ed"`);
    await q.query(`ALTER TABLE "company_trail" DROP CONSTRAINT "FK_301b52a008d7b9bb34b5b76e830"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_f54c4ca0f0474e084f9d7e8cb13"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_c8c24fe3ce58e607ea39782cbec"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_69be5bd82f793d40a39e15ec70f"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_90566a63c7d10683b948ceaa4ef"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_e290eb4730e46e1f318d5d0b06a"`);
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_cc9fcbd37bdc020b9a567aa08a2"`);
    await q.query(`ALTER TABLE "supervision_notices" DROP CONSTRAINT "FK_30d86f9820707e10b95216864bb"`);
    await q.query(`ALTER TABLE "supervision_notices" DROP CONSTRAINT "FK_9c1c72ef1acc3e6939daf1c3ee3"`);
    await q.query(`ALTER TABLE "supervision_notices" DROP CONSTRAINT "FK_bbdfc966664864d43cc06264898"`);
    await q.query(`ALTER TABLE "uploads" DROP COLUMN "supervision_notice_id"`);
    await q.query(`DROP INDEX "public"."IDX_6358f4549912ab8e09b4ebfb06"`);
    await q.query(`DROP TABLE "supervision_answers"`);
    await q.query(`DROP TYPE "public"."answer_verdict"`);
    await q.query(`DROP INDEX "public"."uq_star_downgrades_notice_compound"`);
    await q.query(`DROP INDEX "public"."IDX_9ab3b91c431d573a794991d43a"`);
    await q.query(`DROP TABLE "star_downgrades"`);
    await q.query(`DROP INDEX "public"."IDX_f1ab0c8e158a6e5bf028387cd5"`);
    await q.query(`DROP TRIGGER company_trail_append_only ON "company_trail"`);
    await q.query(`DROP FUNCTION company_trail_append_only()`);
    await q.query(`DROP TABLE "company_trail"`);
    await q.query(`DROP TYPE "public"."trail_kind"`);
    await q.query(`DROP INDEX "public"."IDX_68ffa094b5830b970bd497cd4c"`);
    await q.query(`DROP INDEX "public"."IDX_a4eac7c624962f29ea8fcb8310"`);
    await q.query(`DROP TABLE "company_exits"`);
    await q.query(`DROP INDEX "public"."idx_supervision_notices_next"`);
    await q.query(`DROP INDEX "public"."idx_supervision_notices_org"`);
    await q.query(`DROP TABLE "supervision_notices"`);
    await q.query(`DROP TYPE "public"."notice_event"`);
    await q.query(`DROP TYPE "public"."notice_status"`);
  }
}
