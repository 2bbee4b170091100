import { Injectable } from '@nestjs/common';
import type { DeadlineLeg, DeadlineParty, HandlerKind, Priority, SlaClock, TicketStatus } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../logging/request-context';
import { addClockMinutes, clockMinutesBetween } from '../sla/clock-math';
import { SlaService, type PolicyRow } from '../sla/sla.service';

export interface ClockTicket {
  id: number;
  category_id: number;
  priority: Priority;
}

interface OpenLegRow {
  id: string;
  leg: DeadlineLeg;
  clock: SlaClock;
  allowed_minutes: number;
  warn_ratio: number;
  due_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  escalation_level: number;
  escalation_minutes: number;
  paused_at: Date | null;
  remaining_minutes: number | null;
  paused_minutes: number;
}

export interface LegPlan {
  leg: DeadlineLeg;
  party: DeadlineParty;
  partyOrgId: number | null;
  clock: SlaClock;
  minutes: number;
  warnRatio: number;
  escalationMinutes: number;
  startedAt: Date;
  due: Date;
  warn: Date | null;
  nextEvent: 'warn' | 'breach';
  nextEventAt: Date;
}

/** The 12 values after ticket_id, in the column order of every ticket_deadlines insert. */
export function legPlanValues(p: LegPlan): unknown[] {
  return [p.leg, p.party, p.partyOrgId, p.clock, p.minutes, p.warnRatio, p.escalationMinutes, p.startedAt, p.due, p.warn, p.nextEvent, p.nextEventAt];
}

const MINUTES: Record<DeadlineLeg, keyof PolicyRow> = {
  dispatch: 'dispatch_minutes',
  accept: 'accept_minutes',
  resolve: 'resolve_minutes',
  survey: 'survey_minutes',
  visit: 'visit_minutes',
};

/**
 * Writes the per-party clocks. Always called inside the transaction of the ticket step that
 * starts or ends a leg, so a ticket's status and its clocks can never disagree.
 */
@Injectable()
export class DeadlineLedger {
  constructor(private readonly sla: SlaService) {}

  handlerParty(kind: HandlerKind | null): DeadlineParty {
    return kind === 'department' ? 'department' : 'company';
  }

  /** The values of a new leg's row, computed from the policy and the calendar. */
  async plan(em: EntityManager, ticket: ClockTicket, leg: DeadlineLeg, party: DeadlineParty, partyOrgId: number | null, now: Date): Promise<LegPlan> {
    const policy = await this.sla.policy(ticket.category_id, ticket.priority, em);
    const calendar = await this.sla.workingCalendar(em);
    // The resident's survey window and the phone-visit window are promises in calendar days.
    const clock: SlaClock = leg === 'survey' || leg === 'visit' ? 'clock' : policy.clock;
    const minutes = Number(policy[MINUTES[leg]]);
    const due = addClockMinutes(calendar, clock, now, minutes);
    // Nobody is warned that a resident has not rated yet; every other party is.
    const warn = leg === 'survey' ? null : addClockMinutes(calendar, clock, now, minutes * policy.warn_ratio);
    const warnFirst = warn !== null && warn < due;
    return {
      leg, party, partyOrgId, clock, minutes, warnRatio: policy.warn_ratio, escalationMinutes: policy.escalation_minutes,
      startedAt: now, due, warn: warnFirst ? warn : null, nextEvent: warnFirst ? 'warn' : 'breach', nextEventAt: warnFirst ? (warn as Date) : due,
    };
  }

