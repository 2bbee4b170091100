import { HttpStatus, Injectable } from '@nestjs/common';
import { RATING_LABELS, type Rating, type Role, type TicketStatus } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { rolesInScope } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import type { KeyClaim } from '../idempotency/key-claim';
import { Notifier } from '../notifications/notifier.service';
import { scopeFacts, TICKET_SELECT, type TicketRow } from '../tickets/ticket-row';
import { canDecideAppeal, canSeeAppeal, decidingRole, handlerDeskOrgs, visibleAppealsSql } from './appeal-scope';
import { APPEAL_SELECT, appealDeadline, appealView, type AppealRow } from './appeal.view';
import type { DecideAppealDto, FileAppealDto, ListAppealsQuery } from './appeal.dto';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

/** A rating on a ticket: a `rate` or reached `visit` event, with the handler it was about. */
interface RatingEventRow {
  id: string;
  rating: Rating;
  handler_org_id: number | null;
  created_at: Date;
  appeal_id: number | null;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

/**
 * 申诉: the handler appeals a 不满意; the street upholds or denies it. Neither step changes the
 * ticket's status or version (the handler may go on working the reopened ticket meanwhile); each
 * writes its timeline event in the same transaction as the appeal row.
 */
@Injectable()
export class AppealsService {
  constructor(
    private readonly db: DataSource,
    private readonly notifier: Notifier,
  ) {}

