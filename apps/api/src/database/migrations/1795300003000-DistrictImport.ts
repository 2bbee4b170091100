import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #12 part A, onboarding a district from its spreadsheets: 单元数 and 建筑面积 on org units, the
 * 统一社会信用代码 of companies (unique: the import's natural key), and the append-only change history
 * of the district's reference data (org_changes; the existing rb_refuse_change() refuses UPDATE/DELETE).
 */
export class DistrictImport1795300003000 implements MigrationInterface {
  name = 'DistrictImport1795300003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "org_changes" ("id" SERIAL NOT NULL, "entity" character varying(20) NOT NULL, "entity_id" integer NOT NULL, "field" character varying(40) NOT NULL, "old_value" text, "new_value" text, "source" character varying(10) NOT NULL, "actor_id" integer NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5daf151c574cabd78fee12f975d" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_6337defad8d2b41ad49c3acdf9" ON "org_changes" ("entity", "entity_id", "id") `);
    await q.query(`ALTER TABLE "org_units" ADD "entrances" integer`);
    await q.query(`ALTER TABLE "org_units" ADD "floor_area_m2" numeric(12,2)`);
    await q.query(`ALTER TABLE "organizations" ADD "uscc" character varying(18)`);
    await q.query(`CREATE UNIQUE INDEX "IDX_ff6dab7bf5f9e36a2e2b6bd4c1" ON "organizations" ("uscc") `);
    await q.query(`ALTER TABLE "org_changes" ADD CONSTRAINT "FK_9b31d2466cc05844cd1394b45ee" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE TRIGGER trg_org_changes_append_only BEFORE UPDATE OR DELETE ON "org_changes" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_org_changes_append_only ON "org_changes"`);
    await q.query(`ALTER TABLE "org_changes" DROP CONSTRAINT "FK_9b31d2466cc05844cd1394b45ee"`);
    await q.query(`DROP INDEX "public"."IDX_ff6dab7bf5f9e36a2e2b6bd4c1"`);
    await q.query(`ALTER TABLE "organizations" DROP COLUMN "uscc"`);
    await q.query(`ALTER TABLE "org_units" DROP COLUMN "floor_area_m2"`);
    await q.query(`ALTER TABLE "org_units" DROP COLUMN "entrances"`);
    await q.query(`DROP INDEX "public"."IDX_6337defad8d2b41ad49c3acdf9"`);
    await q.query(`DROP TABLE "org_changes"`);
  }
}
