import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Disclosures1795300001900 implements MigrationInterface {
  name = 'Disclosures1795300001900';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."disclosure_status" AS ENUM('draft', 'pending_review', 'approved', 'rejected')`);
    await q.query(`CREATE TYPE "public"."disclosure_basis_kind" AS ENUM('contract', 'price_bureau')`);
    await q.query(`CREATE TABLE "compound_disclosures" ("id" SERIAL NOT NULL, "compound_id" integer NOT NULL, "organization_id" integer NOT NULL, "version" integer NOT NULL, "status" "public"."disclosure_status" NOT NULL DEFAULT 'draft', "revision" integer NOT NULL DEFAULT '1', "service_content" text NOT NULL, "fee_items" jsonb NOT NULL, "basis_kind" "public"."disclosure_basis_kind" NOT NULL, "basis_text" text NOT NULL, "basis_upload_id" uuid, "commitments" text NOT NULL, "complaint_phone" character varying(20) NOT NULL, "drafted_by" integer NOT NULL, "drafted_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_by" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "submitted_by" integer, "submitted_at" TIMESTAMP WITH TIME ZONE, "reviewed_by" integer, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_note" character varying(500), CONSTRAINT "PK_deef64759257de99b9d0e1c134f" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_compound_disclosures_status" ON "compound_disclosures" ("status", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_compound_disclosures_open" ON "compound_disclosures" ("compound_id") WHERE status IN ('draft', 'pending_review')`);
    await q.query(`CREATE UNIQUE INDEX "uq_compound_disclosures_version" ON "compound_disclosures" ("compound_id", "version") `);
    await q.query(`CREATE TYPE "public"."board_notice_kind" AS ENUM('fund_spending', 'public_income')`);
    await q.query(`CREATE TYPE "public"."notice_draft_status" AS ENUM('pending_review', 'published', 'rejected')`);
    await q.query(`CREATE TABLE "compound_notice_drafts" ("id" SERIAL NOT NULL, "compound_id" integer NOT NULL, "kind" "public"."board_notice_kind" NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "month" date NOT NULL, "amounts" jsonb NOT NULL, "attachment_ids" uuid array NOT NULL DEFAULT '{}', "corrects_id" integer, "status" "public"."notice_draft_status" NOT NULL DEFAULT 'pending_review', "drafted_by" integer NOT NULL, "drafted_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reviewed_by" integer, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_note" character varying(500), "notice_id" integer, CONSTRAINT "UQ_8b8f65de209f69e7f29d36d0ae0" UNIQUE ("notice_id"), CONSTRAINT "PK_d2449f655216e752d5d30f72da6" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_compound_notice_drafts_compound" ON "compound_notice_drafts" ("compound_id", "id") `);
    await q.query(`CREATE INDEX "idx_compound_notice_drafts_status" ON "compound_notice_drafts" ("status", "id") `);
    // ADD VALUE rather than a type swap: the vote-result partial index names the enum in its predicate.
    await q.query(`ALTER TYPE "public"."compound_notice_kind" ADD VALUE IF NOT EXISTS 'fund_spending'`);
    await q.query(`ALTER TYPE "public"."compound_notice_kind" ADD VALUE IF NOT EXISTS 'public_income'`);
    await q.query(`ALTER TABLE "compound_disclosures" ADD CONSTRAINT "FK_e6a63d70714dcd31e281aaed654" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_disclosures" ADD CONSTRAINT "FK_0c934b885fc06434aeb317e8cd8" FOREIGN KEY ("organization_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_disclosures" ADD CONSTRAINT "FK_fb4910341f064b715a32bce5bfe" FOREIGN KEY ("drafted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notice_drafts" ADD CONSTRAINT "FK_6fd44a54c4a7473fbdaddda9ff3" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notice_drafts" ADD CONSTRAINT "FK_720640f075be2c2076c17e98e81" FOREIGN KEY ("corrects_id") REFERENCES "compound_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notice_drafts" ADD CONSTRAINT "FK_5ae5403640d9a4b1f24e6f886bb" FOREIGN KEY ("drafted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notice_drafts" ADD CONSTRAINT "FK_8b8f65de209f69e7f29d36d0ae0" FOREIGN KEY ("notice_id") REFERENCES "compound_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    // A reviewed 五公开 version is history: who approved what, when. Nothing may rewrite it.
    await q.query(`CREATE FUNCTION rb_disclosure_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status IN ('approved', 'rejected') THEN RAISE EXCEPTION 'compound disclosure % is reviewed: % refused', OLD.id, TG_OP USING ERRCODE = 'integrity_constraint_violation'; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_compound_disclosures_frozen BEFORE UPDATE OR DELETE ON "compound_disclosures" FOR EACH ROW EXECUTE FUNCTION rb_disclosure_frozen()`);
    // A reviewed notice draft is the record of what the community approved or refused.
    await q.query(`CREATE FUNCTION rb_notice_draft_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status <> 'pending_review' THEN RAISE EXCEPTION 'notice draft % is reviewed: % refused', OLD.id, TG_OP USING ERRCODE = 'integrity_constraint_violation'; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_compound_notice_drafts_frozen BEFORE UPDATE OR DELETE ON "compound_notice_drafts" FOR EACH ROW EXECUTE FUNCTION rb_notice_draft_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_compound_notice_drafts_frozen ON "compound_notice_drafts"`);
    await q.query(`DROP FUNCTION rb_notice_draft_frozen()`);
    await q.query(`DROP TRIGGER trg_compound_disclosures_frozen ON "compound_disclosures"`);
    await q.query(`DROP FUNCTION rb_disclosure_frozen()`);
    await q.query(`ALTER TABLE "compound_notice_drafts" DROP CONSTRAINT "FK_8b8f65de209f69e7f29d36d0ae0"`);
    await q.query(`ALTER TABLE "compound_notice_drafts" DROP CONSTRAINT "FK_5ae5403640d9a4b1f24e6f886bb"`);
    await q.query(`ALTER TABLE "compound_notice_drafts" DROP CONSTRAINT "FK_720640f075be2c2076c17e98e81"`);
    await q.query(`ALTER TABLE "compound_notice_drafts" DROP CONSTRAINT "FK_6fd44a54c4a7473fbdaddda9ff3"`);
    await q.query(`ALTER TABLE "compound_disclosures" DROP CONSTRAINT "FK_fb4910341f064b715a32bce5bfe"`);
    await q.query(`ALTER TABLE "compound_disclosures" DROP CONSTRAINT "FK_0c934b885fc06434aeb317e8cd8"`);
    await q.query(`ALTER TABLE "compound_disclosures" DROP CONSTRAINT "FK_e6a63d70714dcd31e281aaed654"`);
    // PostgreSQL cannot drop an enum value; the 业委会 kinds stay (unused) after a rollback.
    await q.query(`DROP INDEX "public"."idx_compound_notice_drafts_status"`);
    await q.query(`DROP INDEX "public"."idx_compound_notice_drafts_compound"`);
    await q.query(`DROP TABLE "compound_notice_drafts"`);
    await q.query(`DROP TYPE "public"."notice_draft_status"`);
    await q.query(`DROP TYPE "public"."board_notice_kind"`);
    await q.query(`DROP INDEX "public"."uq_compound_disclosures_version"`);
    await q.query(`DROP INDEX "public"."uq_compound_disclosures_open"`);
    await q.query(`DROP INDEX "public"."idx_compound_disclosures_status"`);
    await q.query(`DROP TABLE "compound_disclosures"`);
    await q.query(`DROP TYPE "public"."disclosure_basis_kind"`);
    await q.query(`DROP TYPE "public"."disclosure_status"`);
  }
}
