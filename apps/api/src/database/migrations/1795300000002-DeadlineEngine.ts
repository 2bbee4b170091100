import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeadlineEngine1795300000002 implements MigrationInterface {
  name = 'DeadlineEngine1795300000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."deadline_leg" AS ENUM('dispatch', 'accept', 'resolve', 'survey', 'visit')`);
    await q.query(`CREATE TYPE "public"."deadline_party" AS ENUM('community', 'company', 'department', 'resident')`);
    await q.query(`CREATE TYPE "public"."sla_clock" AS ENUM('working', 'clock')`);
    await q.query(`CREATE TYPE "public"."deadline_status" AS ENUM('open', 'met', 'cancelled')`);
    await q.query(`CREATE TYPE "public"."deadline_event" AS ENUM('warn', 'breach', 'escalate', 'resume')`);
    await q.query(`CREATE TABLE "ticket_deadlines" ("id" BIGSERIAL NOT NULL, "ticket_id" integer NOT NULL, "leg" "public"."deadline_leg" NOT NULL, "party" "public"."deadline_party" NOT NULL, "party_org_id" integer, "clock" "public"."sla_clock" NOT NULL, "allowed_minutes" integer NOT NULL, "warn_ratio" real NOT NULL, "escalation_minutes" integer NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE, "warn_at" TIMESTAMP WITH TIME ZONE, "status" "public"."deadline_status" NOT NULL DEFAULT 'open', "warned_at" TIMESTAMP WITH TIME ZONE, "breached_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "escalation_level" integer NOT NULL DEFAULT '0', "paused_at" TIMESTAMP WITH TIME ZONE, "remaining_minutes" real, "paused_minutes" real NOT NULL DEFAULT '0', "pause_reason" character varying(200), "next_event_at" TIMESTAMP WITH TIME ZONE, "next_event" "public"."deadline_event", "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c538687251f4cd75b388c94f722" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_next" ON "ticket_deadlines" ("next_event_at") WHERE status = 'open' AND next_event_at IS NOT NULL`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_ticket" ON "ticket_deadlines" ("ticket_id", "leg") `);
    await q.query(`CREATE TABLE "notifications" ("id" BIGSERIAL NOT NULL, "user_id" integer NOT NULL, "ticket_id" integer, "kind" character varying(40) NOT NULL, "title" character varying(100) NOT NULL, "body" character varying(500) NOT NULL, "dedupe_key" character varying(120) NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6a72c3c0f683f6462415e653c3a" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_notifications_inbox" ON "notifications" ("user_id", "id") `);
    await q.query(`CREATE TYPE "public"."push_status" AS ENUM('none', 'pending', 'sent', 'failed')`);
    await q.query(`ALTER TABLE "notifications" ADD "push_status" "public"."push_status" NOT NULL DEFAULT 'none'`);
    await q.query(`ALTER TABLE "notifications" ADD "push_attempts" integer NOT NULL DEFAULT '0'`);
    await q.query(`ALTER TABLE "notifications" ADD "push_error" character varying(200)`);
    await q.query(`CREATE INDEX "idx_notifications_push" ON "notifications" ("id") WHERE push_status = 'pending'`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e7651c9a8de8ba1b8def976b55" ON "notifications" ("user_id", "dedupe_key") `);
    await q.query(`CREATE TABLE "sla_policies" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "priority" "public"."priority" NOT NULL, "clock" "public"."sla_clock" NOT NULL, "dispatch_minutes" integer NOT NULL, "accept_minutes" integer NOT NULL, "resolve_minutes" integer NOT NULL, "survey_minutes" integer NOT NULL DEFAULT '4320', "visit_minutes" integer NOT NULL DEFAULT '10080', "warn_ratio" real NOT NULL DEFAULT '0.8', "escalation_minutes" integer NOT NULL DEFAULT '240', "max_pause_minutes" integer NOT NULL DEFAULT '4320', "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41b6803cef982534243a67b6302" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_59648fca659390412f0dcca7bf" ON "sla_policies" ("category_id", "priority") `);
    await q.query(`CREATE TABLE "working_calendars" ("id" SERIAL NOT NULL, "code" character varying(32) NOT NULL, "data" jsonb NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_d317a29e720e4fe208440de42a7" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_e9369425d968362ddc0bd70002" ON "working_calendars" ("code") `);
    await q.query(`CREATE TYPE "public"."visit_task_status" AS ENUM('open', 'done', 'expired', 'cancelled')`);
    await q.query(`CREATE TABLE "visit_tasks" ("id" SERIAL NOT NULL, "ticket_id" integer NOT NULL, "survey_deadline_id" bigint NOT NULL, "community_id" integer NOT NULL, "status" "public"."visit_task_status" NOT NULL DEFAULT 'open', "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "closed_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_7316373f86dda066c5ec77af250" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "IDX_b05c3e19c1b93d64eae0aae585" ON "visit_tasks" ("survey_deadline_id") `);
    await q.query(`CREATE INDEX "idx_visit_tasks_community" ON "visit_tasks" ("community_id", "status", "due_at") `);
    // Enum values are appended in place: rebuilding the shared `role` type (what TypeORM generates)
    // fails while two tables use it. Appending keeps the order the entities declare.
    await q.query(`ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'system'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'pause'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'resume'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'visit'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'expire'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'overdue'`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'supervise'`);
    // The account the workers act as on timelines (no password, no role binding: cannot log in).
    await q.query(`INSERT INTO "users" ("username", "display_name") VALUES ('system', '系统') ON CONFLICT DO NOTHING`);
    await q.query(`ALTER TABLE "ticket_deadlines" ADD CONSTRAINT "FK_7563c190e8dd6f4d62211b35ade" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_9a8a82462cab47c73d25f49261f" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "notifications" ADD CONSTRAINT "FK_d506dd64e3806b61e88a26714e3" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "sla_policies" ADD CONSTRAINT "FK_6ebad37b6a29afd6524c94205c3" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "visit_tasks" ADD CONSTRAINT "FK_7ab7d00b8787ab6c9674fc26a95" FOREIGN KEY ("ticket_id") REFERENCES "tickets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "visit_tasks" DROP CONSTRAINT "FK_7ab7d00b8787ab6c9674fc26a95"`);
    await q.query(`ALTER TABLE "sla_policies" DROP CONSTRAINT "FK_6ebad37b6a29afd6524c94205c3"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_d506dd64e3806b61e88a26714e3"`);
    await q.query(`ALTER TABLE "notifications" DROP CONSTRAINT "FK_9a8a82462cab47c73d25f49261f"`);
    await q.query(`ALTER TABLE "ticket_deadlines" DROP CONSTRAINT "FK_7563c190e8dd6f4d62211b35ade"`);
    // Postgres cannot drop enum values; the added role and actions stay (unused) after a revert.
    await q.query(`DELETE FROM "users" WHERE "username" = 'system' AND NOT EXISTS (SELECT 1 FROM "ticket_events" e WHERE e."actor_id" = "users"."id")`);
    await q.query(`DROP INDEX "public"."idx_visit_tasks_community"`);
    await q.query(`DROP INDEX "public"."IDX_b05c3e19c1b93d64eae0aae585"`);
    await q.query(`DROP TABLE "visit_tasks"`);
    await q.query(`DROP TYPE "public"."visit_task_status"`);
    await q.query(`DROP INDEX "public"."IDX_e9369425d968362ddc0bd70002"`);
    await q.query(`DROP TABLE "working_calendars"`);
    await q.query(`DROP INDEX "public"."IDX_59648fca659390412f0dcca7bf"`);
    await q.query(`DROP TABLE "sla_policies"`);
    await q.query(`DROP INDEX "public"."IDX_e7651c9a8de8ba1b8def976b55"`);
    await q.query(`DROP INDEX "public"."idx_notifications_inbox"`);
    await q.query(`DROP INDEX "public"."idx_notifications_push"`);
    await q.query(`DROP TABLE "notifications"`);
    await q.query(`DROP TYPE "public"."push_status"`);
    await q.query(`DROP INDEX "public"."idx_ticket_deadlines_ticket"`);
    await q.query(`DROP INDEX "public"."idx_ticket_deadlines_next"`);
    await q.query(`DROP TABLE "ticket_deadlines"`);
    await q.query(`DROP TYPE "public"."deadline_event"`);
    await q.query(`DROP TYPE "public"."deadline_status"`);
    await q.query(`DROP TYPE "public"."sla_clock"`);
    await q.query(`DROP TYPE "public"."deadline_party"`);
    await q.query(`DROP TYPE "public"."deadline_leg"`);
  }
}
