import {
  ROLES,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  RATINGS,
  type Role,
  type TicketAction,
  type TicketStatus,
  type Rating,
} from './enums';
import { allowedActions, transition } from './transition';

// The expected life cycle, written out by hand from the product description (DOMAIN.md and the
// issue), independently of TICKET_TRANSITIONS: status → action → next status.
const NEXT: Partial<Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>> = {
  submitted: { dispatch: 'dispatched', cancel: 'cancelled', reject: 'rejected', merge: 'merged', escalate: 'dispatched' },
  dispatched: { return: 'submitted', accept: 'accepted', cancel: 'cancelled', merge: 'merged', escalate: 'dispatched' },
  accepted: { progress: 'accepted', resolve: 'resolved', escalate: 'dispatched', pause: 'accepted', resume: 'accepted', reassign: 'accepted' },
  resolved: { rate: 'closed' /* 不满意 → accepted, checked below */, visit: 'closed', expire: 'closed' },
};
const WHO: Record<TicketAction, Role[]> = {
  report: ['resident', 'grid_worker', 'community_staff', 'street_staff'],
  dispatch: ['community_staff', 'street_staff'],
  return: ['property_manager', 'department_staff'],
  accept: ['property_manager', 'department_staff'],
  progress: ['property_manager', 'property_worker', 'department_staff'],
  resolve: ['property_manager', 'property_worker', 'department_staff'],
  rate: ['resident', 'grid_worker'],
  cancel: ['resident', 'grid_worker'],
  reject: ['community_staff', 'street_staff'],
  merge: ['community_staff', 'street_staff'],
  escalate: ['community_staff', 'street_staff'],
  pause: ['property_manager', 'property_worker', 'department_staff'],
  resume: ['property_manager', 'property_worker', 'department_staff', 'system'],
  visit: ['grid_worker', 'community_staff'],
  expire: ['system'],
  overdue: [],
  supervise: [],
  reassign: ['property_manager', 'department_staff'],
  pause_request: [],
  pause_decision: [],
  appeal: [],
  appeal_decision: [],
};
const REPORTER_ONLY: TicketAction[] = ['rate', 'cancel'];

describe('transition(): every cell of status × action × role × reporter', () => {
  for (const status of TICKET_STATUSES) {
    for (const action of TICKET_ACTIONS) {
      for (const role of ROLES) {
        for (const isReporter of [false, true]) {
          const expectedTo = NEXT[status]?.[action];
          const name = `${status} --${action}--> as ${role}${isReporter ? ' (reporter)' : ''}`;
          it(name, () => {
            const result = transition(status, action, { roles: [role], isReporter }, { rating: 'satisfied' });
            if (!expectedTo) {
              expect(result).toMatchObject({ ok: false, code: 'ILLEGAL_TRANSITION' });
            } else if (!WHO[action].includes(role)) {
              expect(result).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
            } else if (REPORTER_ONLY.includes(action) && !isReporter) {
              expect(result).toMatchObject({ ok: false, code: 'NOT_REPORTER' });
            } else {
              expect(result).toMatchObject({ ok: true, to: expectedTo, role });
            }
          });
        }
      }
    }
  }
});

describe('report: only from no ticket at all', () => {
  for (const role of ROLES) {
    it(`new ticket reported by ${role}`, () => {
      const result = transition(null, 'report', { roles: [role], isReporter: true });
      if (WHO.report.includes(role)) expect(result).toMatchObject({ ok: true, to: 'submitted' });
      else expect(result).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
    });
  }
  it('no other action applies to a ticket that does not exist', () => {
    for (const action of TICKET_ACTIONS.filter((a) => a !== 'report')) {
      expect(transition(null, action, { roles: [...ROLES], isReporter: true })).toMatchObject({
        ok: false,
        code: 'ILLEGAL_TRANSITION',
      });
    }
  });
});

describe('rate: the rating picks the outcome', () => {
  const expected: Record<Rating, TicketStatus> = {
    satisfied: 'closed',
    basically_satisfied: 'closed',
    dissatisfied: 'accepted',
  };
  for (const rating of RATINGS) {
    it(`${rating} → ${expected[rating]}`, () => {
      expect(transition('resolved', 'rate', { roles: ['resident'], isReporter: true }, { rating })).toMatchObject({
        ok: true,
        to: expected[rating],
      });
    });
  }
  it('refuses a rate without a rating', () => {
    expect(transition('resolved', 'rate', { roles: ['resident'], isReporter: true })).toMatchObject({
      ok: false,
      code: 'RATING_REQUIRED',
    });
  });
});

describe('visit: the phone return visit', () => {
  const staff = { roles: ['community_staff' as const], isReporter: false };
  it('a reached resident’s rating decides like the app rating', () => {
    expect(transition('resolved', 'visit', staff, { rating: 'basically_satisfied' })).toMatchObject({ ok: true, to: 'closed' });
    expect(transition('resolved', 'visit', staff, { rating: 'dissatisfied' })).toMatchObject({ ok: true, to: 'accepted' });
  });
  it('a visit that reached nobody is recorded without changing the status', () => {
    expect(transition('resolved', 'visit', staff)).toMatchObject({ ok: true, to: 'resolved' });
  });
  it('only the system closes an unanswered survey as 未评价', () => {
    expect(transition('resolved', 'expire', { roles: ['system'], isReporter: false })).toMatchObject({ ok: true, to: 'closed' });
    expect(transition('resolved', 'expire', { roles: ['admin'], isReporter: false })).toMatchObject({ ok: false, code: 'ROLE_NOT_ALLOWED' });
  });
});

describe('several roles at once', () => {
  it('acts with the role that the rule allows and reports which one', () => {
    const result = transition('submitted', 'dispatch', { roles: ['resident', 'street_staff'], isReporter: true });
    expect(result).toMatchObject({ ok: true, to: 'dispatched', role: 'street_staff' });
  });
});

describe('allowedActions()', () => {
  it('matches transition() for every status, role and relation', () => {
    for (const status of TICKET_STATUSES) {
      for (const role of ROLES) {
        for (const isReporter of [false, true]) {
          const actor = { roles: [role], isReporter };
          const listed = allowedActions(status, actor).sort();
          const accepted = TICKET_ACTIONS.filter(
            (a) => transition(status, a, actor, { rating: 'dissatisfied' }).ok,
          ).sort();
          expect(listed).toEqual(accepted);
        }
      }
    }
  });
  it('offers a community worker dispatch, reject, merge and escalate on a new ticket', () => {
    expect(allowedActions('submitted', { roles: ['community_staff'], isReporter: false }).sort()).toEqual(
      ['dispatch', 'escalate', 'merge', 'reject'],
    );
  });
  it('offers nothing on a closed ticket', () => {
    expect(allowedActions('closed', { roles: [...ROLES], isReporter: true })).toEqual([]);
  });
});
