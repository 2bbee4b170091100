import {
  computeDeadline,
  DEFAULT_WORKING_CALENDAR,
  ladderFor,
  warnAt,
  type DeadlineLeg,
  type DeadlineParty,
  type SlaClock,
  type TicketAction,
  type TicketStatus,
} from '@red-butler/domain';
import { clockMinutesBetween } from '../sla/clock-math';
import type { PolicyRow } from '../sla/sla.service';
import type { Rng } from './demo-random.util';

/**
 * One demo ticket's life, step by step, as the ticket loop and the deadline engine would have
 * recorded it — cut at `now`. A step whose time is after `now` has not happened: the story stops
 * there and the ticket stays in the status it had, its running legs `open` with exactly the marks
 * the engine would have written by then (warned_at, breached_at, `overdue`/`supervise` events,
 * escalation_level) and the `next_event` the engine would fire next, so the real worker carries on.
 */
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export type DeadlineEvent = 'warn' | 'breach' | 'escalate' | 'resume';

export interface LegRow {
  leg: DeadlineLeg; party: DeadlineParty; party_org_id: number | null; clock: SlaClock; allowed_minutes: number; warn_ratio: number;
  escalation_minutes: number; started_at: Date; due_at: Date | null; warn_at: Date | null; status: 'open' | 'met' | 'cancelled';
  warned_at: Date | null; breached_at: Date | null; closed_at: Date | null; escalation_level: number;
  next_event: DeadlineEvent | null; next_event_at: Date | null; paused_at: Date | null; remaining_minutes: number | null; pause_reason: string | null;
}
export interface EventRow {
  action: TicketAction; from_status: TicketStatus | null; to_status: TicketStatus; actor: 'reporter' | 'staff' | 'system';
  actor_role: string; data: Record<string, unknown>; note: string | null; created_at: Date;
}
export interface VisitRow { status: 'open' | 'done' | 'expired'; due_at: Date; created_at: Date; closed_at: Date | null; attempts: number }
export interface Handler { id: number; name: string; kind: 'company' | 'department' }

export interface StoryResult {
  status: TicketStatus; handler: Handler | null; assignee_id: number | null; reopen_count: number; rating: string | null;
  dispatched_at: Date | null; accepted_at: Date | null; resolved_at: Date | null; closed_at: Date | null;
  legs: LegRow[]; events: EventRow[]; visit: VisitRow | null;
}

export interface Profile { acceptLate: number; resolveLate: number; dissatisfied: number }

/** What a scripted ticket must do; anything not forced is drawn from the generator. */
export interface Force {
  dispatchLate?: boolean; acceptLate?: boolean; resolveLate?: boolean; dissatisfied?: boolean; way?: 'app' | 'visit' | 'none';
  /** This leg's party never acts (before `now`): the ticket waits on it. */
  hold?: DeadlineLeg;
  /** 挂起 this long after the resolve leg starts (then the ticket waits, paused). */
  pauseAfterMinutes?: number;
  /** The visit task's first call reached nobody. */
  failedCall?: boolean;
  /** 吹哨: the community takes the ticket from the company that did not accept it and puts it to this department. */
  whistleTo?: Handler;
}

export interface StoryInput {
  created: Date; handler: Handler; assigneeId: number | null; policy: PolicyRow; profile: Profile; force?: Force;
  notes?: { resolve?: string; pause?: string; whistle?: string };
}

const MINUTES: Record<DeadlineLeg, keyof PolicyRow> = {
  dispatch: 'dispatch_minutes', accept: 'accept_minutes', resolve: 'resolve_minutes', survey: 'survey_minutes', visit: 'visit_minutes',
};
/** Legs whose deadline the engine marks overdue and takes up the 督办 ladder (survey and visit have their own endings). */
const SUPERVISED = new Set<DeadlineLeg>(['dispatch', 'accept', 'resolve']);

class TicketStory {
  readonly legs: LegRow[] = [];
  readonly events: EventRow[] = [];
  visit: VisitRow | null = null;
  status: TicketStatus = 'submitted';
  handler: Handler | null = null;
  assignee: number | null = null;
  reopen = 0;
  rating: string | null = null;
  dispatchedAt: Date | null = null;
  acceptedAt: Date | null = null;
  resolvedAt: Date | null = null;
  closedAt: Date | null = null;

