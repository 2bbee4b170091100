import { Injectable } from '@nestjs/common';
import { DEADLINE_LEG_LABELS, ESCALATION_LEVEL_LABELS, type DeadlineLeg, type DeadlineParty, type EscalationLevel, type Priority, type TicketStatus, ladderFor } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { currentRequestId } from '../logging/request-context';
import { Notifier, type Audience } from '../notifications/notifier.service';
import { BREACH_SQL, LADDERS_JSON, LEG_LABELS_JSON, type BreachRow } from './breach.sql';
import { DeadlineLedger } from './deadline-ledger.service';
import type { DeadlineEvent } from './ticket-deadline.entity';
import { TicketClocks } from './ticket-clocks.service';

interface DueRow {
  id: string;
  ticket_id: number;
  leg: DeadlineLeg;
  party: DeadlineParty;
  party_org_id: number | null;
  status: string;
  next_event: DeadlineEvent | null;
  next_event_at: Date | null;
  due_at: Date | null;
  escalation_level: number;
  escalation_minutes: number;
  t_status: TicketStatus;
  t_version: number;
  t_no: string;
  category_id: number;
  priority: Priority;
  community_id: number;
  street_id: number;
  district_id: number;
  reporter_id: number;
  handler_kind: 'company' | 'department' | null;
  handler_org_id: number | null;
  assignee_id: number | null;
}

export type FireResult = 'fired' | 'skipped';

/** Timers in Redis and in Node may round a few ms early; anything earlier waits for the sweep. */
const EARLY_TOLERANCE_MS = 250;

/**
 * The effects of the deadline engine. Each one is claimed by locking the deadline row and checking
 * that it still expects exactly this event at exactly this time; everything it writes (the leg,
 * timeline events, notices, visit tasks, the ticket) commits in that one transaction. Running a
 * job twice, or two workers at once, therefore changes nothing the second time.
 */
@Injectable()
export class DeadlineEffects {
  private systemUserId: number | null = null;

  constructor(
    private readonly db: DataSource,
    private readonly ledger: DeadlineLedger,
    private readonly clocks: TicketClocks,
    private readonly notifier: Notifier,
  ) {}

  async fire(deadlineId: string, event: DeadlineEvent, at: Date, now = new Date()): Promise<FireResult> {
    // A job that comes early (the clock was moved) does nothing; the sweep queues it again in time.
    if (at.getTime() > now.getTime() + EARLY_TOLERANCE_MS) return 'skipped';
    if (event === 'breach') {
      // The common case, and the one that comes in waves: one statement (breach.sql.ts).
      const [row]: BreachRow[] = await this.db.query(BREACH_SQL, [deadlineId, at, now, LADDERS_JSON, LEG_LABELS_JSON, currentRequestId() ?? null]);
      if (row.claimed > 0) return 'fired';
      if (!row.other_leg) return 'skipped';
    }
    return this.stepByStep(deadlineId, event, at, now);
  }

  /** Warnings, 督办 steps, auto-resume, and the breach of a survey or visit leg: one transaction, step by step. */
  private stepByStep(deadlineId: string, event: DeadlineEvent, at: Date, now: Date): Promise<FireResult> {
    return this.db.transaction(async (em) => {
      // These steps may open, close or re-time a leg, and the tickets.due_key trigger then updates
      // the ticket (migration 1795300004200): take the ticket first, in the order the API's steps
      // take ticket and legs, so a resident's tap at the same instant waits instead of deadlocking.
      if (event === 'resume' || event === 'breach') {
        await em.query('SELECT 1 FROM tickets WHERE id = (SELECT ticket_id FROM ticket_deadlines WHERE id = $1) FOR NO KEY UPDATE', [deadlineId]);
      }
      const rows: DueRow[] = await em.query(
        `SELECT d.id, d.ticket_id, d.leg, d.party, d.party_org_id, d.status, d.next_event, d.next_event_at, d.due_at,
                d.escalation_level, d.escalation_minutes, t.status AS t_status, t.version AS t_version, t.no AS t_no,
                t.category_id, t.priority, t.community_id, t.street_id, t.district_id, t.reporter_id, t.handler_kind,
                t.handler_org_id, t.assignee_id
           FROM ticket_deadlines d JOIN tickets t ON t.id = d.ticket_id
          WHERE d.id = $1 FOR UPDATE OF d`,
        [deadlineId],
      );
      const d = rows[0];
      const expected = d && d.status === 'open' && d.next_event === event && d.next_event_at?.getTime() === at.getTime();
      // A job late for an event already handled does nothing.
      if (!expected) return 'skipped';
      switch (event) {
        case 'warn':
          // Reached only after the deadline itself (the worker was down or stalled): a warning that
          // "it will be due at HH:MM" for a time already gone is noise. The step is recorded as
          // skipped and the overdue notice, due now too, comes alone in this same transaction.
          if (d.due_at && d.due_at.getTime() <= now.getTime()) {
            await em.query(`UPDATE ticket_deadlines SET warn_skipped_at = $2 WHERE id = $1`, [d.id, now]);
            await this.breach(em, d, now);
          } else {
            await this.warn(em, d);
          }
          break;
        case 'breach':
          await this.breach(em, d, now);
          break;
        case 'escalate':
          await this.escalate(em, d, d.escalation_level + 1, now);
          break;
        case 'resume':
          await this.autoResume(em, d, now);
          break;
      }
      return 'fired';
    });
  }

