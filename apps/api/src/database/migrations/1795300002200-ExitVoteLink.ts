import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A 清退 names the 业主大会 vote that decided it (issue #16): company_exits.vote_id, stored as given
 * while the two halves were built apart, now references owner_votes. An id that names no vote (only
 * possible before this migration) is cleared first rather than failing the upgrade; the exit row
 * keeps its reason text, which is what residents read.
 */
export class ExitVoteLink1795300002200 implements MigrationInterface {
  name = 'ExitVoteLink1795300002200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE "company_exits" e SET vote_id = NULL WHERE vote_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "owner_votes" v WHERE v.id = e.vote_id)`);
    await q.query(`ALTER TABLE "company_exits" ADD CONSTRAINT "FK_ceedaa7d05ef532cc2126f1f009" FOREIGN KEY ("vote_id") REFERENCES "owner_votes"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "company_exits" DROP CONSTRAINT "FK_ceedaa7d05ef532cc2126f1f009"`);
  }
}