  async file(actor: Actor, ticketId: number, dto: FileAppealDto, claim?: KeyClaim) {
    const ticket = await this.ticket(ticketId);
    const ratings = await this.ratings(this.db.manager, ticketId);
    const orgs = handlerDeskOrgs(actor);
    const visible = ticket !== null && rolesInScope(actor, scopeFacts(ticket)).length > 0;
    // The rated handler may have lost sight of the ticket (吹哨 to a department) and may still appeal.
    const ratedHandler = ratings.some((r) => r.handler_org_id !== null && orgs.includes(r.handler_org_id));
    if (!ticket || (!visible && !ratedHandler)) throw ApiException.notFound('ticket');
    if (orgs.length === 0) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the property manager or department staff of the rated handler may appeal');
    }
    const target = this.pickRating(ratings, orgs, dto.ratingEventId);
    if (target.rating !== 'dissatisfied') {
      throw new ApiException(HttpStatus.CONFLICT, 'NOT_APPEALABLE', `ratingEventId: only a 不满意 rating can be appealed, this one is ${RATING_LABELS[target.rating]}`);
    }
    if (target.handler_org_id === null || !orgs.includes(target.handler_org_id)) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'NOT_RATED_HANDLER', 'ratingEventId: the rating is about another handler’s resolution');
    }
    if (target.appeal_id !== null) throw this.exists(target.appeal_id);
    const deadline = appealDeadline(target.created_at);
    if (Date.now() > deadline.getTime()) {
      throw new ApiException(HttpStatus.CONFLICT, 'APPEAL_WINDOW_CLOSED', `ratingEventId: the appeal window closed at ${deadline.toISOString()}`);
    }
    const handlerOrgId = target.handler_org_id;
    const role: Role = actor.bindings.find((b) => (b.role === 'property_manager' || b.role === 'department_staff') && b.organizationId === handlerOrgId)?.role ?? 'property_manager';
    try {
      return await this.db.transaction(async (em) => {
        // First: a concurrent copy of this request waits here for the first one, then stops (and replays).
        if (claim) await claim.record(em, ticketId);
        const [{ id }]: Array<{ id: number }> = await em.query(
          `INSERT INTO rating_appeals (ticket_id, rating_event_id, handler_org_id, reason, filed_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [ticketId, target.id, handlerOrgId, dto.reason, actor.userId],
        );
        await this.timeline(em, ticketId, 'appeal', actor.userId, role, dto.reason, {
          appealId: id, ratingEventId: Number(target.id), ratedAt: target.created_at, handlerOrgId,
        });
        // The street's desk decides: tell it in the same transaction, once per appeal.
        await this.notifier.notify(em, { kind: 'unit', unitId: ticket.street_id, roles: ['street_staff'] }, {
          ticketId,
          kind: 'appeal_filed',
          title: '新的评价申诉待裁定',
          body: `工单 ${ticket.no}（${ticket.category_name}）的处理单位对“不满意”评价提出申诉：${dto.reason.slice(0, 100)}`,
          dedupeKey: `appeal:${id}:filed`,
        });
        return this.answer(em, id, claim);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw this.exists(null);
      throw error;
    }
  }

  async decide(actor: Actor, appealId: number, dto: DecideAppealDto, claim?: KeyClaim) {
    const appeal = await this.load(appealId);
    if (!appeal) throw ApiException.notFound('appeal');
    const facts = { handlerOrgId: appeal.handler_org_id, streetId: appeal.street_id, districtId: appeal.district_id };
    const role = decidingRole(actor, facts);
    if (!role) {
      if (canSeeAppeal(actor, facts) || (await this.seesTicket(actor, appeal.ticket_id))) {
        throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only street staff or district supervisors of the ticket’s street decide appeals');
      }
      throw ApiException.notFound('appeal');
    }
    if (appeal.filed_by === actor.userId) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'an appeal is decided by someone other than who filed it');
    }
    return this.db.transaction(async (em) => {
      if (claim) await claim.record(em, appeal.ticket_id);
      // Guarded: of two deciders at once, the second finds it no longer pending and changes nothing.
      const updated: unknown[] = await em.query(
        `WITH u AS (
           UPDATE rating_appeals SET status = $2, decided_by = $3, decided_at = now(), decision_note = $4
            WHERE id = $1 AND status = 'pending' RETURNING id)
         SELECT id FROM u`,
        [appealId, dto.decision, actor.userId, dto.note],
      );
      if (updated.length !== 1) {
        throw new ApiException(HttpStatus.CONFLICT, 'APPEAL_DECIDED', 'the appeal was already decided; reload to see the decision');
      }
      await this.timeline(em, appeal.ticket_id, 'appeal_decision', actor.userId, role, dto.note, {
        appealId, decision: dto.decision, ratingEventId: Number(appeal.rating_event_id), ratedAt: appeal.rated_at, handlerOrgId: appeal.handler_org_id,
      });
      await this.notifier.notify(em, { kind: 'org', organizationId: appeal.handler_org_id, roles: ['property_manager', 'department_staff'] }, {
        ticketId: appeal.ticket_id,
        kind: 'appeal_decided',
        title: dto.decision === 'upheld' ? '申诉成立' : '申诉被驳回',
        body: `工单 ${appeal.ticket_no}（${appeal.category_name}）的评价申诉${dto.decision === 'upheld' ? '成立，该评价不计入满意率' : '被驳回，评价维持'}。裁定意见：${dto.note.slice(0, 100)}`,
        dedupeKey: `appeal:${appealId}:decided`,
      });
      return this.answer(em, appealId, claim);
    });
  }

  async list(actor: Actor, q: ListAppealsQuery) {
    const params: unknown[] = [];
    const scope = visibleAppealsSql(actor, params);
    if (scope === null) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'appeals are for handlers, street staff and supervisors');
    const where = [scope];
    const param = (v: unknown) => (params.push(v), `$${params.length}`);
    if (q.status) where.push(`a.status = ${param(q.status)}`);
    if (q.cursor) where.push(`a.id < ${param(q.cursor)}`);
    const limit = q.limit ?? 50;
    const rows: AppealRow[] = await this.db.query(`${APPEAL_SELECT} WHERE ${where.join(' AND ')} ORDER BY a.id DESC ${pageLimitSql(limit)}`, params);
    const { page, nextCursor } = keysetPage(rows, limit, (last) => last.id);
    return {
      items: page.map((r) => ({ ...appealView(r), canDecide: r.status === 'pending' && r.filed_by !== actor.userId && canDecideAppeal(actor, { handlerOrgId: r.handler_org_id, streetId: r.street_id, districtId: r.district_id }) })),
      nextCursor,
    };
  }

  /**
   * For the ticket view (the caller already sees the ticket): its appeals, and the 不满意 the caller
   * may still appeal with the deadline the client shows, if any.
   */
  async forTicket(actor: Actor, ticketId: number) {
    const [rows, ratings] = await Promise.all([
      this.db.query(`${APPEAL_SELECT} WHERE a.ticket_id = $1 ORDER BY a.id`, [ticketId]) as Promise<AppealRow[]>,
      this.ratings(this.db.manager, ticketId),
    ]);
    const orgs = handlerDeskOrgs(actor);
    const open = ratings.find(
      (r) => r.rating === 'dissatisfied' && r.appeal_id === null && r.handler_org_id !== null && orgs.includes(r.handler_org_id) &&
        appealDeadline(r.created_at).getTime() > Date.now(),
    );
    return {
      appeals: rows.map(appealView),
      appealable: open ? { ratingEventId: Number(open.id), ratedAt: open.created_at, deadline: appealDeadline(open.created_at) } : null,
    };
  }

  private pickRating(ratings: RatingEventRow[], orgs: number[], ratingEventId: number | undefined): RatingEventRow {
    if (ratingEventId !== undefined) {
      const chosen = ratings.find((r) => Number(r.id) === ratingEventId);
      if (!chosen) throw ApiException.invalidReference('ratingEventId', 'not a rating given on this ticket');
      return chosen;
    }
    const chosen =
      ratings.find((r) => r.rating === 'dissatisfied' && r.handler_org_id !== null && orgs.includes(r.handler_org_id)) ??
      ratings.find((r) => r.rating === 'dissatisfied') ??
      ratings[0];
    if (!chosen) throw new ApiException(HttpStatus.CONFLICT, 'NOT_APPEALABLE', 'ratingEventId: the ticket has no rating to appeal');
    return chosen;
  }

  private exists(appealId: number | null) {
    return new ApiException(HttpStatus.CONFLICT, 'APPEAL_EXISTS', 'ratingEventId: this rating has already been appealed (one appeal per rating)', appealId ? { appealId } : undefined);
  }

  /** Newest first; the handler is the one written on the event, as the SLA report attributes it. */
  private ratings(em: EntityManager, ticketId: number): Promise<RatingEventRow[]> {
    return em.query(
      `SELECT e.id, e.data->>'rating' AS rating, COALESCE((e.data->>'handlerOrgId')::int, t.handler_org_id) AS handler_org_id,
              e.created_at, ap.id AS appeal_id
         FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
         LEFT JOIN rating_appeals ap ON ap.rating_event_id = e.id
        WHERE e.ticket_id = $1 AND e.action IN ('rate', 'visit') AND e.data->>'rating' IS NOT NULL
        ORDER BY e.id DESC`,
      [ticketId],
    );
  }

  /** The audit record on the ticket's timeline: no status change, so from = to = the status now. */
  private async timeline(em: EntityManager, ticketId: number, action: 'appeal' | 'appeal_decision', actorId: number, role: Role, note: string, data: Record<string, unknown>) {
    // FOR SHARE: a ticket step cannot change the status between this read and the insert.
    const [{ status }]: Array<{ status: TicketStatus }> = await em.query('SELECT status FROM tickets WHERE id = $1 FOR SHARE', [ticketId]);
    await em.query(
      `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, data)
       VALUES ($1, $2, $3, $3, $4, $5, $6, $7)`,
      [ticketId, action, status, actorId, role, note, data],
    );
  }

  private async ticket(id: number): Promise<TicketRow | null> {
    const rows: TicketRow[] = await this.db.query(`${TICKET_SELECT} WHERE t.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private async seesTicket(actor: Actor, ticketId: number): Promise<boolean> {
    const ticket = await this.ticket(ticketId);
    return ticket !== null && rolesInScope(actor, scopeFacts(ticket)).length > 0;
  }

  private async load(id: number, em: EntityManager = this.db.manager): Promise<AppealRow | null> {
    const rows: AppealRow[] = await em.query(`${APPEAL_SELECT} WHERE a.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The appeal as the caller sees it, built inside the transaction, and stored with the Idempotency-Key if one came. */
  private async answer(em: EntityManager, id: number, claim: KeyClaim | undefined) {
    const row = await this.load(id, em);
    if (!row) throw ApiException.notFound('appeal');
    const view = appealView(row);
    if (claim) await claim.answer(em, view);
    return view;
  }
}
