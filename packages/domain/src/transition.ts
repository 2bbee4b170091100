import type { Rating, Role, TicketAction, TicketStatus } from './enums';
import { TICKET_TRANSITIONS, type TransitionRule } from './ticket-transitions';

/** What the caller is in relation to the ticket: the roles they hold *within its scope*. */
export interface TransitionActor {
  readonly roles: readonly Role[];
  readonly isReporter: boolean;
}

export interface TransitionInput {
  readonly rating?: Rating;
}

export type TransitionRefusalCode =
  | 'ILLEGAL_TRANSITION'
  | 'ROLE_NOT_ALLOWED'
  | 'NOT_REPORTER'
  | 'RATING_REQUIRED';

export type TransitionResult =
  | { readonly ok: true; readonly to: TicketStatus; readonly role: Role; readonly rule: TransitionRule }
  | { readonly ok: false; readonly code: TransitionRefusalCode; readonly message: string };

function rulesFrom(status: TicketStatus | null, action: TicketAction): TransitionRule[] {
  return TICKET_TRANSITIONS.filter(
    (r) => r.action === action && (r.from === null ? status === null : status !== null && r.from.includes(status)),
  );
}

/**
 * The single decision point of the ticket life cycle. Pure: the API calls it before its guarded
 * update, the client calls it (through `allowedActions`) to show only the buttons that will work.
 */
export function transition(
  status: TicketStatus | null,
  action: TicketAction,
  actor: TransitionActor,
  input: TransitionInput = {},
): TransitionResult {
  const candidates = rulesFrom(status, action);
  if (candidates.length === 0) {
    return { ok: false, code: 'ILLEGAL_TRANSITION', message: `cannot ${action} a ticket that is ${status ?? 'new'}` };
  }
  const byRole = candidates.filter((r) => r.roles.some((role) => actor.roles.includes(role)));
  if (byRole.length === 0) {
    return { ok: false, code: 'ROLE_NOT_ALLOWED', message: `your role may not ${action} this ticket` };
  }
  const byRelation = byRole.filter((r) => !r.reporterOnly || actor.isReporter);
  if (byRelation.length === 0) {
    return { ok: false, code: 'NOT_REPORTER', message: `only the reporter may ${action} this ticket` };
  }
  const rule = input.rating
    ? byRelation.find((r) => r.whenRating?.includes(input.rating as Rating) || (!r.whenRating && !r.withoutRating))
    : byRelation.find((r) => !r.whenRating);
  if (!rule) {
    return input.rating
      ? { ok: false, code: 'ILLEGAL_TRANSITION', message: `no ${action} for rating ${input.rating}` }
      : { ok: false, code: 'RATING_REQUIRED', message: 'a rating is required' };
  }
  const role = actor.roles.find((r) => rule.roles.includes(r)) as Role;
  return { ok: true, to: rule.to, role, rule };
}

/** The actions this actor may take on a ticket in `status` (the report action is never listed). */
export function allowedActions(status: TicketStatus, actor: TransitionActor): TicketAction[] {
  const actions = new Set<TicketAction>();
  for (const rule of TICKET_TRANSITIONS) {
    if (rule.from === null || !rule.from.includes(status)) continue;
    if (!rule.roles.some((role) => actor.roles.includes(role))) continue;
    if (rule.reporterOnly && !actor.isReporter) continue;
    actions.add(rule.action);
  }
  return [...actions];
}