  private async warn(em: EntityManager, d: DueRow): Promise<void> {
    await em.query(`UPDATE ticket_deadlines SET warned_at = now(), next_event = 'breach', next_event_at = due_at WHERE id = $1`, [d.id]);
    await this.notifier.notify(em, this.audience(d, 'handler'), {
      ticketId: d.ticket_id,
      kind: 'deadline_warning',
      title: `工单即将超期：${DEADLINE_LEG_LABELS[d.leg]}`,
      body: `工单 ${d.t_no} 的${DEADLINE_LEG_LABELS[d.leg]}时限将于 ${formatShanghai(d.due_at)} 到期，请尽快处理。`,
      dedupeKey: `warn:${d.id}`,
    });
  }

  private async breach(em: EntityManager, d: DueRow, now: Date): Promise<void> {
    if (d.leg === 'survey') return this.surveyUnanswered(em, d, now);
    if (d.leg === 'visit') return this.visitWindowClosed(em, d, now);
    await em.query(`UPDATE ticket_deadlines SET breached_at = $2 WHERE id = $1`, [d.id, now]);
    await this.timeline(em, d, 'overdue', { leg: d.leg, party: d.party, partyOrgId: d.party_org_id, dueAt: d.due_at });
    await this.escalate(em, d, 1, now);
  }

  /** 督办 one level up the ladder; the next level is due after the policy's escalation time. */
  private async escalate(em: EntityManager, d: DueRow, level: number, now: Date): Promise<void> {
    const ladder = ladderFor(d.party);
    const who = ladder[level - 1];
    if (!who) {
      await em.query(`UPDATE ticket_deadlines SET next_event = NULL, next_event_at = NULL WHERE id = $1`, [d.id]);
      return;
    }
    const hasNext = level < ladder.length;
    await em.query(
      `UPDATE ticket_deadlines SET escalation_level = $2, next_event = $3, next_event_at = $4 WHERE id = $1`,
      [d.id, level, hasNext ? 'escalate' : null, hasNext ? new Date(now.getTime() + d.escalation_minutes * 60_000) : null],
    );
    if (level > 1) await this.timeline(em, d, 'supervise', { leg: d.leg, level, to: who });
    await this.notifier.notify(em, this.audience(d, who), {
      ticketId: d.ticket_id,
      kind: level === 1 ? 'deadline_overdue' : 'supervision',
      title: level === 1 ? `工单已超期：${DEADLINE_LEG_LABELS[d.leg]}` : `${ESCALATION_LEVEL_LABELS[who]}：工单超期未办`,
      body: `工单 ${d.t_no} 的${DEADLINE_LEG_LABELS[d.leg]}已于 ${formatShanghai(d.due_at)} 超期${level > 1 ? `，已提级${ESCALATION_LEVEL_LABELS[who]}` : ''}。`,
      dedupeKey: `escalate:${d.id}:${level}`,
    });
  }

