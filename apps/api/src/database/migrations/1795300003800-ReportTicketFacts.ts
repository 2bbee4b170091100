import type { MigrationInterface, QueryRunner } from 'typeorm';
import { allFactsOf, rollupDaysSql, rollupMonthsSql, TICKET_FACT_COLUMNS, ticketFactsSql } from '../../reports/report-rollup.sql';

/**
 * Issue #14: the reports' drain applies per-ticket deltas. report_ticket_facts holds each ticket's
 * facts as last folded into report_rollups; the drain subtracts them and adds the ticket's current
 * ones. Also: a compound's households going from unknown to known (or back) changes the 投诉率
 * numerator of every ticket reported there, so that edit marks those tickets dirty, whoever writes it
 * (the admin API, a district import, psql).
 *
 * Backfill: on a database that already has tickets, the drain needs every ticket's previous
 * contribution. The rollups may lag the raw tables (tickets marked dirty, not yet drained), so facts
 * computed now would not be what the rollups hold; instead this stores every ticket's current facts
 * and re-derives the rollups from them, which is `reports:rebuild` in one transaction (as long as a
 * rebuild: minutes at city scale, see docs/benchmarks.md). It computes the facts with the report code of this release
 * — a database that skips releases runs it with later code, which is what that release's drain
 * expects too. An empty database (tests, benches, a new district) skips it.
 */
export class ReportTicketFacts1795300003800 implements MigrationInterface {
  name = 'ReportTicketFacts1795300003800';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_ticket_facts" (
      "ticket_id" integer NOT NULL, "mc" smallint NOT NULL, "src_id" bigint NOT NULL, "day" date NOT NULL,
      "community_id" integer NOT NULL, "category_id" integer NOT NULL, "handler_org_id" integer NOT NULL, "channel_id" smallint NOT NULL,
      "until" date NOT NULL, "flag" boolean, "bin" smallint, "v" numeric,
      CONSTRAINT "PK_report_ticket_facts" PRIMARY KEY ("ticket_id", "mc", "src_id", "day"))`);
    await q.query(`CREATE INDEX "idx_report_ticket_facts_day" ON "report_ticket_facts" ("day")`);

    await q.query(`
      CREATE FUNCTION "report_dirty_compound"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO report_dirty_tickets (ticket_id, days, marked_at)
        SELECT t.id, '{}', clock_timestamp() FROM tickets t WHERE t.compound_id = NEW.id
        ON CONFLICT (ticket_id) DO UPDATE SET marked_at = EXCLUDED.marked_at;
        RETURN NULL;
      END $$`);
    // Only known ↔ unknown matters to stored figures: the count itself is read when a report is asked.
    await q.query(`
      CREATE TRIGGER "report_dirty_households" AFTER UPDATE OF households ON "org_units" FOR EACH ROW
      WHEN ((OLD.households IS NULL) <> (NEW.households IS NULL))
      EXECUTE FUNCTION "report_dirty_compound"()`);

    const [{ any }]: Array<{ any: boolean }> = await q.query(`SELECT EXISTS (SELECT 1 FROM tickets) AS any`);
    if (!any) return;
    await q.query(`SET LOCAL work_mem = '256MB'`);
    await q.query(`INSERT INTO report_ticket_facts (${TICKET_FACT_COLUMNS}) ${ticketFactsSql(allFactsOf('TRUE'))}`);
    await q.query(`DELETE FROM report_rollups`);
    await q.query(rollupDaysSql(), ['-infinity', 'infinity']);
    const slices: Array<{ community_id: number; month: string }> = await q.query(
      `SELECT DISTINCT community_id, to_char(date_trunc('month', day), 'YYYY-MM-DD') AS month FROM report_rollups`,
    );
    await q.query(rollupMonthsSql(), [slices.map((s) => s.community_id), slices.map((s) => s.month)]);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "report_dirty_households" ON "org_units"`);
    await q.query(`DROP FUNCTION "report_dirty_compound"()`);
    await q.query(`DROP TABLE "report_ticket_facts"`);
  }
}