  async open(em: EntityManager, ticket: ClockTicket, leg: DeadlineLeg, party: DeadlineParty, partyOrgId: number | null, now: Date): Promise<void> {
    const p = await this.plan(em, ticket, leg, party, partyOrgId, now);
    await em.query(
      `INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                     started_at, due_at, warn_at, next_event, next_event_at, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [ticket.id, ...legPlanValues(p), currentRequestId()],
    );
  }

  /**
   * Ends the open legs named: `met` when the party did its part, `cancelled` when the ticket left it.
   *
   * A loop leg (dispatch, accept, resolve) closed after its deadline that the worker never marked
   * overdue (it was down, or its job had not run yet) gets its overdue mark and its `overdue`
   * timeline event here, in the transaction of the step that closes it, so the timeline says what
   * the reports already count. Exactly once: the legs are locked first, and a worker that marked
   * the leg (breached_at set) or comes after the close (status no longer open) excludes the other.
   * No overdue notice is sent: the party has just acted. `ticketStatus` is the ticket's status
   * before the step (the event's from/to); read from the ticket when not given.
   */
  async close(em: EntityManager, ticketId: number, legs: DeadlineLeg[], status: 'met' | 'cancelled', now: Date, ticketStatus?: TicketStatus): Promise<void> {
    const unmarkedLate = `o.breached_at IS NULL AND o.due_at IS NOT NULL AND o.due_at < $4 AND o.leg IN ('dispatch', 'accept', 'resolve')`;
    const rows: Array<{ leg: DeadlineLeg; party: DeadlineParty; party_org_id: number | null; due_at: Date; late: boolean }> = await em.query(
      `WITH u AS (
       UPDATE ticket_deadlines d SET status = $3, closed_at = $4, next_event = NULL, next_event_at = NULL,
              breached_at = CASE WHEN ${unmarkedLate} THEN d.due_at ELSE d.breached_at END
         FROM (SELECT id, leg, due_at, breached_at FROM ticket_deadlines
                WHERE ticket_id = $1 AND leg = ANY($2::deadline_leg[]) AND status = 'open' ORDER BY id FOR UPDATE) o
        WHERE d.id = o.id
        RETURNING d.id, d.leg, d.party, d.party_org_id, d.due_at, (${unmarkedLate}) AS late)
       SELECT leg, party, party_org_id, due_at, late FROM u ORDER BY id`,
      [ticketId, legs, status, now],
    );
    const late = rows.filter((r) => r.late);
    if (late.length === 0) return;
    await em.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data)
       SELECT $1, 'overdue', s.status, s.status, (SELECT id FROM users WHERE username = 'system'), 'system', x.data
         FROM (SELECT COALESCE($2::ticket_status, (SELECT status FROM tickets WHERE id = $1)) AS status) s,
              unnest($3::jsonb[]) WITH ORDINALITY AS x(data, n)
        ORDER BY x.n`,
      [ticketId, ticketStatus ?? null, late.map((r) => JSON.stringify({ leg: r.leg, party: r.party, partyOrgId: r.party_org_id, dueAt: r.due_at, recordedAtClose: true }))],
    );
  }

  /** 挂起: the resolve clock stops; it restarts by itself after the policy's maximum pause. */
  async pause(em: EntityManager, ticket: ClockTicket, reason: string, now: Date): Promise<boolean> {
    const leg = await this.openLeg(em, ticket.id, 'resolve');
    if (!leg || leg.paused_at || !leg.due_at) return false;
    const calendar = await this.sla.workingCalendar(em);
    const policy = await this.sla.policy(ticket.category_id, ticket.priority, em);
    const remaining = clockMinutesBetween(calendar, leg.clock, now, leg.due_at);
    const autoResume = new Date(now.getTime() + policy.max_pause_minutes * 60_000);
    await em.query(
      `UPDATE ticket_deadlines SET paused_at = $2, remaining_minutes = $3, pause_reason = $4, due_at = NULL, warn_at = NULL,
              next_event = 'resume', next_event_at = $5
        WHERE id = $1`,
      [leg.id, now, remaining, reason, autoResume],
    );
    return true;
  }

  /** The clock runs again with the time that was left; a leg already overdue stays overdue. */
  async resume(em: EntityManager, ticketId: number, now: Date): Promise<{ pausedMinutes: number } | null> {
    const leg = await this.openLeg(em, ticketId, 'resolve');
    if (!leg || !leg.paused_at) return null;
    const calendar = await this.sla.workingCalendar(em);
    const remaining = Number(leg.remaining_minutes ?? 0);
    const due = addClockMinutes(calendar, leg.clock, now, Math.max(0, remaining));
    const pausedMinutes = Math.max(0, clockMinutesBetween(calendar, leg.clock, leg.paused_at, now));
    const warnLeft = remaining - leg.allowed_minutes * (1 - leg.warn_ratio);
    const warn = !leg.warned_at && !leg.breached_at && warnLeft > 0 ? addClockMinutes(calendar, leg.clock, now, warnLeft) : null;
    // Already overdue: the 督办 ladder picks up where the pause interrupted it.
    const next = leg.breached_at
      ? { event: 'escalate', at: new Date(now.getTime() + leg.escalation_minutes * 60_000) }
      : warn
        ? { event: 'warn', at: warn }
        : { event: 'breach', at: due };
    await em.query(
      `UPDATE ticket_deadlines SET paused_at = NULL, remaining_minutes = NULL, pause_reason = NULL, due_at = $2, warn_at = $3,
              paused_minutes = paused_minutes + $4, next_event = $5, next_event_at = $6
        WHERE id = $1`,
      [leg.id, due, warn, pausedMinutes, next?.event ?? null, next?.at ?? null],
    );
    return { pausedMinutes };
  }

  private async openLeg(em: EntityManager, ticketId: number, leg: DeadlineLeg): Promise<OpenLegRow | null> {
    const rows: OpenLegRow[] = await em.query(
      `SELECT id, leg, clock, allowed_minutes, warn_ratio, due_at, warned_at, breached_at, escalation_level, escalation_minutes, paused_at,
              remaining_minutes, paused_minutes
         FROM ticket_deadlines WHERE ticket_id = $1 AND leg = $2 AND status = 'open'
        ORDER BY id DESC LIMIT 1 FOR UPDATE`,
      [ticketId, leg],
    );
    return rows[0] ?? null;
  }
}
