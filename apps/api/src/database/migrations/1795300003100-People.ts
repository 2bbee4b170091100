import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #12 B: one-time sign-in codes (hashed), residents' household bindings (owner/tenant, reviewed
 * by the community) and the admin audit trail (no foreign keys: it outlives the accounts it names).
 */
export class People1795300003100 implements MigrationInterface {
  name = 'People1795300003100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TYPE "public"."access_code_purpose" AS ENUM('invite', 'reset')`);
    await q.query(`CREATE TABLE "access_codes" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "purpose" "public"."access_code_purpose" NOT NULL, "code_hash" character varying(200) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, "created_by" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_702e128569c0cdfeb9cea561cdb" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a9f92f8de1164842c4c55eb08d" ON "access_codes" ("user_id") `);
    await q.query(`CREATE TYPE "public"."household_tenure" AS ENUM('owner', 'tenant')`);
    await q.query(`CREATE TYPE "public"."household_binding_status" AS ENUM('requested', 'approved', 'refused')`);
    await q.query(`CREATE TABLE "household_bindings" ("id" SERIAL NOT NULL, "user_id" integer NOT NULL, "compound_id" integer NOT NULL, "building_id" integer NOT NULL, "unit_id" integer, "room" character varying(32), "tenure" "public"."household_tenure" NOT NULL, "status" "public"."household_binding_status" NOT NULL DEFAULT 'requested', "reason" character varying(200), "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" integer, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_df36d2cd17d874721d65e07ff57" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_f409d8933ed14421d9027ce2f2" ON "household_bindings" ("user_id") `);
    await q.query(`CREATE INDEX "IDX_c928770a34cfef7a3c13e36746" ON "household_bindings" ("compound_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_household_bindings_pending" ON "household_bindings" ("user_id", "compound_id") WHERE status = 'requested'`);
    await q.query(`CREATE TABLE "audit_entries" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_id" integer, "actor_name" character varying(50), "actor_street_ids" integer array NOT NULL DEFAULT '{}', "method" character varying(8) NOT NULL, "route" character varying(200) NOT NULL, "target_id" character varying(64), "body" jsonb, "ip" character varying(64), "status" integer NOT NULL, "error_code" character varying(64), "request_id" character varying(64), CONSTRAINT "PK_6b1623bcad4d04530b76548d619" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_b12f87335630edfd1294cf349b" ON "audit_entries" ("at") `);
    await q.query(`CREATE INDEX "IDX_673acffcd2c573363add2a7165" ON "audit_entries" ("actor_id", "id") `);
    await q.query(`ALTER TABLE "access_codes" ADD CONSTRAINT "FK_a9f92f8de1164842c4c55eb08d8" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "access_codes" ADD CONSTRAINT "FK_5b7c001e3991c5a801c7d413bff" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "household_bindings" ADD CONSTRAINT "FK_f409d8933ed14421d9027ce2f20" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "household_bindings" ADD CONSTRAINT "FK_c928770a34cfef7a3c13e367463" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "household_bindings" ADD CONSTRAINT "FK_f38111c10870133e812758500a6" FOREIGN KEY ("building_id") REFERENCES "org_units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "household_bindings" ADD CONSTRAINT "FK_bd1364102fbbb2694c9945b6de5" FOREIGN KEY ("unit_id") REFERENCES "register_units"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "household_bindings" ADD CONSTRAINT "FK_dea45acd7bbc552bd5d3b07c092" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "household_bindings" DROP CONSTRAINT "FK_dea45acd7bbc552bd5d3b07c092"`);
    await q.query(`ALTER TABLE "household_bindings" DROP CONSTRAINT "FK_bd1364102fbbb2694c9945b6de5"`);
    await q.query(`ALTER TABLE "household_bindings" DROP CONSTRAINT "FK_f38111c10870133e812758500a6"`);
    await q.query(`ALTER TABLE "household_bindings" DROP CONSTRAINT "FK_c928770a34cfef7a3c13e367463"`);
    await q.query(`ALTER TABLE "household_bindings" DROP CONSTRAINT "FK_f409d8933ed14421d9027ce2f20"`);
    await q.query(`ALTER TABLE "access_codes" DROP CONSTRAINT "FK_5b7c001e3991c5a801c7d413bff"`);
    await q.query(`ALTER TABLE "access_codes" DROP CONSTRAINT "FK_a9f92f8de1164842c4c55eb08d8"`);
    await q.query(`DROP INDEX "public"."IDX_673acffcd2c573363add2a7165"`);
    await q.query(`DROP INDEX "public"."IDX_b12f87335630edfd1294cf349b"`);
    await q.query(`DROP TABLE "audit_entries"`);
    await q.query(`DROP INDEX "public"."uq_household_bindings_pending"`);
    await q.query(`DROP INDEX "public"."IDX_c928770a34cfef7a3c13e36746"`);
    await q.query(`DROP INDEX "public"."IDX_f409d8933ed14421d9027ce2f2"`);
    await q.query(`DROP TABLE "household_bindings"`);
    await q.query(`DROP TYPE "public"."household_binding_status"`);
    await q.query(`DROP TYPE "public"."household_tenure"`);
    await q.query(`DROP INDEX "public"."IDX_a9f92f8de1164842c4c55eb08d"`);
    await q.query(`DROP TABLE "access_codes"`);
    await q.query(`DROP TYPE "public"."access_code_purpose"`);
  }
}
