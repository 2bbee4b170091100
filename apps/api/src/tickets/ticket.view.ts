import { allowedActions, isSelfReportChannel, maskPhone, type Role, type TicketAction } from '@red-butler/domain';
import type { Actor } from '../access/actor';
import { canSeeReporterPhone } from '../access/ticket-scope';
import type { SuggestedHandler } from '../org/org.service';
import { scopeFacts, type TicketRow } from './ticket-row';

export interface TicketEventRow {
  id: string;
  action: TicketAction;
  from_status: string | null;
  to_status: string;
  actor_id: number;
  actor_name: string;
  actor_role: Role;
  note: string | null;
  photo_ids: string[];
  data: Record<string, unknown>;
  created_at: Date;
}

export const photoUrl = (id: string) => `/api/uploads/${id}`;

/** 李建国 → 李**: staff outside need-to-know see who reported only this much. */
const maskName = (name: string) => (name.length <= 1 ? '*' : `${name[0]}${'*'.repeat(Math.min(name.length - 1, 2))}`);

/**
 * `inList`: lists show every phone number masked, whoever asks — a list is what ends up on a shared
 * screen or in a screenshot; whoever needs to call back opens the ticket.
 */
export function ticketSummary(row: TicketRow, actor: Actor, opts: { inList?: boolean } = {}) {
  const full = canSeeReporterPhone(actor, scopeFacts(row));
  const fullPhone = full && !opts.inList;
  return {
    id: row.id,
    no: row.no,
    status: row.status,
    priority: row.priority,
    channel: row.channel,
    category: { id: row.category_id, code: row.category_code, name: row.category_name, icon: row.category_icon },
    description: row.description,
    reporter: {
      id: row.reporter_id === actor.userId || full ? row.reporter_id : null,
      displayName: full ? row.reporter_name : maskName(row.reporter_name),
      phone: fullPhone ? row.reporter_phone : maskPhone(row.reporter_phone),
    },
    // Hotline, walk-in and patrol cases: the resident who called or came in (the reporter is staff).
    caller: isSelfReportChannel(row.channel)
      ? null
      : {
          name: row.caller_name && !full ? maskName(row.caller_name) : row.caller_name,
          phone: fullPhone ? row.reporter_phone : maskPhone(row.reporter_phone),
        },
    hotline: row.channel === 'hotline_12345' ? { caseNo: row.hotline_case_no, calledAt: row.called_at } : null,
    communityId: row.community_id,
    communityName: row.community_name,
    compound: { id: row.compound_id, name: row.compound_name },
    building: row.building_id ? { id: row.building_id, name: row.building_name } : null,
    location: row.lat !== null && row.lng !== null ? { lat: row.lat, lng: row.lng, address: row.address } : null,
    address: row.address,
    planPoint: row.plan_x !== null && row.plan_y !== null ? { x: row.plan_x, y: row.plan_y } : null,
    handler: row.handler_kind ? { kind: row.handler_kind, id: row.handler_org_id, name: row.handler_name } : null,
    assignee: row.assignee_id ? { id: row.assignee_id, displayName: row.assignee_name } : null,
    mergedIntoId: row.merged_into_id,
    returnCount: row.return_count,
    reopenCount: row.reopen_count,
    rating: row.rating,
    ratingComment: row.rating_comment,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    dispatchedAt: row.dispatched_at,
    acceptedAt: row.accepted_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    dueAt: row.next_due_at,
    overdue: row.overdue,
  };
}

export function ticketDetail(
  row: TicketRow,
  events: TicketEventRow[],
  actor: Actor,
  roles: Role[],
  suggestedHandler: SuggestedHandler | null,
) {
  const actions = allowedActions(row.status, { roles, isReporter: row.reporter_id === actor.userId });
  const fullReporter = canSeeReporterPhone(actor, scopeFacts(row));
  const actorName = (e: TicketEventRow) =>
    e.actor_id === row.reporter_id && !fullReporter ? maskName(e.actor_name) : e.actor_name;
  return {
    ...ticketSummary(row, actor),
    allowedActions: actions,
    suggestedHandler: actions.includes('dispatch') ? suggestedHandler : null,
    timeline: events.map((e) => ({
      id: Number(e.id),
      action: e.action,
      from: e.from_status,
      to: e.to_status,
      actor: { id: e.actor_id === row.reporter_id && !fullReporter ? null : e.actor_id, displayName: actorName(e), role: e.actor_role },
      note: e.note,
      photos: e.photo_ids.map((id) => ({ id, url: photoUrl(id) })),
      data: e.data,
      at: e.created_at,
    })),
  };
}