  constructor(readonly rng: Rng, readonly policy: PolicyRow, readonly now: Date) {}

  /** Has `at` happened by now? A null time never happens. */
  happens(at: Date | null): at is Date {
    return at !== null && at.getTime() <= this.now.getTime();
  }

  /** A leg starts, with the terms DeadlineLedger.plan would give it. */
  open(leg: DeadlineLeg, party: DeadlineParty, org: number | null, start: Date): LegRow {
    const clock: SlaClock = leg === 'survey' || leg === 'visit' ? 'clock' : this.policy.clock;
    const minutes = Number(this.policy[MINUTES[leg]]);
    const input = { calendar: DEFAULT_WORKING_CALENDAR, clock, start, minutes };
    const due = computeDeadline(input) as Date;
    // Nobody is warned that a resident has not rated yet; every other party is.
    const warn = leg === 'survey' ? null : warnAt(input, this.policy.warn_ratio);
    const row: LegRow = {
      leg, party, party_org_id: org, clock, allowed_minutes: minutes, warn_ratio: this.policy.warn_ratio,
      escalation_minutes: this.policy.escalation_minutes, started_at: start, due_at: due, warn_at: warn && warn < due ? warn : null,
      status: 'open', warned_at: null, breached_at: null, closed_at: null, escalation_level: 0,
      next_event: null, next_event_at: null, paused_at: null, remaining_minutes: null, pause_reason: null,
    };
    this.legs.push(row);
    return row;
  }

  /** When the party acts: within the time (before or after the warning), late, or (held) not before now. */
  when(row: LegRow, late: boolean, held: boolean): Date | null {
    if (held) return null;
    const start = row.started_at.getTime();
    const due = (row.due_at as Date).getTime();
    const span = due - start;
    return late
      ? new Date(due + this.rng.between(20 * MIN, Math.max(40 * MIN, Math.min(3 * DAY, span))))
      : new Date(start + Math.max(MIN, span * this.rng.between(0.1, 0.85)));
  }

  /** What the engine writes on a running leg up to `until`: the warning, the overdue mark, each 督办 level. */
  private marks(row: LegRow, until: Date): void {
    if (row.warn_at && row.warn_at <= until) row.warned_at = row.warn_at;
    const due = row.due_at;
    if (!SUPERVISED.has(row.leg) || !due || due > until) return;
    const ladder = ladderFor(row.party);
    const step = row.escalation_minutes * MIN;
    row.breached_at = due;
    row.escalation_level = Math.min(ladder.length, 1 + Math.floor((until.getTime() - due.getTime()) / step));
    this.event('overdue', this.status, 'system', 'system', { leg: row.leg, party: row.party, partyOrgId: row.party_org_id, dueAt: due }, due);
    for (let level = 2; level <= row.escalation_level; level++) {
      this.event('supervise', this.status, 'system', 'system', { leg: row.leg, level, to: ladder[level - 1] }, new Date(due.getTime() + (level - 1) * step));
    }
  }

  close(row: LegRow, at: Date, status: 'met' | 'cancelled'): void {
    this.marks(row, at);
    row.status = status;
    row.closed_at = at;
  }

  /** 挂起 (DeadlineLedger.pause): the clock stops with the time that was left; the worker resumes it after the policy's maximum. */
  pause(row: LegRow, at: Date, reason: string): void {
    this.marks(row, at);
    row.paused_at = at;
    row.remaining_minutes = clockMinutesBetween(DEFAULT_WORKING_CALENDAR, row.clock, at, row.due_at as Date);
    row.pause_reason = reason;
    row.due_at = null;
    row.warn_at = null;
    row.next_event = 'resume';
    row.next_event_at = new Date(at.getTime() + this.policy.max_pause_minutes * MIN);
  }

  event(action: TicketAction, to: TicketStatus, actor: EventRow['actor'], role: string, data: Record<string, unknown>, at: Date, note: string | null = null): void {
    this.events.push({ action, from_status: action === 'report' ? null : this.status, to_status: to, actor, actor_role: role, data, note, created_at: at });
    this.status = to;
  }

