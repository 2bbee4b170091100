import type { Rating, Role, TicketAction, TicketStatus } from './enums';

/**
 * One row of the ticket state machine: an action taken from one of `from` leads to `to`,
 * for the listed roles. `reporterOnly` rows may only be taken by the person who filed the
 * ticket; `whenRating` picks the row for a rating (满意/基本满意 close, 不满意 reopens).
 * `from: null` is the report itself, before a ticket exists.
 */
export interface TransitionRule {
  readonly action: TicketAction;
  readonly from: readonly TicketStatus[] | null;
  readonly to: TicketStatus;
  readonly roles: readonly Role[];
  readonly reporterOnly?: boolean;
  readonly whenRating?: readonly Rating[];
  /** The row applies only when the step carries no rating (a phone visit that reached nobody). */
  readonly withoutRating?: boolean;
}

const COMMUNITY_DESK: readonly Role[] = ['community_staff', 'street_staff'];
const HANDLER_DESK: readonly Role[] = ['property_manager', 'department_staff'];
const HANDLER_HANDS: readonly Role[] = ['property_manager', 'property_worker', 'department_staff'];
const REPORTERS: readonly Role[] = ['resident', 'grid_worker'];
const VISITORS: readonly Role[] = ['grid_worker', 'community_staff'];

export const TICKET_TRANSITIONS: readonly TransitionRule[] = [
  // 点单: residents, grid workers on patrol, and staff entering hotline or walk-in cases.
  { action: 'report', from: null, to: 'submitted', roles: ['resident', 'grid_worker', ...COMMUNITY_DESK] },
  // 派单 to the compound's company, or 吹哨 straight to a department.
  { action: 'dispatch', from: ['submitted'], to: 'dispatched', roles: COMMUNITY_DESK },
  // 退单: not our remit — back to the community to re-dispatch or escalate.
  { action: 'return', from: ['dispatched'], to: 'submitted', roles: HANDLER_DESK },
  { action: 'accept', from: ['dispatched'], to: 'accepted', roles: HANDLER_DESK },
  { action: 'progress', from: ['accepted'], to: 'accepted', roles: HANDLER_HANDS },
  { action: 'resolve', from: ['accepted'], to: 'resolved', roles: HANDLER_HANDS },
  {
    action: 'rate',
    from: ['resolved'],
    to: 'closed',
    roles: REPORTERS,
    reporterOnly: true,
    whenRating: ['satisfied', 'basically_satisfied'],
  },
  // 不满意 reopens the ticket to the same handler (重办).
  {
    action: 'rate',
    from: ['resolved'],
    to: 'accepted',
    roles: REPORTERS,
    reporterOnly: true,
    whenRating: ['dissatisfied'],
  },
  // A resident may withdraw a report until someone has taken it on.
  { action: 'cancel', from: ['submitted', 'dispatched'], to: 'cancelled', roles: REPORTERS, reporterOnly: true },
  { action: 'reject', from: ['submitted'], to: 'rejected', roles: COMMUNITY_DESK },
  { action: 'merge', from: ['submitted', 'dispatched'], to: 'merged', roles: COMMUNITY_DESK },
  // 吹哨、部门报到: any open ticket can be put to a department, which must then accept it.
  { action: 'escalate', from: ['submitted', 'dispatched', 'accepted'], to: 'dispatched', roles: COMMUNITY_DESK },
  // 挂起: the handler stops its resolve clock (waiting for parts, resident away); no status change.
  { action: 'pause', from: ['accepted'], to: 'accepted', roles: HANDLER_HANDS },
  // 改派: after 接单 the manager hands the work to another worker of the same organization.
  { action: 'reassign', from: ['accepted'], to: 'accepted', roles: HANDLER_DESK },
  { action: 'resume', from: ['accepted'], to: 'accepted', roles: [...HANDLER_HANDS, 'system'] },
  // 电话回访 by the community when the resident did not answer in the app.
  { action: 'visit', from: ['resolved'], to: 'closed', roles: VISITORS, whenRating: ['satisfied', 'basically_satisfied'] },
  { action: 'visit', from: ['resolved'], to: 'accepted', roles: VISITORS, whenRating: ['dissatisfied'] },
  { action: 'visit', from: ['resolved'], to: 'resolved', roles: VISITORS, withoutRating: true },
  // No answer by the end of the visit window: closed as 未评价, never counted as satisfied.
  { action: 'expire', from: ['resolved'], to: 'closed', roles: ['system'] },
];
