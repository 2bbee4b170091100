import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * 业主大会 votes (issue #16): the compound's register of units and its verified owners, votes with
 * their ballots and append-only trail, and the compound's notices (公示). The trail and the notices
 * refuse UPDATE and DELETE, and a closed vote refuses any change, by trigger: what was published
 * stays as published.
 */
export class OwnersVotes1795300001600 implements MigrationInterface {
  name = 'OwnersVotes1795300001600';

  async up(q: QueryRunner): Promise<void> {
    // A new value, not a rebuilt type: role is used by role_bindings, ticket_events and now the vote trail.
    await q.query(`ALTER TYPE "public"."role" ADD VALUE IF NOT EXISTS 'owners_committee_member' BEFORE 'system'`);
    await q.query(`CREATE TABLE "register_units" ("id" SERIAL NOT NULL, "compound_id" integer NOT NULL, "building_id" integer NOT NULL, "unit_no" character varying(32) NOT NULL, "area_m2" numeric(12,2) NOT NULL, "sold" boolean NOT NULL, "owner_name" character varying(100), "owner_key" character varying(64), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c0819c8fc0e80a1668bdd3d25a1" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_020e480bb087461e9a5e2a3171" ON "register_units" ("owner_key") `);
    await q.query(`CREATE UNIQUE INDEX "uq_register_units_unit" ON "register_units" ("compound_id", "building_id", "unit_no") `);
    await q.query(`CREATE TYPE "public"."unit_owner_status" AS ENUM('requested', 'verified', 'rejected')`);
    await q.query(`CREATE TABLE "unit_owners" ("id" SERIAL NOT NULL, "unit_id" integer NOT NULL, "user_id" integer NOT NULL, "status" "public"."unit_owner_status" NOT NULL, "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "decided_by" integer, "decided_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_37057da886227b087c544e05577" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "IDX_a21eaa54380c9bdbc779884f07" ON "unit_owners" ("user_id") `);
    await q.query(`CREATE UNIQUE INDEX "uq_unit_owners_unit_user" ON "unit_owners" ("unit_id", "user_id") `);
    await q.query(`CREATE TYPE "public"."vote_matter" AS ENUM('ordinary', 'raise_maintenance_fund', 'rebuild', 'change_common_use')`);
    await q.query(`CREATE TYPE "public"."vote_purpose" AS ENUM('dismiss_company', 'hire_company')`);
    await q.query(`CREATE TYPE "public"."vote_status" AS ENUM('pending_review', 'scheduled', 'rejected', 'closed')`);
    await q.query(`CREATE TABLE "owner_votes" ("id" SERIAL NOT NULL, "compound_id" integer NOT NULL, "question" character varying(500) NOT NULL, "options" jsonb NOT NULL, "matter" "public"."vote_matter" NOT NULL, "purpose" "public"."vote_purpose", "purpose_company_id" integer, "opens_at" TIMESTAMP WITH TIME ZONE NOT NULL, "closes_at" TIMESTAMP WITH TIME ZONE NOT NULL, "status" "public"."vote_status" NOT NULL DEFAULT 'pending_review', "drafted_by" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "reviewed_by" integer, "reviewed_at" TIMESTAMP WITH TIME ZONE, "review_note" character varying(500), "closed_at" TIMESTAMP WITH TIME ZONE, "result" jsonb, CONSTRAINT "PK_e72653b77bddb5f017333c7fa3c" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_owner_votes_closing" ON "owner_votes" ("status", "closes_at") `);
    await q.query(`CREATE INDEX "idx_owner_votes_compound" ON "owner_votes" ("compound_id", "id") `);
    await q.query(`CREATE TYPE "public"."compound_notice_kind" AS ENUM('vote_result', 'correction')`);
    await q.query(`CREATE TABLE "compound_notices" ("id" SERIAL NOT NULL, "compound_id" integer NOT NULL, "kind" "public"."compound_notice_kind" NOT NULL, "title" character varying(200) NOT NULL, "body" text NOT NULL, "vote_id" integer, "corrects_id" integer, "data" jsonb, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_4020236eddb583f8aee8e821e31" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_compound_notices_vote_result" ON "compound_notices" ("vote_id") WHERE kind = 'vote_result'`);
    await q.query(`CREATE INDEX "idx_compound_notices_compound" ON "compound_notices" ("compound_id", "id") `);
    await q.query(`CREATE TYPE "public"."ballot_channel" AS ENUM('mini_program', 'paper', 'on_site')`);
    await q.query(`CREATE TABLE "owner_ballots" ("id" SERIAL NOT NULL, "vote_id" integer NOT NULL, "unit_id" integer NOT NULL, "option_index" smallint NOT NULL, "channel" "public"."ballot_channel" NOT NULL, "cast_by" integer NOT NULL, "cast_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revision" integer NOT NULL DEFAULT '1', "last_event_id" bigint, CONSTRAINT "PK_dbd11952a345815ef048fd00237" PRIMARY KEY ("id"))`);
    await q.query(`CREATE UNIQUE INDEX "uq_owner_ballots_vote_unit" ON "owner_ballots" ("vote_id", "unit_id") `);
    await q.query(`CREATE TYPE "public"."vote_event_action" AS ENUM('draft', 'approve', 'reject', 'ballot', 'close')`);
    await q.query(`CREATE TABLE "owner_vote_events" ("id" BIGSERIAL NOT NULL, "vote_id" integer NOT NULL, "action" "public"."vote_event_action" NOT NULL, "from_status" "public"."vote_status", "to_status" "public"."vote_status" NOT NULL, "actor_id" integer, "actor_role" "public"."role" NOT NULL, "unit_id" integer, "option_index" smallint, "channel" "public"."ballot_channel", "note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07e3cb04e975cb9a1d8d9f978c9" PRIMARY KEY ("id"))`);
    await q.query(`CREATE INDEX "idx_owner_vote_events_vote" ON "owner_vote_events" ("vote_id", "id") `);
    await q.query(`ALTER TABLE "register_units" ADD CONSTRAINT "FK_fcf2f64a169ccd7d3b9b23ade90" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "register_units" ADD CONSTRAINT "FK_88d205189f7896942fe427cd4fe" FOREIGN KEY ("building_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_owners" ADD CONSTRAINT "FK_bb96271f9cf2d19d8bf6fb9f8cc" FOREIGN KEY ("unit_id") REFERENCES "register_units"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_owners" ADD CONSTRAINT "FK_a21eaa54380c9bdbc779884f075" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "unit_owners" ADD CONSTRAINT "FK_a23d878b2233147370c6d923b54" FOREIGN KEY ("decided_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_votes" ADD CONSTRAINT "FK_fd1d0a94a809a749cd6532139e4" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_votes" ADD CONSTRAINT "FK_639aa9ae5f38c87059f693e249e" FOREIGN KEY ("purpose_company_id") REFERENCES "organizations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_votes" ADD CONSTRAINT "FK_246416f6b47c520dac3f266b184" FOREIGN KEY ("drafted_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_votes" ADD CONSTRAINT "FK_e1361e041153b467cf030a37a6c" FOREIGN KEY ("reviewed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notices" ADD CONSTRAINT "FK_393f17772b4a3b17389761e065e" FOREIGN KEY ("compound_id") REFERENCES "org_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notices" ADD CONSTRAINT "FK_56d000e3e60edc7c1c063b7f7d9" FOREIGN KEY ("vote_id") REFERENCES "owner_votes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "compound_notices" ADD CONSTRAINT "FK_3eeae9f4244c28b44708f6c2bd4" FOREIGN KEY ("corrects_id") REFERENCES "compound_notices"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_ballots" ADD CONSTRAINT "FK_5528e2012c97953a00c1cf3770a" FOREIGN KEY ("vote_id") REFERENCES "owner_votes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_ballots" ADD CONSTRAINT "FK_49f62efeaccd242459af4bef6d0" FOREIGN KEY ("unit_id") REFERENCES "register_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_ballots" ADD CONSTRAINT "FK_8d1fcca270e1e46138cff2f6e85" FOREIGN KEY ("cast_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_vote_events" ADD CONSTRAINT "FK_1c2bf148793051fe6d5a1ff2874" FOREIGN KEY ("vote_id") REFERENCES "owner_votes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_vote_events" ADD CONSTRAINT "FK_03970d8e1d6e3839202f11280be" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`CREATE FUNCTION rb_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP USING ERRCODE = 'integrity_constraint_violation'; END $$`);
    await q.query(`CREATE TRIGGER trg_owner_vote_events_append_only BEFORE UPDATE OR DELETE ON "owner_vote_events" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
    await q.query(`CREATE TRIGGER trg_compound_notices_append_only BEFORE UPDATE OR DELETE ON "compound_notices" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
    await q.query(`CREATE FUNCTION rb_owner_vote_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.status = 'closed' THEN RAISE EXCEPTION 'owner vote % is closed and its result published: % refused', OLD.id, TG_OP USING ERRCODE = 'integrity_constraint_violation'; END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_owner_votes_frozen BEFORE UPDATE OR DELETE ON "owner_votes" FOR EACH ROW EXECUTE FUNCTION rb_owner_vote_frozen()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_owner_votes_frozen ON "owner_votes"`);
    await q.query(`DROP TRIGGER trg_compound_notices_append_only ON "compound_notices"`);
    await q.query(`DROP TRIGGER trg_owner_vote_events_append_only ON "owner_vote_events"`);
    await q.query(`DROP FUNCTION rb_owner_vote_frozen()`);
    await q.query(`DROP FUNCTION rb_refuse_change()`);
    await q.query(`ALTER TABLE "owner_vote_events" DROP CONSTRAINT "FK_03970d8e1d6e3839202f11280be"`);
    await q.query(`ALTER TABLE "owner_vote_events" DROP CONSTRAINT "FK_1c2bf148793051fe6d5a1ff2874"`);
    await q.query(`ALTER TABLE "owner_ballots" DROP CONSTRAINT "FK_8d1fcca270e1e46138cff2f6e85"`);
    await q.query(`ALTER TABLE "owner_ballots" DROP CONSTRAINT "FK_49f62efeaccd242459af4bef6d0"`);
    await q.query(`ALTER TABLE "owner_ballots" DROP CONSTRAINT "FK_5528e2012c97953a00c1cf3770a"`);
    await q.query(`ALTER TABLE "compound_notices" DROP CONSTRAINT "FK_3eeae9f4244c28b44708f6c2bd4"`);
    await q.query(`ALTER TABLE "compound_notices" DROP CONSTRAINT "FK_56d000e3e60edc7c1c063b7f7d9"`);
    await q.query(`ALTER TABLE "compound_notices" DROP CONSTRAINT "FK_393f17772b4a3b17389761e065e"`);
    await q.query(`ALTER TABLE "owner_votes" DROP CONSTRAINT "FK_e1361e041153b467cf030a37a6c"`);
    await q.query(`ALTER TABLE "owner_votes" DROP CONSTRAINT "FK_246416f6b47c520dac3f266b184"`);
    await q.query(`ALTER TABLE "owner_votes" DROP CONSTRAINT "FK_639aa9ae5f38c87059f693e249e"`);
    await q.query(`ALTER TABLE "owner_votes" DROP CONSTRAINT "FK_fd1d0a94a809a749cd6532139e4"`);
    await q.query(`ALTER TABLE "unit_owners" DROP CONSTRAINT "FK_a23d878b2233147370c6d923b54"`);
    await q.query(`ALTER TABLE "unit_owners" DROP CONSTRAINT "FK_a21eaa54380c9bdbc779884f075"`);
    await q.query(`ALTER TABLE "unit_owners" DROP CONSTRAINT "FK_bb96271f9cf2d19d8bf6fb9f8cc"`);
    await q.query(`ALTER TABLE "register_units" DROP CONSTRAINT "FK_88d205189f7896942fe427cd4fe"`);
    await q.query(`ALTER TABLE "register_units" DROP CONSTRAINT "FK_fcf2f64a169ccd7d3b9b23ade90"`);
    await q.query(`DROP INDEX "public"."idx_owner_vote_events_vote"`);
    await q.query(`DROP TABLE "owner_vote_events"`);
    await q.query(`DROP TYPE "public"."vote_event_action"`);
    await q.query(`DROP INDEX "public"."uq_owner_ballots_vote_unit"`);
    await q.query(`DROP TABLE "owner_ballots"`);
    await q.query(`DROP TYPE "public"."ballot_channel"`);
    await q.query(`DROP INDEX "public"."idx_compound_notices_compound"`);
    await q.query(`DROP INDEX "public"."uq_compound_notices_vote_result"`);
    await q.query(`DROP TABLE "compound_notices"`);
    await q.query(`DROP TYPE "public"."compound_notice_kind"`);
    await q.query(`DROP INDEX "public"."idx_owner_votes_compound"`);
    await q.query(`DROP INDEX "public"."idx_owner_votes_closing"`);
    await q.query(`DROP TABLE "owner_votes"`);
    await q.query(`DROP TYPE "public"."vote_status"`);
    await q.query(`DROP TYPE "public"."vote_purpose"`);
    await q.query(`DROP TYPE "public"."vote_matter"`);
    await q.query(`DROP INDEX "public"."uq_unit_owners_unit_user"`);
    await q.query(`DROP INDEX "public"."IDX_a21eaa54380c9bdbc779884f07"`);
    await q.query(`DROP TABLE "unit_owners"`);
    await q.query(`DROP TYPE "public"."unit_owner_status"`);
    await q.query(`DROP INDEX "public"."uq_register_units_unit"`);
    await q.query(`DROP INDEX "public"."IDX_020e480bb087461e9a5e2a3171"`);
    await q.query(`DROP TABLE "register_units"`);
    // The role value stays: Postgres cannot drop an enum value, and no row uses it once the tables are gone.
  }
}
