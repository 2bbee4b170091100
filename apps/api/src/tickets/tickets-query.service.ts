import { HttpStatus, Injectable } from '@nestjs/common';
import type { Role } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { rolesInScope } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import { keysetPage } from '../common/keyset-page.util';
import { AppealsService } from '../appeals/appeals.service';
import { OrgService } from '../org/org.service';
import type { ListTicketsQuery } from './dto/list-tickets.query';
import { cursorOf, listRowsByIdSql, listTicketsSql, matchPlaces, newestTicketId, parseCursor, searchFloors, type ListRow, type PlaceMatches } from './ticket-list.sql';
import { scopeFacts, TICKET_SELECT, type TicketRow } from './ticket-row';
import { ticketDetail, ticketSummary, type TicketEventRow } from './ticket.view';

/** What a list query answers at least: the position of each row (a search answers only this). */
type PageKey = Pick<ListRow, 'id' | 'due_ms'>;

/** Who takes the `dispatch` row of the transition table. */
const DISPATCH_DESK: Role[] = ['community_staff', 'street_staff'];

@Injectable()
export class TicketsQueryService {
  constructor(
    private readonly db: DataSource,
    private readonly org: OrgService,
    private readonly appeals: AppealsService,
  ) {}

  /** The lists (queue, inbox, 我的工单): scope, search and filters, keyset-paginated in either order. */
  async list(actor: Actor, q: ListTicketsQuery) {
    const places = await matchPlaces((sql, params) => this.db.query(sql, params), q.text);
    const list = listTicketsSql(actor, q, places);
    const { limit, sort } = list;
    const found: PageKey[] = q.text && sort === 'newest' ? await this.searchNewest(actor, q, places, limit) : await this.db.query(list.sql, list.params);
    const { page: keys, nextCursor } = keysetPage(found, limit, (last) => cursorOf(last, sort));
    const page = list.idsOnly ? await this.rowsById(actor, keys, list.order) : (keys as ListRow[]);
    return { items: page.map((row) => ticketSummary(row, actor, { inList: true })), nextCursor };
  }

  /** A search's page: the rows of the ids it found, in its order (listTicketsSql, `idsOnly`). */
  private async rowsById(actor: Actor, keys: PageKey[], order: string): Promise<ListRow[]> {
    if (keys.length === 0) return [];
    const { sql, params } = listRowsByIdSql(actor, keys.map((k) => Number(k.id)), order);
    return this.db.query(sql, params);
  }

  /** A keyword search newest first, the newest tickets first (SEARCH_WINDOWS): until a window fills the page. */
  private async searchNewest(actor: Actor, q: ListTicketsQuery, places: PlaceMatches, limit: number): Promise<PageKey[]> {
    const cursor = q.cursor ? parseCursor(q.cursor, 'newest') : null;
    const top = cursor ? cursor.id : await newestTicketId((sql) => this.db.query(sql));
    let rows: PageKey[] = [];
    for (const floor of searchFloors(top)) {
      const { sql, params } = listTicketsSql(actor, q, places, floor);
      rows = await this.db.query(sql, params);
      if (rows.length > limit) break;
    }
    return rows;
  }

  /** Loads a ticket the caller may see, with the roles through which they see it; else 404. */
  async loadInScope(actor: Actor, id: number, em: EntityManager = this.db.manager) {
    const rows: TicketRow[] = await em.query(`${TICKET_SELECT} WHERE t.id = $1`, [id]);
    const row = rows[0];
    const roles = row ? rolesInScope(actor, scopeFacts(row)) : [];
    // Out of scope looks exactly like missing: no one learns which ticket numbers exist elsewhere.
    if (!row || roles.length === 0) throw ApiException.notFound('ticket');
    return { row, roles };
  }

  /** The dispatch picker: the companies 派单 accepts for this ticket (contracted today, or 国企兜底). */
  async dispatchTargets(actor: Actor, id: number) {
    const { row, roles } = await this.loadInScope(actor, id);
    if (!roles.some((r) => DISPATCH_DESK.includes(r))) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'dispatch targets are for the staff who dispatch tickets');
    }
    return { items: await this.org.dispatchTargets(row.compound_id, row.district_id) };
  }

  async detail(actor: Actor, id: number) {
    const { row, roles } = await this.loadInScope(actor, id);
    const [events, suggestion, deadlines, appeals, pauseRequests] = await Promise.all([
      this.db.query(
        `SELECT e.id, e.action, e.from_status, e.to_status, e.actor_id, u.display_name AS actor_name, e.actor_role,
                e.note, e.photo_ids, e.data, e.created_at
           FROM ticket_events e JOIN users u ON u.id = e.actor_id
          WHERE e.ticket_id = $1 ORDER BY e.id`,
        [id],
      ) as Promise<TicketEventRow[]>,
      row.status === 'submitted' ? this.org.suggestHandler(row.category_id, row.compound_id, row.district_id) : null,
      this.db.query(
        `SELECT d.id, d.leg, d.party, d.party_org_id AS "partyOrgId", d.clock, d.allowed_minutes AS "allowedMinutes",
                d.started_at AS "startedAt", d.due_at AS "dueAt", d.warn_at AS "warnAt", d.status, d.warned_at AS "warnedAt",
                d.breached_at AS "overdueAt", d.breached_at IS NOT NULL AS overdue, d.closed_at AS "closedAt",
                d.escalation_level AS "escalationLevel", d.paused_at AS "pausedAt", d.pause_reason AS "pauseReason",
                round(d.paused_minutes)::int AS "pausedMinutes"
           FROM ticket_deadlines d WHERE d.ticket_id = $1 ORDER BY d.id`,
        [id],
      ) as Promise<Array<Record<string, unknown>>>,
      // 申诉: the ticket's appeals, and the 不满意 the caller may still appeal (with its deadline).
      this.appeals.forTicket(actor, id),
      this.db.query(
        `SELECT p.id, p.reason, u.display_name AS "requestedBy", p.created_at AS "requestedAt"
           FROM pause_requests p JOIN users u ON u.id = p.requested_by WHERE p.ticket_id = $1 AND p.status = 'pending'`,
        [id],
      ) as Promise<Array<{ id: number; reason: string; requestedBy: string; requestedAt: Date }>>,
    ]);
    const pauseRequest = pauseRequests[0] ?? null;
    const detail = ticketDetail(row, events, actor, roles, suggestion);
    // The table allows pause/resume/visit by status; whether the clock is paused or a phone visit is
    // due lives in the clocks, so the offer is narrowed here to what will actually succeed.
    const paused = deadlines.some((d) => d.leg === 'resolve' && d.status === 'open' && d.pausedAt);
    const visitDue = deadlines.some((d) => d.leg === 'visit' && d.status === 'open');
    const offered = detail.allowedActions.filter(
      (a) => (a !== 'pause' || (!paused && !pauseRequest)) && (a !== 'resume' || paused) && (a !== 'visit' || visitDue),
    );
    // 挂起审批: the community desk decides a pending 挂起申请 (not a row of the transition table).
    if (pauseRequest && roles.some((r) => DISPATCH_DESK.includes(r))) offered.push('pause_decision');
    return { ...detail, allowedActions: offered, pauseRequest, deadlines: deadlines.map((d) => ({ ...d, id: Number(d.id) })), ...appeals };
  }
}