  /** The story stops at `now`: legs still running get the engine's marks so far and its next event. */
  finish(): StoryResult {
    for (const row of this.legs) {
      if (row.status !== 'open' || row.paused_at) continue;
      this.marks(row, this.now);
      const due = row.due_at as Date;
      const ladder = ladderFor(row.party);
      if (row.warn_at && !row.warned_at) [row.next_event, row.next_event_at] = ['warn', row.warn_at];
      else if (!row.breached_at) [row.next_event, row.next_event_at] = ['breach', due];
      else if (row.escalation_level < ladder.length) {
        [row.next_event, row.next_event_at] = ['escalate', new Date(due.getTime() + row.escalation_level * row.escalation_minutes * MIN)];
      }
    }
    return {
      status: this.status, handler: this.handler, assignee_id: this.assignee, reopen_count: this.reopen, rating: this.rating,
      dispatched_at: this.dispatchedAt, accepted_at: this.acceptedAt, resolved_at: this.resolvedAt, closed_at: this.closedAt,
      legs: this.legs, events: this.events, visit: this.visit,
    };
  }
}

/**
 * The whole loop: report → dispatch (or 吹哨) → accept → resolve (maybe 挂起) → 回访 in the app, or
 * by phone after the survey window, or 未评价 after the visit window; 不满意 reopens once.
 * Null when a forced pause would have ended by itself before now (the worker's auto-resume is not
 * told here): the caller then tries another start.
 */
