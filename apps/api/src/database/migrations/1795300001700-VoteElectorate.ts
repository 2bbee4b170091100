import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The electorate of a vote, frozen at its approval (docs/decisions.md, votes): re-importing the
 * register during an open vote no longer changes who counts. Votes already approved and not yet
 * closed get the register as it stands now (the best record there is of their electorate); closed
 * votes keep their frozen result and need none. The rows are append-only, and can be written only
 * by the transaction that approved the vote: the trigger compares the vote row's xmin (the
 * transaction that last wrote it, i.e. the approval's guarded UPDATE) with the current transaction.
 */
export class VoteElectorate1795300001700 implements MigrationInterface {
  name = 'VoteElectorate1795300001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "owner_vote_electorate" ("vote_id" integer NOT NULL, "unit_id" integer NOT NULL, "area_centi" bigint NOT NULL, "sold" boolean NOT NULL, "owner_key" character varying(64), CONSTRAINT "PK_c28a75ba7444ed48cf756e79555" PRIMARY KEY ("vote_id", "unit_id"))`);
    await q.query(`ALTER TABLE "owner_vote_electorate" ADD CONSTRAINT "FK_6f4a1f3215c99cd4f52eac52728" FOREIGN KEY ("vote_id") REFERENCES "owner_votes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`ALTER TABLE "owner_vote_electorate" ADD CONSTRAINT "FK_84c31d9c2d3568284a30fccec87" FOREIGN KEY ("unit_id") REFERENCES "register_units"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    await q.query(`INSERT INTO "owner_vote_electorate" (vote_id, unit_id, area_centi, sold, owner_key)
      SELECT v.id, u.id, (u.area_m2 * 100)::bigint, u.sold, CASE WHEN u.sold THEN u.owner_key END
        FROM owner_votes v JOIN register_units u ON u.compound_id = v.compound_id WHERE v.status = 'scheduled'`);
    await q.query(`CREATE TRIGGER trg_owner_vote_electorate_append_only BEFORE UPDATE OR DELETE ON "owner_vote_electorate" FOR EACH ROW EXECUTE FUNCTION rb_refuse_change()`);
    await q.query(`CREATE FUNCTION rb_owner_vote_electorate_at_approval() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (SELECT 1 FROM owner_votes v WHERE v.id = NEW.vote_id AND v.status = 'scheduled'
                         AND v.xmin::text::bigint = txid_current() % 4294967296) THEN
          RAISE EXCEPTION 'owner_vote_electorate of vote % is frozen at its approval: INSERT refused', NEW.vote_id USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER trg_owner_vote_electorate_at_approval BEFORE INSERT ON "owner_vote_electorate" FOR EACH ROW EXECUTE FUNCTION rb_owner_vote_electorate_at_approval()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER trg_owner_vote_electorate_at_approval ON "owner_vote_electorate"`);
    await q.query(`DROP FUNCTION rb_owner_vote_electorate_at_approval()`);
    await q.query(`DROP TRIGGER trg_owner_vote_electorate_append_only ON "owner_vote_electorate"`);
    await q.query(`ALTER TABLE "owner_vote_electorate" DROP CONSTRAINT "FK_84c31d9c2d3568284a30fccec87"`);
    await q.query(`ALTER TABLE "owner_vote_electorate" DROP CONSTRAINT "FK_6f4a1f3215c99cd4f52eac52728"`);
    await q.query(`DROP TABLE "owner_vote_electorate"`);
  }
}
