import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The message centre (docs/decisions.md, messages): per-template subscribe consent, the outbox claim
 * (push_status 'sending' + claimed_at, and 'unknown' for a claim whose outcome was lost), and a partial
 * index for unread counts. Every push before this was a 回访 request, hence push_template 'visit'.
 */
export class MessageCentre1795300001800 implements MigrationInterface {
  name = 'MessageCentre1795300001800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."subscribe_decision" AS ENUM('accept', 'reject', 'ban')`);
    await q.query(`CREATE TABLE "subscribe_consents" ("user_id" integer NOT NULL, "template" character varying(20) NOT NULL, "decision" "public"."subscribe_decision" NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5ecdf9d4bf8aedf94e173e8c3f6" PRIMARY KEY ("user_id", "template"))`);
    await q.query(`ALTER TABLE "notifications" ADD "push_template" character varying(20)`);
    await q.query(`ALTER TABLE "notifications" ADD "claimed_at" TIMESTAMP WITH TIME ZONE`);
    await q.query(`UPDATE "notifications" SET "push_template" = 'visit' WHERE "push_status" <> 'none'`);
    // ADD VALUE, not the generator's rename-and-recreate: the partial index on push_status would block it.
    await q.query(`ALTER TYPE "public"."push_status" ADD VALUE 'sending' AFTER 'pending'`);
    await q.query(`ALTER TYPE "public"."push_status" ADD VALUE 'unknown' AFTER 'failed'`);
    await q.query(`CREATE INDEX "idx_notifications_unread" ON "notifications" ("user_id", "ticket_id") WHERE read_at IS NULL`);
    await q.query(`ALTER TABLE "subscribe_consents" ADD CONSTRAINT "FK_225614cc85c54ca024a031a399b" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "subscribe_consents" DROP CONSTRAINT "FK_225614cc85c54ca024a031a399b"`);
    await q.query(`DROP INDEX "public"."idx_notifications_unread"`);
    await q.query(`DROP INDEX "public"."idx_notifications_push"`);
    await q.query(`UPDATE "notifications" SET "push_status" = 'failed' WHERE "push_status" IN ('sending', 'unknown')`);
    await q.query(`ALTER TYPE "public"."push_status" RENAME TO "push_status_old"`);
    await q.query(`CREATE TYPE "public"."push_status" AS ENUM('none', 'pending', 'sent', 'failed')`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "push_status" DROP DEFAULT`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "push_status" TYPE "public"."push_status" USING "push_status"::"text"::"public"."push_status"`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "push_status" SET DEFAULT 'none'`);
    await q.query(`DROP TYPE "public"."push_status_old"`);
    await q.query(`CREATE INDEX "idx_notifications_push" ON "notifications" ("id") WHERE push_status = 'pending'`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "claimed_at"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "push_template"`);
    await q.query(`DROP TABLE "subscribe_consents"`);
    await q.query(`DROP TYPE "public"."subscribe_decision"`);
  }
}
