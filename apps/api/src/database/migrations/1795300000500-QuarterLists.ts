import type { MigrationInterface, QueryRunner } from 'typeorm';

export class QuarterLists1795300000500 implements MigrationInterface {
  name = 'QuarterLists1795300000500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."quarter_list_kind" AS ENUM('scheduled', 'correction')`);
    await q.query(`CREATE TABLE "quarter_lists" ("id" SERIAL NOT NULL, "quarter" character varying(6) NOT NULL, "district_id" integer NOT NULL, "version" integer NOT NULL, "kind" "public"."quarter_list_kind" NOT NULL, "reason" character varying(500), "published_by" integer, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "formula" jsonb NOT NULL, "red_list" jsonb NOT NULL, "black_list" jsonb NOT NULL, "ranking" jsonb NOT NULL, CONSTRAINT "PK_7aab08465d3a12f6738a71f1649" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_quarter_lists_version" ON "quarter_lists" ("quarter", "district_id", "version") `);
    await q.query(`ALTER TABLE "quarter_lists" ADD CONSTRAINT "FK_e33595a1b6ab4400f00d45db891" FOREIGN KEY ("district_id") REFERENCES "org_units"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "quarter_lists" ADD CONSTRAINT "FK_02fd03dc6c3b578a087e9a4ef3d" FOREIGN KEY ("published_by") REFERENCES "users"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`);
    // A published version is frozen: a correction is a new row, never an edit of the old one.
    await q.query(`
      CREATE FUNCTION "quarter_lists_frozen"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'quarter_lists rows are frozen once published (% refused)', TG_OP USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER "quarter_lists_frozen" BEFORE UPDATE OR DELETE ON "quarter_lists"
      FOR EACH ROW EXECUTE FUNCTION "quarter_lists_frozen"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "quarter_lists_frozen" ON "quarter_lists"`);
    await q.query(`DROP FUNCTION "quarter_lists_frozen"()`);
    await q.query(`ALTER TABLE "quarter_lists" DROP CONSTRAINT "FK_02fd03dc6c3b578a087e9a4ef3d"`);
    await q.query(`ALTER TABLE "quarter_lists" DROP CONSTRAINT "FK_e33595a1b6ab4400f00d45db891"`);
    await q.query(`DROP INDEX "public"."uq_quarter_lists_version"`);
    await q.query(`DROP TABLE "quarter_lists"`);
    await q.query(`DROP TYPE "public"."quarter_list_kind"`);
  }
}
