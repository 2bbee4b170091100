import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 小区平面图 (issue #13): one validated plan per compound, and the point on it where a ticket was
 * reported (both coordinates or neither). The partial index serves the duplicate search by plan point:
 * same compound and category, only tickets that have a point.
 */
export class SitePlans1795300003300 implements MigrationInterface {
  name = 'SitePlans1795300003300';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "compound_plans" ("compound_id" integer NOT NULL, "data" jsonb NOT NULL, "revision" integer NOT NULL DEFAULT '1', "updated_by" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_540b908aeea0acedd2d68b46673" PRIMARY KEY ("compound_id"))`);
    await q.query(`ALTER TABLE "tickets" ADD "plan_x" real`);
    await q.query(`ALTER TABLE "tickets" ADD "plan_y" real`);
    await q.query(`CREATE INDEX "idx_tickets_compound_plan" ON "tickets" ("compound_id", "category_id") WHERE plan_x IS NOT NULL`);
    await q.query(`ALTER TABLE "tickets" ADD CONSTRAINT "ck_tickets_plan_point" CHECK ((plan_x IS NULL) = (plan_y IS NULL))`);
    await q.query(`ALTER TABLE "compound_plans" ADD CONSTRAINT "FK_540b908aeea0acedd2d68b46673" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_plans" ADD CONSTRAINT "FK_84fa41cea2c5be0bffd390a00b8" FOREIGN KEY ("updated_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "compound_plans" DROP CONSTRAINT "FK_84fa41cea2c5be0bffd390a00b8"`);
    await q.query(`ALTER TABLE "compound_plans" DROP CONSTRAINT "FK_540b908aeea0acedd2d68b46673"`);
    await q.query(`ALTER TABLE "tickets" DROP CONSTRAINT "ck_tickets_plan_point"`);
    await q.query(`DROP INDEX "public"."idx_tickets_compound_plan"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "plan_y"`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "plan_x"`);
    await q.query(`DROP TABLE "compound_plans"`);
  }
}
