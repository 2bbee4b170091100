import type { MigrationInterface, QueryRunner } from 'typeorm';

const SH = `AT TIME ZONE 'Asia/Shanghai'`;

/**
 * Pre-aggregated SLA figures (report_rollups), the tickets whose slices must be recomputed
 * (report_dirty_tickets, filled by triggers in the same transaction as the change, so no change is
 * ever missed), and the indexes that let a drain recompute one day's slices without a full scan.
 * The triggers and expression indexes are hand-written: TypeORM entities cannot express them.
 */
export class ReportRollups1795300000003 implements MigrationInterface {
  name = 'ReportRollups1795300000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "report_rollups" (
      "grain" character varying(5) NOT NULL, "day" date NOT NULL, "community_id" integer NOT NULL, "dim" character varying(8) NOT NULL,
      "dim_id" integer NOT NULL, "until" date NOT NULL,
      "received" integer NOT NULL DEFAULT '0', "complaints" integer NOT NULL DEFAULT '0', "resolved" integer NOT NULL DEFAULT '0',
      "resolutions" integer NOT NULL DEFAULT '0',
      "dispatch_closed" integer NOT NULL DEFAULT '0', "dispatch_on_time" integer NOT NULL DEFAULT '0', "dispatch_minutes" numeric NOT NULL DEFAULT '0', "dispatch_bins" integer array,
      "accept_closed" integer NOT NULL DEFAULT '0', "accept_on_time" integer NOT NULL DEFAULT '0', "accept_minutes" numeric NOT NULL DEFAULT '0', "accept_bins" integer array,
      "resolve_closed" integer NOT NULL DEFAULT '0', "resolved_on_time" integer NOT NULL DEFAULT '0', "resolve_minutes" numeric NOT NULL DEFAULT '0', "resolve_bins" integer array,
      "resolve_withdrawn_late" integer NOT NULL DEFAULT '0', "overdue" integer NOT NULL DEFAULT '0', "resolve_overdue" integer NOT NULL DEFAULT '0',
      "surveys_sent" integer NOT NULL DEFAULT '0', "satisfied" integer NOT NULL DEFAULT '0', "basically_satisfied" integer NOT NULL DEFAULT '0',
      "dissatisfied" integer NOT NULL DEFAULT '0', "unrated" integer NOT NULL DEFAULT '0',
      CONSTRAINT "PK_report_rollups" PRIMARY KEY ("grain", "day", "community_id", "dim", "dim_id", "until"))`);
    await q.query(`CREATE TABLE "report_dirty_tickets" ("ticket_id" integer NOT NULL, "days" date array NOT NULL DEFAULT '{}',
      "marked_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_report_dirty_tickets" PRIMARY KEY ("ticket_id"))`);

    await q.query(`CREATE INDEX "idx_report_dirty_marked" ON "report_dirty_tickets" ("marked_at")`);
    // Index-backed reads of one day's facts (the drain) and of a month's (the reference report).
    await q.query(`CREATE INDEX "idx_tickets_created" ON "tickets" ("created_at")`);
    await q.query(`CREATE INDEX "idx_ticket_events_report" ON "ticket_events" ("created_at") WHERE action IN ('resolve', 'rate', 'visit', 'expire')`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_started" ON "ticket_deadlines" ("started_at") WHERE leg = 'survey'`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_closed" ON "ticket_deadlines" ("closed_at") WHERE leg IN ('dispatch', 'accept', 'resolve')`);
    await q.query(`CREATE INDEX "idx_ticket_deadlines_overdue" ON "ticket_deadlines" (LEAST(due_at, breached_at)) WHERE leg IN ('dispatch', 'accept', 'resolve')`);

    // days: the Shanghai days a ticket's facts used to fall on and may no longer (an old deadline,
    // an old close); the drain recomputes those as well as the days its facts fall on now.
    await q.query(`
      CREATE FUNCTION "report_mark_dirty"(p_ticket integer, p_days date[]) RETURNS void LANGUAGE sql AS $$
        INSERT INTO report_dirty_tickets (ticket_id, days, marked_at) VALUES (p_ticket, array_remove(p_days, NULL), clock_timestamp())
        ON CONFLICT (ticket_id) DO UPDATE
          SET days = ARRAY(SELECT DISTINCT x FROM unnest(report_dirty_tickets.days || EXCLUDED.days) AS u(x)), marked_at = EXCLUDED.marked_at
      $$`);
    await q.query(`
      CREATE FUNCTION "report_dirty_ticket"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'UPDATE' THEN
          PERFORM report_mark_dirty(NEW.id, ARRAY[(OLD.created_at ${SH})::date]);
        ELSE
          PERFORM report_mark_dirty(NEW.id, '{}');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`
      CREATE FUNCTION "report_dirty_child"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_TABLE_NAME = 'ticket_deadlines' AND TG_OP = 'UPDATE' THEN
          PERFORM report_mark_dirty(NEW.ticket_id, ARRAY[(OLD.started_at ${SH})::date, (OLD.closed_at ${SH})::date,
                                                          (LEAST(OLD.due_at, OLD.breached_at) ${SH})::date]);
        ELSE
          PERFORM report_mark_dirty(NEW.ticket_id, '{}');
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "report_dirty_ticket_insert" AFTER INSERT ON "tickets" FOR EACH ROW EXECUTE FUNCTION "report_dirty_ticket"()`);
    await q.query(`
      CREATE TRIGGER "report_dirty_ticket_update" AFTER UPDATE ON "tickets" FOR EACH ROW
      WHEN (OLD.handler_org_id IS DISTINCT FROM NEW.handler_org_id OR OLD.category_id IS DISTINCT FROM NEW.category_id
         OR OLD.channel IS DISTINCT FROM NEW.channel OR OLD.created_at IS DISTINCT FROM NEW.created_at
         OR OLD.community_id IS DISTINCT FROM NEW.community_id OR OLD.compound_id IS DISTINCT FROM NEW.compound_id)
      EXECUTE FUNCTION "report_dirty_ticket"()`);
    await q.query(`CREATE TRIGGER "report_dirty_event" AFTER INSERT ON "ticket_events" FOR EACH ROW EXECUTE FUNCTION "report_dirty_child"()`);
    await q.query(`CREATE TRIGGER "report_dirty_deadline_insert" AFTER INSERT ON "ticket_deadlines" FOR EACH ROW EXECUTE FUNCTION "report_dirty_child"()`);
    await q.query(`
      CREATE TRIGGER "report_dirty_deadline_update" AFTER UPDATE ON "ticket_deadlines" FOR EACH ROW
      WHEN (OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.due_at IS DISTINCT FROM NEW.due_at
         OR OLD.breached_at IS DISTINCT FROM NEW.breached_at OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
         OR OLD.status IS DISTINCT FROM NEW.status OR OLD.party_org_id IS DISTINCT FROM NEW.party_org_id OR OLD.leg IS DISTINCT FROM NEW.leg)
      EXECUTE FUNCTION "report_dirty_child"()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "report_dirty_deadline_update" ON "ticket_deadlines"`);
    await q.query(`DROP TRIGGER "report_dirty_deadline_insert" ON "ticket_deadlines"`);
    await q.query(`DROP TRIGGER "report_dirty_event" ON "ticket_events"`);
    await q.query(`DROP TRIGGER "report_dirty_ticket_update" ON "tickets"`);
    await q.query(`DROP TRIGGER "report_dirty_ticket_insert" ON "tickets"`);
    await q.query(`DROP FUNCTION "report_dirty_child"()`);
    await q.query(`DROP FUNCTION "report_dirty_ticket"()`);
    await q.query(`DROP FUNCTION "report_mark_dirty"(integer, date[])`);
    await q.query(`DROP INDEX "idx_ticket_deadlines_overdue"`);
    await q.query(`DROP INDEX "idx_ticket_deadlines_closed"`);
    await q.query(`DROP INDEX "idx_ticket_deadlines_started"`);
    await q.query(`DROP INDEX "idx_ticket_events_report"`);
    await q.query(`DROP INDEX "idx_tickets_created"`);
    await q.query(`DROP INDEX "idx_report_dirty_marked"`);
    await q.query(`DROP TABLE "report_dirty_tickets"`);
    await q.query(`DROP TABLE "report_rollups"`);
  }
}
