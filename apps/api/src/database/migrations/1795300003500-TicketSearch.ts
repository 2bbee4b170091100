import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search in the ticket lists (issue #13): trigram indexes over the description and the address, so
 * `ILIKE '%关键词%'` stays an index scan at city scale. pg_trgm counts every CJK character as a word
 * character (C.UTF-8 and zh_CN locales alike), so a Chinese keyword of 3+ characters uses the index;
 * a 1–2 character keyword (井盖) has no trigram and is answered by the list's own keyset scan (see
 * tickets-query.service.ts). `reassign` is the timeline event of 改派 (another worker after 接单).
 */
export class TicketSearch1795300003500 implements MigrationInterface {
  name = 'TicketSearch1795300003500';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE INDEX IF NOT EXISTS "idx_tickets_description_trgm" ON "tickets" USING gin ("description" gin_trgm_ops)`);
    await q.query(`CREATE INDEX IF NOT EXISTS "idx_tickets_address_trgm" ON "tickets" USING gin ("address" gin_trgm_ops)`);
    await q.query(`ALTER TYPE "public"."ticket_action" ADD VALUE IF NOT EXISTS 'reassign'`);
  }

  async down(q: QueryRunner): Promise<void> {
    // An enum value cannot be dropped without rebuilding the type; an unused 'reassign' is harmless.
    await q.query(`DROP INDEX IF EXISTS "idx_tickets_address_trgm"`);
    await q.query(`DROP INDEX IF EXISTS "idx_tickets_description_trgm"`);
  }
}