export function tellStory(rng: Rng, now: Date, input: StoryInput): StoryResult | null {
  const { created, policy, profile } = input;
  const f = input.force ?? {};
  const s = new TicketStory(rng, policy, now);
  let h = input.handler;
  const roles = (x: Handler) => (x.kind === 'company' ? { desk: 'property_manager', hands: 'property_worker' } : { desk: 'department_staff', hands: 'department_staff' });
  const party = (x: Handler): DeadlineParty => x.kind;

  s.event('report', 'submitted', 'reporter', 'resident', { channel: 'mini_program' }, created);
  const dispatch = s.open('dispatch', 'community', null, created);
  const dispatchedAt = s.when(dispatch, f.dispatchLate ?? rng.chance(0.03), f.hold === 'dispatch');
  if (!s.happens(dispatchedAt)) return s.finish();
  s.close(dispatch, dispatchedAt, 'met');
  s.event('dispatch', 'dispatched', 'staff', 'community_staff',
    { handlerKind: h.kind, handlerOrgId: h.id, handlerName: h.name, whistle: h.kind === 'department' }, dispatchedAt);
  [s.handler, s.dispatchedAt] = [h, dispatchedAt];
  let accept = s.open('accept', party(h), h.id, dispatchedAt);

  if (f.whistleTo) {
    // The company let its accept clock run out; the community calls in the department (社区吹哨).
    const at = new Date((accept.due_at as Date).getTime() + rng.between(30 * MIN, 4 * HOUR));
    if (!s.happens(at)) return s.finish();
    s.close(accept, at, 'cancelled');
    const to = f.whistleTo;
    s.event('escalate', 'dispatched', 'staff', 'community_staff',
      { handlerKind: 'department', handlerOrgId: to.id, handlerName: to.name, previousHandlerOrgId: h.id, whistle: true }, at, input.notes?.whistle ?? null);
    h = to;
    [s.handler, s.dispatchedAt] = [h, at];
    accept = s.open('accept', party(h), h.id, at);
  }

  const acceptedAt = s.when(accept, f.acceptLate ?? rng.chance(profile.acceptLate), f.hold === 'accept');
  if (!s.happens(acceptedAt)) return s.finish();
  s.close(accept, acceptedAt, 'met');
  const assignee = h.kind === 'company' ? input.assigneeId : null;
  s.event('accept', 'accepted', 'staff', roles(h).desk, { assigneeId: assignee, handlerOrgId: h.id }, acceptedAt);
  [s.assignee, s.acceptedAt] = [assignee, acceptedAt];

  let start = acceptedAt;
  for (let round = 0; ; round++) {
    const resolve = s.open('resolve', party(h), h.id, start);
    if (round === 0 && f.pauseAfterMinutes !== undefined) {
      const at = new Date(start.getTime() + f.pauseAfterMinutes * MIN);
      if (!s.happens(at)) return s.finish();
      const reason = input.notes?.pause ?? '等待配件到货';
      s.event('pause', 'accepted', 'staff', assignee ? roles(h).hands : roles(h).desk, { reason }, at, reason);
      s.pause(resolve, at, reason);
      if (s.happens(resolve.next_event_at)) return null;
      return s.finish();
    }
    const late = f.resolveLate ?? rng.chance(round ? profile.resolveLate / 2 : profile.resolveLate);
    const resolvedAt = s.when(resolve, late, f.hold === 'resolve');
    if (!s.happens(resolvedAt)) return s.finish();
    s.close(resolve, resolvedAt, 'met');
    s.event('resolve', 'resolved', 'staff', roles(h).hands, { handlerOrgId: h.id }, resolvedAt, input.notes?.resolve ?? null);
    s.resolvedAt = resolvedAt;

    const dissatisfied = round === 0 && (f.dissatisfied ?? rng.chance(profile.dissatisfied));
    const answer = dissatisfied ? 'dissatisfied' : rng.chance(0.78) ? 'satisfied' : 'basically_satisfied';
    const roll = rng.next();
    const way = dissatisfied ? 'app' : f.way ?? (roll < 0.86 ? 'app' : roll < 0.96 ? 'visit' : 'none');
    const survey = s.open('survey', 'resident', null, resolvedAt);
    const surveyDue = survey.due_at as Date;
    if (way === 'app') {
      const ratedAt = f.hold === 'survey' ? null : new Date(resolvedAt.getTime() + rng.between(30 * MIN, policy.survey_minutes * MIN * 0.6));
      if (!s.happens(ratedAt)) return s.finish();
      s.close(survey, ratedAt, 'met');
      s.rating = answer;
      if (dissatisfied) {
        // 不满意: back to the same handler with a fresh resolve clock (重办).
        s.event('rate', 'accepted', 'reporter', 'resident', { rating: answer, handlerOrgId: h.id }, ratedAt);
        s.reopen++;
        s.resolvedAt = null;
        start = ratedAt;
        continue;
      }
      s.event('rate', 'closed', 'reporter', 'resident', { rating: answer, handlerOrgId: h.id }, ratedAt);
      s.closedAt = ratedAt;
      return s.finish();
    }

    // No rating in the app: the survey window runs out and the community owes a phone visit.
    if (!s.happens(surveyDue)) return s.finish();
    s.close(survey, surveyDue, 'cancelled');
    survey.breached_at = surveyDue;
    const visit = s.open('visit', 'community', null, surveyDue);
    const visitDue = visit.due_at as Date;
    s.visit = { status: 'open', due_at: visitDue, created_at: surveyDue, closed_at: null, attempts: 0 };
    const firstCall = new Date(surveyDue.getTime() + rng.between(2 * HOUR, 2 * DAY));
    if (way === 'visit' && !f.failedCall) {
      const reachedAt = f.hold === 'visit' ? null : firstCall;
      if (!s.happens(reachedAt)) return s.finish();
      s.close(visit, reachedAt, 'met');
      s.event('visit', 'closed', 'staff', 'grid_worker', { reached: true, rating: answer, handlerOrgId: h.id }, reachedAt);
      s.visit = { ...s.visit, status: 'done', closed_at: reachedAt, attempts: 1 };
      [s.rating, s.closedAt] = [answer, reachedAt];
      return s.finish();
    }
    // Nobody answered the phone (yet).
    if (!s.happens(firstCall)) return s.finish();
    s.event('visit', 'resolved', 'staff', 'grid_worker', { reached: false, rating: null, handlerOrgId: h.id }, firstCall);
    s.visit.attempts = 1;
    if (f.hold === 'visit' || !s.happens(visitDue)) return s.finish();
    // Still nobody by the end of the visit window: closed as 未评价.
    s.close(visit, visitDue, 'cancelled');
    visit.breached_at = visitDue;
    s.event('expire', 'closed', 'system', 'system', { unrated: true }, visitDue);
    s.visit = { ...s.visit, status: 'expired', closed_at: visitDue };
    s.closedAt = visitDue;
    return s.finish();
  }
}
