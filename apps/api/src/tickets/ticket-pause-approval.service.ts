import { HttpStatus, Injectable } from '@nestjs/common';
import { transition, type Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { DeadlineLedger } from '../deadlines/deadline-ledger.service';
import { Notifier } from '../notifications/notifier.service';
import { TicketsQueryService } from './tickets-query.service';

/** Who decides a 挂起申请: the desk that dispatches (the `dispatch` row of the transition table). */
const COMMUNITY_DESK: Role[] = ['community_staff', 'street_staff'];

/**
 * 挂起 where the SLA policy says the community must agree (`pause_needs_approval`): the handler's
 * 挂起 becomes a request, the resolve clock keeps running, and the community approves (the clock
 * stops then) or refuses. One pending request per ticket (a unique partial index); a decision is a
 * guarded UPDATE … WHERE status = 'pending', so two deciders at once: one wins, the other gets 409.
 */
@Injectable()
export class TicketPauseApprovalService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsQueryService,
    private readonly ledger: DeadlineLedger,
    private readonly notifier: Notifier,
  ) {}

  /** Whether this ticket's policy needs the community's approval for a pause. */
  async needsApproval(ticketId: number): Promise<boolean> {
    const rows: Array<{ needs: boolean }> = await this.db.query(
      'SELECT p.pause_needs_approval AS needs FROM tickets t JOIN sla_policies p ON p.category_id = t.category_id AND p.priority = t.priority WHERE t.id = $1',
      [ticketId],
    );
    return rows[0]?.needs === true;
  }

  /** The handler's 挂起 as a request (same authorization as 挂起 itself). */
  async request(actor: Actor, id: number, reason: string): Promise<void> {
    const { row, roles } = await this.tickets.loadInScope(actor, id);
    const decision = transition(row.status, 'pause', { roles, isReporter: row.reporter_id === actor.userId });
    if (!decision.ok) throw new ApiException(decision.code === 'ILLEGAL_TRANSITION' ? HttpStatus.CONFLICT : HttpStatus.FORBIDDEN, decision.code, decision.message);
    const paused: unknown[] = await this.db.query(`SELECT 1 FROM ticket_deadlines WHERE ticket_id = $1 AND leg = 'resolve' AND status = 'open' AND paused_at IS NOT NULL`, [id]);
    if (paused.length) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'the resolve clock is already paused');
    await this.db.transaction(async (em) => {
      const inserted: Array<{ id: number }> = await em.query(
        `INSERT INTO pause_requests (ticket_id, requested_by, reason) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id`,
        [id, actor.userId, reason.slice(0, 200)],
      );
      if (!inserted[0]) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'a pause request for this ticket is already waiting for the community');
      await em.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, data)
         VALUES ($1, 'pause_request', $2, $2, $3, $4, $5, $6)`,
        [id, row.status, actor.userId, decision.role, reason, { requestId: inserted[0].id }],
      );
      await this.notifier.notify(em, { kind: 'unit', unitId: row.community_id, roles: ['community_staff'] }, {
        ticketId: id, kind: 'pause_request', title: '挂起申请待审批',
        body: `工单 ${row.no}（${row.category_name}）申请挂起：${reason}`, dedupeKey: `pause-request:${inserted[0].id}`, push: false,
      });
    });
  }

  async decide(actor: Actor, id: number, approve: boolean, note?: string): Promise<void> {
    const { row, roles } = await this.tickets.loadInScope(actor, id);
    const role = COMMUNITY_DESK.find((r) => roles.includes(r));
    if (!role) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'pause requests are decided by the community');
    await this.db.transaction(async (em) => {
      const decided: Array<{ id: number; reason: string; requested_by: number }> = await em.query(
        // In a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], not the rows.
        `WITH u AS (
           UPDATE pause_requests SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4
            WHERE ticket_id = $1 AND status = 'pending' RETURNING id, reason, requested_by)
         SELECT * FROM u`,
        [id, approve ? 'approved' : 'refused', actor.userId, note ?? null],
      );
      const request = decided[0];
      if (!request) throw new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'no pause request is waiting for this ticket (decided meanwhile?)');
      if (approve) {
        // The ticket must still be being worked; the version bump orders this step with any other.
        const bumped: unknown[] = await em.query(
          `WITH u AS (UPDATE tickets SET version = version + 1, updated_at = now() WHERE id = $1 AND status = 'accepted' RETURNING id) SELECT id FROM u`,
          [id],
        );
        if (bumped.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'the ticket is no longer being worked on');
        const paused = await this.ledger.pause(em, { id, category_id: row.category_id, priority: row.priority }, request.reason, new Date());
        if (!paused) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'the resolve clock is already paused');
      }
      await em.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, data)
         VALUES ($1, $2, $3, $3, $4, $5, $6, $7)`,
        [id, approve ? 'pause' : 'pause_decision', row.status, actor.userId, role, note ?? request.reason,
          { requestId: request.id, approved: approve, requestedBy: request.requested_by, reason: request.reason }],
      );
      await this.notifier.notify(em, { kind: 'users', userIds: [request.requested_by] }, {
        ticketId: id, kind: 'pause_decision', title: approve ? '挂起申请已批准' : '挂起申请未批准',
        body: `工单 ${row.no} 的挂起申请${approve ? '已批准，办结时限暂停计时' : `未批准，请继续办理${note ? `：${note}` : ''}`}`,
        dedupeKey: `pause-decision:${request.id}`, push: false,
      });
    });
  }
}