  /** The resident did not rate in the app: the community owes a phone visit. */
  private async surveyUnanswered(em: EntityManager, d: DueRow, now: Date): Promise<void> {
    await em.query(`UPDATE ticket_deadlines SET breached_at = $2, status = 'cancelled', closed_at = $2, next_event = NULL, next_event_at = NULL WHERE id = $1`, [d.id, now]);
    if (d.t_status !== 'resolved') return;
    await this.ledger.open(em, { id: d.ticket_id, category_id: d.category_id, priority: d.priority }, 'visit', 'community', null, now);
    const [visit]: Array<{ due_at: Date }> = await em.query(
      `SELECT due_at FROM ticket_deadlines WHERE ticket_id = $1 AND leg = 'visit' AND status = 'open' ORDER BY id DESC LIMIT 1`,
      [d.ticket_id],
    );
    await em.query(
      `INSERT INTO visit_tasks (ticket_id, survey_deadline_id, community_id, due_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (survey_deadline_id) DO NOTHING`,
      [d.ticket_id, d.id, d.community_id, visit.due_at],
    );
    await this.notifier.notify(em, { kind: 'unit', unitId: d.community_id, roles: ['community_staff', 'grid_worker'] }, {
      ticketId: d.ticket_id,
      kind: 'visit_due',
      title: '待电话回访',
      body: `工单 ${d.t_no} 已办结，居民未在小程序评价，请电话回访。`,
      dedupeKey: `visit:${d.id}`,
    });
  }

  /** No answer by the end of the visit window: closed as 未评价, which never counts as satisfied. */
  private async visitWindowClosed(em: EntityManager, d: DueRow, now: Date): Promise<void> {
    await em.query(`UPDATE ticket_deadlines SET breached_at = $2 WHERE id = $1`, [d.id, now]);
    if (d.t_status !== 'resolved') {
      await this.ledger.close(em, d.ticket_id, ['visit'], 'cancelled', now);
      return;
    }
    const closed: Array<{ id: number }> = await em.query(
      `WITH u AS (
         UPDATE tickets SET status = 'closed', closed_at = $3, version = version + 1, updated_at = now()
          WHERE id = $1 AND status = 'resolved' AND version = $2 RETURNING id)
       SELECT id FROM u`,
      [d.ticket_id, d.t_version, now],
    );
    if (closed.length === 0) return;
    await this.timeline(em, d, 'expire', { unrated: true }, 'resolved', 'closed');
    await this.clocks.onStep(em, {
      ticket: { id: d.ticket_id, category_id: d.category_id, priority: d.priority, community_id: d.community_id },
      action: 'expire',
      to: 'closed',
      handlerKind: d.handler_kind,
      handlerOrgId: d.handler_org_id,
      now,
    });
    await em.query(`UPDATE visit_tasks SET status = 'expired', closed_at = $2 WHERE ticket_id = $1 AND status = 'open'`, [d.ticket_id, now]);
  }

  /** A pause longer than the policy allows ends by itself. */
  private async autoResume(em: EntityManager, d: DueRow, now: Date): Promise<void> {
    const resumed = await this.ledger.resume(em, d.ticket_id, now);
    if (resumed) await this.timeline(em, d, 'resume', { auto: true, pausedMinutes: Math.round(resumed.pausedMinutes) });
  }

  private async timeline(em: EntityManager, d: DueRow, action: string, data: Record<string, unknown>, from?: TicketStatus, to?: TicketStatus) {
    await em.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data)
       VALUES ($1, $2, $3, $4, $5, 'system', $6)`,
      [d.ticket_id, action, from ?? d.t_status, to ?? d.t_status, await this.systemUser(em), data],
    );
  }

  private async systemUser(em: EntityManager): Promise<number> {
    if (this.systemUserId === null) {
      const rows: Array<{ id: number }> = await em.query(`SELECT id FROM users WHERE username = 'system'`);
      this.systemUserId = rows[0].id;
    }
    return this.systemUserId;
  }

  private audience(d: DueRow, level: EscalationLevel): Audience {
    if (level === 'community') return { kind: 'unit', unitId: d.community_id, roles: ['community_staff'] };
    if (level === 'street') return { kind: 'unit', unitId: d.street_id, roles: ['street_staff', 'supervisor'] };
    if (level === 'district') return { kind: 'unit', unitId: d.district_id, roles: ['supervisor'] };
    if (d.party === 'community') return { kind: 'unit', unitId: d.community_id, roles: ['community_staff'] };
    if (d.party === 'department') return { kind: 'org', organizationId: d.party_org_id as number, roles: ['department_staff'] };
    return { kind: 'org', organizationId: d.party_org_id as number, roles: ['property_manager'] };
  }
}

function formatShanghai(at: Date | null): string {
  if (!at) return '—';
  const local = new Date(at.getTime() + 8 * 3600_000);
  return local.toISOString().slice(0, 16).replace('T', ' ');
}
