import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written: what TypeORM entities cannot express.
 * - A sequence for readable ticket numbers (HG + yymmdd + 6 digits), taken without a table lock.
 * - A trigger that makes the timeline append-only: events are evidence in disputes and rankings.
 */
export class TicketNumbersAndImmutableEvents1795300000001 implements MigrationInterface {
  name = 'TicketNumbersAndImmutableEvents1795300000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE SEQUENCE "ticket_no_seq" AS bigint START 1`);
    await q.query(`
      CREATE FUNCTION "ticket_events_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'ticket_events is append-only (% refused)', TG_OP USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER "ticket_events_append_only" BEFORE UPDATE OR DELETE ON "ticket_events"
      FOR EACH ROW EXECUTE FUNCTION "ticket_events_immutable"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "ticket_events_append_only" ON "ticket_events"`);
    await q.query(`DROP FUNCTION "ticket_events_immutable"()`);
    await q.query(`DROP SEQUENCE "ticket_no_seq"`);
  }
}
