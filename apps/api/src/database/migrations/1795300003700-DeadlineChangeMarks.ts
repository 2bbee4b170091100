import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14: the deadline sweep reads only the legs that changed since its last pass (plus those
 * that came into its horizon), instead of re-reading every open leg within the horizon every pass.
 *
 * `changed_xid` is the id of the transaction that last inserted the leg or changed what the workers
 * must do with it (`next_event_at`, `next_event`, `status`), set by a trigger so that every writer
 * (API, worker, seed, psql, COPY) is covered. The sweep keeps the snapshot its previous pass read
 * with and re-reads only rows whose writer was not visible in it (see docs/decisions.md). Stored as
 * bigint (the xid8 value; TypeORM knows no xid8 type), which compares the same way.
 *
 * Existing legs get 0: "written long ago". A worker's first pass after start is a full one anyway.
 */
export class DeadlineChangeMarks1795300003700 implements MigrationInterface {
  name = 'DeadlineChangeMarks1795300003700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_deadlines" ADD "changed_xid" bigint NOT NULL DEFAULT '0'`);
    await q.query(`CREATE FUNCTION ticket_deadlines_mark_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.changed_xid := pg_current_xact_id()::text::bigint;
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "ticket_deadlines_changed_insert" BEFORE INSERT ON "ticket_deadlines"
                   FOR EACH ROW EXECUTE FUNCTION ticket_deadlines_mark_changed()`);
    // Only changes that alter the job the sweep would queue; a warned_at or breached_at of its own
    // (without a new next event) needs no new job.
    await q.query(`CREATE TRIGGER "ticket_deadlines_changed_update" BEFORE UPDATE ON "ticket_deadlines" FOR EACH ROW
                   WHEN (OLD.next_event_at IS DISTINCT FROM NEW.next_event_at OR OLD.next_event IS DISTINCT FROM NEW.next_event
                         OR OLD.status IS DISTINCT FROM NEW.status)
                   EXECUTE FUNCTION ticket_deadlines_mark_changed()`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_changed" ON "ticket_deadlines" ("changed_xid") WHERE status = 'open' AND next_event_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_ticket_deadlines_changed"`);
    await q.query(`DROP TRIGGER "ticket_deadlines_changed_update" ON "ticket_deadlines"`);
    await q.query(`DROP TRIGGER "ticket_deadlines_changed_insert" ON "ticket_deadlines"`);
    await q.query(`DROP FUNCTION ticket_deadlines_mark_changed()`);
    await q.query(`ALTER TABLE "ticket_deadlines" DROP COLUMN "changed_xid"`);
  }
}
