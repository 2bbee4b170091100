import { HttpStatus, Injectable } from '@nestjs/common';
import { transition, type Role, type TicketAction, type TicketStatus, type TransitionInput } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { TicketClocks } from '../deadlines/ticket-clocks.service';
import { ApiException } from '../common/api.exception';
import { PointsTicketHook } from '../points/points-ticket-hook.service';
import type { KeyClaim } from '../idempotency/key-claim';
import type { TicketRow } from './ticket-row';
import { TicketStatusNotices } from './ticket-status-notices.service';
import { TicketsQueryService } from './tickets-query.service';

/** A column value for the guarded update: a bound parameter, or raw SQL such as `return_count + 1`. */
export type SetValue = { sql: string } | string | number | boolean | null | Date;

export interface StepPlan {
  /** Extra columns to set alongside status and version. */
  set?: Record<string, SetValue>;
  note?: string | null;
  photoIds?: string[];
  data?: Record<string, unknown>;
  /** More writes inside the same transaction, after the guarded update (e.g. the merge target). */
  also?: (em: EntityManager, ticket: TicketRow, role: Role) => Promise<void>;
}

export interface StepRequest {
  action: TicketAction;
  input?: TransitionInput;
  /** Checks and plans the step once the ticket is loaded and the transition is allowed. */
  plan: (ticket: TicketRow, to: TicketStatus) => Promise<StepPlan> | StepPlan;
  /** The request's Idempotency-Key: recorded in the step's transaction, so key and step commit together. */
  idempotency?: KeyClaim;
}

const REFUSAL_STATUS = {
  ILLEGAL_TRANSITION: HttpStatus.CONFLICT,
  ROLE_NOT_ALLOWED: HttpStatus.FORBIDDEN,
  NOT_REPORTER: HttpStatus.FORBIDDEN,
  RATING_REQUIRED: HttpStatus.BAD_REQUEST,
} as const;

/**
 * Runs one step of a ticket's life: the domain table decides, then one transaction writes the
 * guarded update (`WHERE id AND status = :from AND version = :v`) and the timeline event. If a
 * concurrent step got there first the update touches no row and the caller gets 409 STALE_STATE.
 */
@Injectable()
export class TicketTransitionService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsQueryService,
    private readonly clocks: TicketClocks,
    private readonly notices: TicketStatusNotices,
    private readonly points: PointsTicketHook,
  ) {}

  async step(actor: Actor, ticketId: number, request: StepRequest): Promise<void> {
    const { row, roles } = await this.tickets.loadInScope(actor, ticketId);
    const decision = transition(row.status, request.action, { roles, isReporter: row.reporter_id === actor.userId }, request.input);
    if (!decision.ok) throw new ApiException(REFUSAL_STATUS[decision.code], decision.code, decision.message);
    const plan = await request.plan(row, decision.to);
    await this.db.transaction(async (em) => {
      // First: a concurrent copy of this request waits here for the first one, then stops (and replays).
      if (request.idempotency) await request.idempotency.record(em, row.id);
      const after = await this.guardedUpdate(em, row, decision.to, plan.set ?? {});
      await this.clocks.onStep(em, {
        ticket: row,
        action: request.action,
        to: decision.to,
        handlerKind: after.handler_kind,
        handlerOrgId: after.handler_org_id,
        rating: request.input?.rating,
        now: new Date(),
      });
      const photoIds = plan.photoIds ?? [];
      if (photoIds.length > 0) await this.attachPhotos(em, actor, row.id, photoIds);
      const [event]: Array<{ id: string }> = await em.query(
        `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, note, photo_ids, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9) RETURNING id`,
        [row.id, request.action, row.status, decision.to, actor.userId, decision.role, plan.note ?? null, photoIds, plan.data ?? {}],
      );
      if (plan.also) await plan.also(em, row, decision.role);
      await this.notices.onStep(em, {
        ticket: row,
        action: request.action,
        to: decision.to,
        actorId: actor.userId,
        eventId: String(event.id),
        note: plan.note ?? null,
        data: plan.data ?? {},
      });
      // 积分 for a confirmed report or a 回访 answer, taken back when the report is merged away or rejected.
      await this.points.onStep(em, { ticket: row, action: request.action, to: decision.to, reached: plan.data?.reached === true });
    });
  }

  private async guardedUpdate(em: EntityManager, row: TicketRow, to: TicketStatus, set: Record<string, SetValue>) {
    const params: unknown[] = [row.id, row.status, row.version, to];
    const assignments = Object.entries(set).map(([column, value]) => {
      if (!/^[a-z_]+$/.test(column)) throw new Error(`bad column ${column}`);
      if (value !== null && typeof value === 'object' && 'sql' in value) return `${column} = ${value.sql}`;
      params.push(value);
      return `${column} = $${params.length}`;
    });
    const updated: Array<Pick<TicketRow, 'id' | 'handler_kind' | 'handler_org_id'>> = await em.query(
      `WITH u AS (
         UPDATE tickets SET status = $4, version = version + 1, updated_at = now()${assignments.map((a) => `, ${a}`).join('')}
          WHERE id = $1 AND status = $2 AND version = $3
          RETURNING id, handler_kind, handler_org_id)
       SELECT * FROM u`,
      params,
    );
    if (updated.length !== 1) {
      throw new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'the ticket was changed by someone else; reload and try again');
    }
    return updated[0];
  }

  /** Photos must be the caller's own uploads (photos, not PDFs) and not yet on any ticket. */
  async attachPhotos(em: EntityManager, actor: Actor, ticketId: number, photoIds: string[]): Promise<void> {
    const attached: Array<{ id: string }> = await em.query(
      `WITH u AS (
         UPDATE uploads SET ticket_id = $1
          WHERE id = ANY($2::uuid[]) AND owner_id = $3 AND ticket_id IS NULL AND mime_type LIKE 'image/%'
          RETURNING id)
       SELECT id FROM u`,
      [ticketId, photoIds, actor.userId],
    );
    if (attached.length !== photoIds.length) {
      const bad = photoIds.filter((id) => !attached.some((a) => a.id === id));
      throw ApiException.invalidReference('photoIds', `not your uploads or already used: ${bad.join(', ')}`);
    }
  }
}
