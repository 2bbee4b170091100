import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14: the 督办 overdue board read every open overdue leg in scope, then sorted them (its cost
 * followed the city's overdue backlog: 1,547 legs fetched for 500 shown at 1,000,000 tickets) and
 * showed no more than 500. It now pages by keyset on (due_at, id); this index holds exactly the
 * board's legs in that order, so a page is an index walk that stops when the page is full.
 */
export class OverdueBoardIndex1795300004000 implements MigrationInterface {
  name = 'OverdueBoardIndex1795300004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_ticket_deadlines_overdue_board" ON "ticket_deadlines" ("due_at", "id")
                     WHERE status = 'open' AND breached_at IS NOT NULL AND leg <> 'survey'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_ticket_deadlines_overdue_board"`);
  }
}
