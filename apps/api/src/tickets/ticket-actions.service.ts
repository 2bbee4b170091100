import { HttpStatus, Injectable } from '@nestjs/common';
import { OPEN_STATUSES, type TicketStatus } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { DeadlineLedger } from '../deadlines/deadline-ledger.service';
import { Notifier } from '../notifications/notifier.service';
import { OrgService } from '../org/org.service';
import { rolesInScope } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import type { KeyClaim } from '../idempotency/key-claim';
import type { AcceptDto, DispatchDto, EscalateDto, MergeDto, NoteDto, RateDto, ReassignDto } from './dto/ticket-actions.dto';
import { scopeFacts, TICKET_SELECT, type TicketRow } from './ticket-row';
import { TicketFollowersService } from './ticket-followers.service';
import { TicketTransitionService, type SetValue } from './ticket-transition.service';

const now = { sql: 'now()' };

/** The ticket actions of the API; each checks its own inputs and hands a plan to the transition. */
@Injectable()
export class TicketActionsService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: TicketTransitionService,
    private readonly ledger: DeadlineLedger,
    private readonly notifier: Notifier,
    private readonly followers: TicketFollowersService,
    private readonly org: OrgService,
  ) {}

  async dispatch(actor: Actor, id: number, dto: DispatchDto, claim?: KeyClaim) {
    if ((dto.companyId === undefined) === (dto.departmentId === undefined)) {
      throw ApiException.validation('companyId', 'give exactly one of companyId (派单) or departmentId (吹哨)');
    }
    const handler = dto.companyId
      ? await this.organization(dto.companyId, 'property_company', 'companyId')
      : await this.organization(dto.departmentId as number, 'department', 'departmentId');
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'dispatch',
      plan: async (t) => {
        if (handler.kind === 'company') await this.checkContracted(t, handler.id);
        return {
          set: { handler_kind: handler.kind, handler_org_id: handler.id, assignee_id: null, dispatched_at: now },
          note: dto.note ?? null,
          data: { handlerKind: handler.kind, handlerOrgId: handler.id, handlerName: handler.name, whistle: handler.kind === 'department' },
        };
      },
    });
  }

  /** 派单 only to a company serving the compound today, or the district's 国企兜底 (see OrgService.dispatchTargets). */
  private async checkContracted(t: TicketRow, companyId: number): Promise<void> {
    const allowed = await this.org.dispatchTargets(t.compound_id, t.district_id);
    if (allowed.some((c) => c.id === companyId)) return;
    throw new ApiException(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'COMPANY_NOT_CONTRACTED',
      'companyId: the company does not serve this compound (no current contract) and is not the district’s fallback company',
      [{ field: 'companyId', message: 'not contracted for this compound', allowed: allowed.map((c) => c.id) }],
    );
  }

  async escalate(actor: Actor, id: number, dto: EscalateDto, claim?: KeyClaim) {
    const department = await this.organization(dto.departmentId, 'department', 'departmentId');
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'escalate',
      plan: (t) => ({
        set: { handler_kind: 'department', handler_org_id: department.id, assignee_id: null, dispatched_at: now, accepted_at: null },
        note: dto.reason,
        data: {
          handlerKind: 'department',
          handlerOrgId: department.id,
          handlerName: department.name,
          previousHandlerOrgId: t.handler_org_id,
          whistle: true,
        },
      }),
    });
  }

  async return(actor: Actor, id: number, reason: string, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'return',
      plan: (t) => ({
        set: { handler_kind: null, handler_org_id: null, assignee_id: null, return_count: { sql: 'return_count + 1' } },
        note: reason,
        data: { handlerKind: t.handler_kind, handlerOrgId: t.handler_org_id },
      }),
    });
  }

  async accept(actor: Actor, id: number, dto: AcceptDto, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'accept',
      plan: async (t) => {
        if (dto.assigneeId !== undefined) await this.checkAssignee(t, dto.assigneeId);
        return {
          set: { assignee_id: dto.assigneeId ?? null, accepted_at: now },
          data: { assigneeId: dto.assigneeId ?? null, handlerOrgId: t.handler_org_id },
        };
      },
    });
  }

  async progress(actor: Actor, id: number, dto: NoteDto, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'progress',
      plan: () => ({ note: dto.note, photoIds: dto.photoIds }),
    });
  }

  async resolve(actor: Actor, id: number, dto: NoteDto, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'resolve',
      plan: (t) => ({
        set: { resolved_at: now },
        note: dto.note,
        photoIds: dto.photoIds,
        data: { handlerOrgId: t.handler_org_id },
        // 回访 starts here: the reporter is asked to rate, in the app and by subscribe message.
        also: async (em) => {
          const [{ n }]: Array<{ n: number }> = await em.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND action = 'resolve'`, [t.id]);
          await this.notifier.notify(em, { kind: 'users', userIds: [t.reporter_id] }, {
            ticketId: t.id,
            kind: 'rate_request',
            title: '您的报事已办结，请评价',
            body: `工单 ${t.no}（${t.category_name}）已办结：${dto.note.slice(0, 100)}。请在小程序中评价是否满意。`,
            dedupeKey: `rate-request:${t.id}:${n}`,
          });
        },
      }),
    });
  }

  /**
   * 改派: the manager hands an accepted ticket to another worker of the same organization. A guarded
   * step like any other (version checked in the UPDATE), so two managers reassigning at once: one
   * wins, the other gets 409 STALE_STATE; `version` also refuses a reassign decided on a stale screen.
   */
  async reassign(actor: Actor, id: number, dto: ReassignDto, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'reassign',
      plan: async (t) => {
        if (dto.version !== undefined && dto.version !== t.version) {
          throw new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'version: the ticket was changed by someone else; reload and try again');
        }
        if (t.assignee_id === dto.assigneeId) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'assigneeId: the ticket is already assigned to this worker');
        await this.checkAssignee(t, dto.assigneeId);
        return {
          set: { assignee_id: dto.assigneeId },
          note: dto.note ?? null,
          data: { assigneeId: dto.assigneeId, previousAssigneeId: t.assignee_id, handlerOrgId: t.handler_org_id },
          also: async (em) => {
            await this.notifier.notify(em, { kind: 'users', userIds: [dto.assigneeId] }, {
              ticketId: t.id,
              kind: 'reassign',
              title: '您有一张改派的工单',
              body: `工单 ${t.no}（${t.category_name}，${t.compound_name}）已改派给您处理。`,
              dedupeKey: `reassign:${t.id}:${t.version}`,
              push: false,
            });
          },
        };
      },
    });
  }

  /** 挂起: the handler stops its resolve clock with a reason (waiting for parts, resident away). */
  async pause(actor: Actor, id: number, reason: string, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'pause',
      plan: () => ({
        note: reason,
        data: { reason },
        also: async (em, t) => {
          const paused = await this.ledger.pause(em, { id: t.id, category_id: t.category_id, priority: t.priority }, reason, new Date());
          if (!paused) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'the resolve clock is already paused');
        },
      }),
    });
  }

  async resume(actor: Actor, id: number, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'resume',
      plan: () => ({
        also: async (em, t) => {
          const resumed = await this.ledger.resume(em, t.id, new Date());
          if (!resumed) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'the resolve clock is not paused');
        },
      }),
    });
  }

  /** 电话回访: the community records the call; a reached resident's rating acts like the app rating. */
  async visit(actor: Actor, id: number, dto: { reached: boolean; rating?: RateDto['rating']; comment?: string }, claim?: KeyClaim) {
    if (!dto.reached && dto.rating) throw ApiException.validation('rating', 'a resident who was not reached cannot give a rating');
    if (dto.reached && !dto.rating) throw ApiException.validation('rating', 'rating is required when the resident was reached');
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'visit',
      input: { rating: dto.rating },
      plan: async (t, to) => {
        const tasks: Array<{ id: number }> = await this.db.query(`SELECT id FROM visit_tasks WHERE ticket_id = $1 AND status = 'open'`, [t.id]);
        if (tasks.length === 0) {
          throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'no phone visit is due for this ticket (the survey window is still open)');
        }
        const set: Record<string, SetValue> =
          to === 'closed'
            ? { rating: dto.rating as string, rating_comment: dto.comment ?? null, closed_at: now }
            : to === 'accepted'
              ? { rating: dto.rating as string, rating_comment: dto.comment ?? null, resolved_at: null, reopen_count: { sql: 'reopen_count + 1' } }
              : {};
        return {
          set,
          note: dto.comment ?? null,
          data: { reached: dto.reached, rating: dto.rating ?? null, handlerOrgId: t.handler_org_id },
          also: async (em) => {
            await em.query(
              `UPDATE visit_tasks SET attempts = attempts + 1, status = CASE WHEN $2 THEN 'done' ELSE status END::visit_task_status,
                      closed_at = CASE WHEN $2 THEN now() ELSE closed_at END
                WHERE id = $1`,
              [tasks[0].id, to !== 'resolved'],
            );
          },
        };
      },
    });
  }

  async rate(actor: Actor, id: number, dto: RateDto, claim?: KeyClaim) {
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'rate',
      input: { rating: dto.rating },
      plan: (t, to) => ({
        set: (to === 'closed'
            ? { rating: dto.rating, rating_comment: dto.comment ?? null, closed_at: now }
            : // 不满意: back to the same handler, counted as rework against it.
              { rating: dto.rating, rating_comment: dto.comment ?? null, resolved_at: null, reopen_count: { sql: 'reopen_count + 1' } }) as Record<string, SetValue>,
        note: dto.comment ?? null,
        data: { rating: dto.rating, handlerOrgId: t.handler_org_id },
      }),
    });
  }

  async cancel(actor: Actor, id: number, reason?: string, claim?: KeyClaim) {
    await this.transitions.step(actor, id, { idempotency: claim, action: 'cancel', plan: () => ({ note: reason ?? null }) });
  }

  async reject(actor: Actor, id: number, reason: string, claim?: KeyClaim) {
    await this.transitions.step(actor, id, { idempotency: claim, action: 'reject', plan: () => ({ note: reason }) });
  }

  async merge(actor: Actor, id: number, dto: MergeDto, claim?: KeyClaim) {
    if (dto.intoTicketId === id) throw ApiException.validation('intoTicketId', 'a ticket cannot be merged into itself');
    await this.transitions.step(actor, id, {
      idempotency: claim,
      action: 'merge',
      plan: async (source) => {
        const target = await this.mergeTarget(actor, source, dto.intoTicketId);
        return {
          set: { merged_into_id: target.id },
          data: { intoTicketId: target.id, intoTicketNo: target.no },
          also: async (em, _t, role) => {
            // The target must still be open when we commit; FOR SHARE holds it against a concurrent close.
            const locked: Array<{ status: TicketStatus }> = await em.query('SELECT status FROM tickets WHERE id = $1 FOR SHARE', [target.id]);
            if (!locked[0] || !OPEN_STATUSES.includes(locked[0].status)) {
              throw new ApiException(HttpStatus.CONFLICT, 'STALE_STATE', 'intoTicketId: the target ticket was closed meanwhile');
            }
            await em.query(
              `INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, data)
               VALUES ($1, 'merge', $2, $2, $3, $4, $5)`,
              [target.id, locked[0].status, actor.userId, role, { mergedTicketId: source.id, mergedTicketNo: source.no, direction: 'in' }],
            );
            await this.followers.carryOver(em, source.id, target.id);
          },
        };
      },
    });
  }

  private async mergeTarget(actor: Actor, source: TicketRow, targetId: number): Promise<TicketRow> {
    const rows: TicketRow[] = await this.db.query(`${TICKET_SELECT} WHERE t.id = $1`, [targetId]);
    const target = rows[0];
    if (!target || rolesInScope(actor, scopeFacts(target)).length === 0) {
      throw ApiException.invalidReference('intoTicketId', 'no such ticket in your scope');
    }
    if (!OPEN_STATUSES.includes(target.status)) {
      throw ApiException.invalidReference('intoTicketId', `the target ticket is ${target.status}, not open`);
    }
    if (target.community_id !== source.community_id) {
      throw ApiException.invalidReference('intoTicketId', 'duplicates are merged within one community');
    }
    return target;
  }

  private async organization(id: number, kind: 'property_company' | 'department', field: string) {
    const rows: Array<{ id: number; name: string }> = await this.db.query(
      'SELECT id, name FROM organizations WHERE id = $1 AND kind = $2',
      [id, kind],
    );
    if (!rows[0]) throw ApiException.invalidReference(field, `no such ${kind === 'department' ? 'department' : 'property company'}`);
    return { id: rows[0].id, name: rows[0].name, kind: kind === 'department' ? ('department' as const) : ('company' as const) };
  }

  private async checkAssignee(t: TicketRow, assigneeId: number): Promise<void> {
    const roles = t.handler_kind === 'department' ? ['department_staff'] : ['property_worker', 'property_manager'];
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM role_bindings b JOIN users u ON u.id = b.user_id
        WHERE b.user_id = $1 AND b.organization_id = $2 AND b.role = ANY($3::role[]) AND u.active`,
      [assigneeId, t.handler_org_id, roles],
    );
    if (rows.length === 0) throw ApiException.invalidReference('assigneeId', 'not a worker of the handling organization');
  }
}
