import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue #14: a list "by deadline" (the 待派单 queue, each inbox tab) sorted on the earliest open
 * deadline of each ticket, computed per ticket from ticket_deadlines: every ticket of the tab was
 * read and sorted to show twenty, so the cost followed the backlog in scope (at 1,000,000 tickets a
 * company's 处理中 tab held 2,051 tickets; one request 16.7 ms against 12.8 ms at 10,000).
 *
 * `tickets.due_key` holds that earliest deadline (open legs, the resident's survey window excepted,
 * to the millisecond as the list's cursor has it), `infinity` when there is none (no open leg, or
 * the clock is paused), so the list's order (due, id) with "no deadline" last is one btree order and
 * its keyset one row comparison. Triggers on ticket_deadlines keep it, whoever writes (API, worker,
 * seed, psql), at the writing transaction's commit. The indexes serve the two scopes that sort by deadline:
 * a community's queue and a company's or department's inbox, one status (tab) at a time.
 *
 * Lock order: the trigger updates the ticket row after the leg row. The API's steps lock the ticket
 * first anyway (the guarded update); the worker's steps that change a leg's deadline or status lock
 * the ticket first too (DeadlineEffects), so the two never wait on each other in opposite orders.
 */
export class TicketDueKey1795300004200 implements MigrationInterface {
  name = 'TicketDueKey1795300004200';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "tickets" ADD "due_key" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT 'infinity'`);
    await q.query(`
      UPDATE tickets t SET due_key = m.due
        FROM (SELECT ticket_id, date_trunc('milliseconds', min(due_at)) AS due FROM ticket_deadlines
               WHERE status = 'open' AND leg <> 'survey' AND due_at IS NOT NULL GROUP BY ticket_id) m
       WHERE t.id = m.ticket_id`);
    await q.query(`
      CREATE FUNCTION rb_refresh_ticket_due_key(ticket integer) RETURNS void LANGUAGE sql AS $$
        UPDATE tickets t SET due_key = k.due
          FROM (SELECT coalesce(date_trunc('milliseconds', min(d.due_at)), 'infinity') AS due FROM ticket_deadlines d
                 WHERE d.ticket_id = ticket AND d.status = 'open' AND d.leg <> 'survey') k
         WHERE t.id = ticket AND t.due_key <> k.due
      $$`);
    await q.query(`
      CREATE FUNCTION ticket_deadlines_due_key() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'INSERT' THEN PERFORM rb_refresh_ticket_due_key(OLD.ticket_id); END IF;
        IF TG_OP <> 'DELETE' AND (TG_OP = 'INSERT' OR NEW.ticket_id <> OLD.ticket_id) THEN PERFORM rb_refresh_ticket_due_key(NEW.ticket_id); END IF;
        RETURN NULL;
      END $$`);
    // Only what can move the earliest deadline: an open leg added or removed, a due time or a status
    // changed (warnings, overdue marks and 督办 steps change neither, and take no lock on the ticket).
    // Deferred to COMMIT: a step that closes one leg and opens the next (派单 closes dispatch, opens
    // accept) updates the ticket once, to its final value; the later calls find it right and write
    // nothing (each update of tickets writes every one of its indexes).
    await q.query(`CREATE CONSTRAINT TRIGGER "ticket_deadlines_due_key_insert" AFTER INSERT ON "ticket_deadlines"
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                   WHEN (NEW.status = 'open' AND NEW.leg <> 'survey') EXECUTE FUNCTION ticket_deadlines_due_key()`);
    await q.query(`CREATE CONSTRAINT TRIGGER "ticket_deadlines_due_key_update" AFTER UPDATE ON "ticket_deadlines"
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                   WHEN ((OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.status <> NEW.status OR OLD.leg <> NEW.leg OR OLD.ticket_id <> NEW.ticket_id)
                         AND (OLD.leg <> 'survey' OR NEW.leg <> 'survey'))
                   EXECUTE FUNCTION ticket_deadlines_due_key()`);
    await q.query(`CREATE CONSTRAINT TRIGGER "ticket_deadlines_due_key_delete" AFTER DELETE ON "ticket_deadlines"
                   DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
                   WHEN (OLD.status = 'open' AND OLD.leg <> 'survey') EXECUTE FUNCTION ticket_deadlines_due_key()`);
    await q.query(`CREATE INDEX "idx_tickets_community_due" ON "tickets" ("community_id", "status", "due_key", "id") `);
    await q.query(`CREATE INDEX "idx_tickets_handler_due" ON "tickets" ("handler_org_id", "status", "due_key", "id") `);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_tickets_handler_due"`);
    await q.query(`DROP INDEX "idx_tickets_community_due"`);
    await q.query(`DROP TRIGGER "ticket_deadlines_due_key_delete" ON "ticket_deadlines"`);
    await q.query(`DROP TRIGGER "ticket_deadlines_due_key_update" ON "ticket_deadlines"`);
    await q.query(`DROP TRIGGER "ticket_deadlines_due_key_insert" ON "ticket_deadlines"`);
    await q.query(`DROP FUNCTION ticket_deadlines_due_key()`);
    await q.query(`DROP FUNCTION rb_refresh_ticket_due_key(integer)`);
    await q.query(`ALTER TABLE "tickets" DROP COLUMN "due_key"`);
  }
}
