import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 积分 (issue #15): earning rules, the append-only points ledger with a balance row per resident,
 * the 爱心屋 catalogue and redemptions, community activities and their sign-ups. The ledger refuses
 * UPDATE and DELETE by trigger (rb_refuse_change, from the votes migration): a wrong line is undone
 * by a reverse line, never edited.
 */
export class Points1795300002000 implements MigrationInterface {
  name = 'Points1795300002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "activities" ("id" SERIAL NOT NULL, "community_id" integer NOT NULL, "title" character varying(100) NOT NULL, "place" character varying(100) NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "hours_tenths" integer NOT NULL, "capacity" integer NOT NULL, "signed_up" integer NOT NULL DEFAULT '0', "created_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_activities_capacity" CHECK (signed_up >= 0 AND signed_up <= capacity AND capacity > 0 AND hours_tenths > 0), CONSTRAINT "PK_7f4004429f731ffb9c88eb486a8" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_activities_community" ON "activities" ("community_id", "starts_at") `);
    await q.query(`CREATE TABLE "activity_signups" ("id" SERIAL NOT NULL, "activity_id" integer NOT NULL, "user_id" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "attended_at" TIMESTAMP WITH TIME ZONE, "checked_by" integer, CONSTRAINT "PK_74b1603e47cb4ab39beb97ae823" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_activity_signups" ON "activity_signups" ("activity_id", "user_id") `);
    await q.query(`CREATE TABLE "points_accounts" ("user_id" integer NOT NULL, "balance" integer NOT NULL DEFAULT '0', CONSTRAINT "ck_points_accounts_balance" CHECK (balance >= 0), CONSTRAINT "PK_80aeb534808a89b2dc130f0faff" PRIMARY KEY ("user_id"))`);
    await q.query(`CREATE TYPE "public"."points_entry_kind" AS ENUM('earn', 'spend', 'reverse')`);
    await q.query(`CREATE TYPE "public"."points_source_kind" AS ENUM('activity', 'report', 'survey', 'redemption')`);
    await q.query(`CREATE TABLE "points_entries" ("id" BIGSERIAL NOT NULL, "user_id" integer NOT NULL, "community_id" integer NOT NULL, "kind" "public"."points_entry_kind" NOT NULL, "points" integer NOT NULL, "reason" character varying(200) NOT NULL, "source_kind" "public"."points_source_kind" NOT NULL, "source_id" integer NOT NULL, "day" date NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_65c6da170aeec36e4870a88336e" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_points_entries_community" ON "points_entries" ("community_id", "created_at") `);
    await q.query(`CREATE INDEX "idx_points_entries_user" ON "points_entries" ("user_id", "id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_points_entries_source" ON "points_entries" ("user_id", "kind", "source_kind", "source_id") `);
    await q.query(`CREATE TYPE "public"."points_rule_kind" AS ENUM('activity_hour', 'report_confirmed', 'survey_answered')`);
    await q.query(`CREATE TABLE "points_rules" ("id" SERIAL NOT NULL, "org_unit_id" integer NOT NULL, "kind" "public"."points_rule_kind" NOT NULL, "points" integer NOT NULL, "daily_cap" integer NOT NULL, "updated_by" integer NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_points_rules_points" CHECK (points >= 0 AND daily_cap >= 0), CONSTRAINT "PK_31dbce42a4fd583b099b9e438a3" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_points_rules_unit_kind" ON "points_rules" ("org_unit_id", "kind") `);
    await q.query(`CREATE TABLE "shop_items" ("id" SERIAL NOT NULL, "community_id" integer NOT NULL, "name" character varying(100) NOT NULL, "price" integer NOT NULL, "stock" integer NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_shop_items_stock" CHECK (stock >= 0 AND price > 0), CONSTRAINT "PK_413571c2dd7b80fd08551cf7726" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_shop_items_community" ON "shop_items" ("community_id", "id") `);
    await q.query(`CREATE TYPE "public"."redemption_status" AS ENUM('pending', 'handed_over', 'cancelled')`);
    await q.query(`CREATE TABLE "redemptions" ("id" SERIAL NOT NULL, "item_id" integer NOT NULL, "user_id" integer NOT NULL, "price" integer NOT NULL, "status" "public"."redemption_status" NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" integer, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_def143ab94376fea5985bb04219" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_redemptions_item" ON "redemptions" ("item_id", "status") `);
    await q.query(`CREATE INDEX "idx_redemptions_user" ON "redemptions" ("user_id", "id") `);
    await q.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_ae35258961d93c1083b7ed99d2f" FOREIGN KEY ("community_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "activities" ADD CONSTRAINT "FK_eadf67c38263ba30b296d40f033" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "activity_signups" ADD CONSTRAINT "FK_98d60788f4a491bbded115f6478" FOREIGN KEY ("activity_id") REFERENCES "activities"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "activity_signups" ADD CONSTRAINT "FK_a05888f78afc92f7f773736a5bd" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "activity_signups" ADD CONSTRAINT "FK_d94481ecc62bf548fcad07c93ec" FOREIGN KEY ("checked_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "points_accounts" ADD CONSTRAINT "FK_80aeb534808a89b2dc130f0faff" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "points_entries" ADD CONSTRAINT "FK_8982f4807d82b988095541e9e80" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "points_entries" ADD CONSTRAINT "FK_832663f1482ad7349661199e2d4" FOREIGN KEY ("community_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "points_rules" ADD CONSTRAINT "FK_a73b521cb4d505b31cc09ecdd43" FOREIGN KEY ("org_unit_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "points_rules" ADD CONSTRAINT "FK_dc969716f3e281bc1f3795650e9" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "shop_items" ADD CONSTRAINT "FK_d27cefde25c35e7e50591002184" FOREIGN KEY ("community_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "redemptions" ADD CONSTRAINT "FK_ad8e001130e343a98ebaef61570" FOREIGN KEY ("item_id") REFERENCES "shop_items"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "redemptions" ADD CONSTRAINT "FK_c59b27ed1a764e578add290572c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "redemptions" ADD CONSTRAINT "FK_eebe06872c8abfc0aa76e0f5410" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER trg_points_entries_append_only BEFORE UPDATE OR DELETE ON "points_entries" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_points_entries_append_only ON "points_entries"`);
    await q.query(`ALTER TABLE "redemptions" DROP CONSTRAINT "FK_eebe06872c8abfc0aa76e0f5410"`);
    await q.query(`ALTER TABLE "redemptions" DROP CONSTRAINT "FK_c59b27ed1a764e578add290572c"`);
    await q.query(`ALTER TABLE "redemptions" DROP CONSTRAINT "FK_ad8e001130e343a98ebaef61570"`);
    await q.query(`ALTER TABLE "shop_items" DROP CONSTRAINT "FK_d27cefde25c35e7e50591002184"`);
    await q.query(`ALTER TABLE "points_rules" DROP CONSTRAINT "FK_dc969716f3e281bc1f3795650e9"`);
    await q.query(`ALTER TABLE "points_rules" DROP CONSTRAINT "FK_a73b521cb4d505b31cc09ecdd43"`);
    await q.query(`ALTER TABLE "points_entries" DROP CONSTRAINT "FK_832663f1482ad7349661199e2d4"`);
    await q.query(`ALTER TABLE "points_entries" DROP CONSTRAINT "FK_8982f4807d82b988095541e9e80"`);
    await q.query(`ALTER TABLE "points_accounts" DROP CONSTRAINT "FK_80aeb534808a89b2dc130f0faff"`);
    await q.query(`ALTER TABLE "activity_signups" DROP CONSTRAINT "FK_d94481ecc62bf548fcad07c93ec"`);
    await q.query(`ALTER TABLE "activity_signups" DROP CONSTRAINT "FK_a05888f78afc92f7f773736a5bd"`);
    await q.query(`ALTER TABLE "activity_signups" DROP CONSTRAINT "FK_98d60788f4a491bbded115f6478"`);
    await q.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_eadf67c38263ba30b296d40f033"`);
    await q.query(`ALTER TABLE "activities" DROP CONSTRAINT "FK_ae35258961d93c1083b7ed99d2f"`);
    await q.query(`DROP INDEX "public"."idx_redemptions_user"`);
    await q.query(`DROP INDEX "public"."idx_redemptions_item"`);
    await q.query(`DROP TABLE "redemptions"`);
    await q.query(`DROP TYPE "public"."redemption_status"`);
    await q.query(`DROP INDEX "public"."idx_shop_items_community"`);
    await q.query(`DROP TABLE "shop_items"`);
    await q.query(`DROP INDEX "public"."uq_points_rules_unit_kind"`);
    await q.query(`DROP TABLE "points_rules"`);
    await q.query(`DROP TYPE "public"."points_rule_kind"`);
    await q.query(`DROP INDEX "public"."uq_points_entries_source"`);
    await q.query(`DROP INDEX "public"."idx_points_entries_user"`);
    await q.query(`DROP INDEX "public"."idx_points_entries_community"`);
    await q.query(`DROP TABLE "points_entries"`);
    await q.query(`DROP TYPE "public"."points_source_kind"`);
    await q.query(`DROP TYPE "public"."points_entry_kind"`);
    await q.query(`DROP TABLE "points_accounts"`);
    await q.query(`DROP INDEX "public"."uq_activity_signups"`);
    await q.query(`DROP TABLE "activity_signups"`);
    await q.query(`DROP INDEX "public"."idx_activities_community"`);
    await q.query(`DROP TABLE "activities"`);
  }
}
