import { HttpStatus, Injectable } from '@nestjs/common';
import { OPEN_STATUSES, type TicketStatus } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { Notifier, type Audience } from '../notifications/notifier.service';
import type { SuperviseDto } from './dto/ticket-actions.dto';
import type { TicketRow } from './ticket-row';
import { SuperviseClock } from './supervise.clock';
import { TicketsQueryService } from './tickets-query.service';

/** One 督办 per ticket per hour: a reminder repeated every minute is noise the handler learns to ignore. */
export const SUPERVISE_INTERVAL_MINUTES = 60;

/**
 * 督办 from the supervisor board: a reminder on the ticket's timeline (action `supervise`, by a
 * person, next to the engine's own escalation events) and a message to whoever holds it now.
 */
@Injectable()
export class TicketSuperviseService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsQueryService,
    private readonly notifier: Notifier,
    private readonly clock: SuperviseClock,
  ) {}

  async supervise(actor: Actor, id: number, dto: SuperviseDto) {
    const { row, roles } = await this.tickets.loadInScope(actor, id);
    if (!roles.includes('supervisor')) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', '督办 is for supervisors');
    if (!OPEN_STATUSES.includes(row.status)) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', `the ticket is ${row.status}: nothing is left to supervise`);
    const now = this.clock.now();
    return this.db.transaction(async (em) => {
      // The row lock serialises two supervisors pressing 督办 at once: the second sees the first's event.
      const locked: Array<{ status: TicketStatus }> = await em.query('SELECT status FROM tickets WHERE id = $1 FOR UPDATE', [id]);
      const recent: Array<{ next_at: Date }> = await em.query(
        `SELECT created_at + $2 * interval '1 minute' AS next_at FROM ticket_events
          WHERE ticket_id = $1 AND action = 'supervise' AND actor_role = 'supervisor' AND created_at > $3::timestamptz - $2 * interval '1 minute'
          ORDER BY created_at DESC LIMIT 1`,
        [id, SUPERVISE_INTERVAL_MINUTES, now],
      );
      if (recent[0]) {
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'SUPERVISE_TOO_SOON', `this ticket was supervised less than ${SUPERVISE_INTERVAL_MINUTES} minutes ago`, [
          { field: 'id', message: 'one 督办 per ticket per hour', nextAllowedAt: recent[0].next_at },
        ]);
      }
      const status = locked[0].status;
      const holder = this.holder(row);
      const [event]: Array<{ id: string; created_at: Date }> = await em.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, data, created_at)
         VALUES ($1, 'supervise', $2, $2, $3, 'supervisor', $4, $5, $6) RETURNING id, created_at`,
        [id, status, actor.userId, dto.note ?? null, { manual: true, holder: holder.label }, now],
      );
      const notified = await this.notifier.notify(em, holder.audience, {
        ticketId: id,
        kind: 'supervise',
        title: '督办提醒',
        body: `工单 ${row.no}（${row.category_name}，${row.compound_name}）被督办，请尽快处理${dto.note ? `：${dto.note}` : '。'}`,
        dedupeKey: `supervise:${id}:${event.id}`,
        push: false,
      });
      const at = new Date(event.created_at);
      return { ticketId: id, eventId: Number(event.id), notified, at, nextAllowedAt: new Date(at.getTime() + SUPERVISE_INTERVAL_MINUTES * 60_000) };
    });
  }

  /** The worker on it; else the managers of the company or department holding it; else the community desk. */
  private holder(row: TicketRow): { audience: Audience; label: string } {
    if (row.assignee_id) return { audience: { kind: 'users', userIds: [row.assignee_id] }, label: row.assignee_name ?? '处理人' };
    if (row.handler_org_id) {
      return { audience: { kind: 'org', organizationId: row.handler_org_id, roles: ['property_manager', 'department_staff'] }, label: row.handler_name ?? '责任单位' };
    }
    return { audience: { kind: 'unit', unitId: row.community_id, roles: ['community_staff'] }, label: row.community_name };
  }
}
