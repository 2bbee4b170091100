import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14, left over from the reads bench: tickets had (district_id, id), (street_id, id) and
 * (grid_id, id) but for a community only (community_id, status, id), and for a compound nothing but
 * a partial index of planned points. "Newest first in my community" (community staff's list with no
 * status filter) therefore walked the primary key and filtered: cheap while the demo's six
 * communities each hold a sixth of the city, hundreds of other tickets per match in a city of
 * hundreds of communities. A compound (the list's compound filter, a search word naming it, the
 * households trigger of migration 3800 that marks a compound's tickets for the reports) scanned
 * the table. Both indexes end in id, the lists' keyset order.
 */
export class TicketCommunityCompoundIndexes1795300004100 implements MigrationInterface {
  name = 'TicketCommunityCompoundIndexes1795300004100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_tickets_community" ON "tickets" ("community_id", "id") `);
    await q.query(`CREATE INDEX "idx_tickets_compound" ON "tickets" ("compound_id", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_tickets_compound"`);
    await q.query(`DROP INDEX "idx_tickets_community"`);
  }
}
