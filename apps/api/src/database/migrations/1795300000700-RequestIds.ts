import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The API request that opened a deadline leg or wrote a notice, so the worker's log lines for the
 * jobs they become carry the same request id; and a partial index holding only the open overdue legs,
 * which the metrics count on every scrape.
 */
export class RequestIds1795300000700 implements MigrationInterface {
  name = 'RequestIds1795300000700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_deadlines" ADD "request_id" character varying(64)`);
    await q.query(`ALTER TABLE "notifications" ADD "request_id" character varying(64)`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_open_breached" ON "ticket_deadlines" ("leg") WHERE status = 'open' AND breached_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_ticket_deadlines_open_breached"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "request_id"`);
    await q.query(`ALTER TABLE "ticket_deadlines" DROP COLUMN "request_id"`);
  }
}
