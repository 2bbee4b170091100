import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import {
  APPEAL_STATUSES, BALLOT_CHANNELS, BOARD_NOTICE_KINDS, DISCLOSURE_BASIS_KINDS, DISCLOSURE_STATUSES, NOTICE_DRAFT_STATUSES, CHANNELS, VOTE_MATTERS, VOTE_PURPOSES, VOTE_STATUSES, DEADLINE_LEGS, DEADLINE_PARTIES, ERROR_MESSAGES_ZH, HANDLER_KINDS, PRIORITIES, RATINGS, ROLES, TICKET_ACTIONS, TICKET_STATUSES,
} from '@red-butler/domain';
import { ROW_REASON_CODES } from '../../imports/hotline-import.service';
import { REGISTER_ROW_CODES } from '../../owners/register-import.service';
import { UNIT_OWNER_STATUSES } from '../../owners/unit-owner.entity';
import { VOTE_EVENT_ACTIONS } from '../../votes/owner-vote-event.entity';
import { NOTICE_KINDS } from '../../votes/compound-notice.entity';
import { DISCLOSURE_ACTIONS } from '../../disclosures/disclosure-event.entity';
import { DISCLOSURE_FLAGS } from '../../disclosures/disclosure-board.service';
import { POINTS_SCHEMAS } from '../../points/points.schemas';
import { PEOPLE_SCHEMAS } from '../../people/people.schemas';
import { DISTRICT_IMPORT_SCHEMAS } from '../../district-import/district-import.schemas';
import { SITE_PLAN_SCHEMAS } from '../../site-plans/site-plans.schemas';
import { REPORT_SCOPE_KINDS } from '../../reports/report-scope';
import { NOTICE_ACTIONS, NOTICE_STATUSES, TRAIL_KINDS } from '@red-butler/domain';
import { REPORT_INTERVALS } from '../../reports/report-period.util';
import { SLA_DEFINITIONS } from '../../reports/sla-figures';
import { REPORT_GROUPS } from '../../reports/sla-report.sql';
import { anyObject, arr, bool, date, dateTime, extend, int, items, nullable, num, obj, oneOf, opt, page, ref, str, uuid } from './schema-builders';

const named = obj({ id: int, name: str });
const unitRef = obj({ id: int, name: str, kind: str });
const figure = nullable(num);
/** Rates (0–1) and minutes are null when nothing was there to measure; every other figure is a count. */
const isMeasure = (key: string) => /(Rate|Minutes)$/.test(key);
const slaFigures = ref('SlaFigures');
/** One org unit and everything below it, or (admins, id null) everything. */
const reportScope: SchemaObject = {
  oneOf: [
    obj({ id: int, kind: oneOf(REPORT_SCOPE_KINDS), name: str }),
    obj({ id: { type: 'integer', nullable: true, enum: [null] }, kind: oneOf(['all']), name: str }),
  ],
};
const area = { type: 'string', pattern: '^\\d+\\.\\d{2}$', example: '89.50', description: 'm², exact, two places' } as SchemaObject;
const voteResult = obj({
  total: obj({ areaM2: area, heads: int, units: int }), participated: obj({ areaM2: area, heads: int, units: int }), quorum: bool,
  threshold: oneOf(['more_than_half', 'three_quarters']),
  options: arr(obj({ option: int, label: str, areaM2: area, heads: int })), adoptedOption: nullable(int), passed: bool, purpose: nullable(oneOf(VOTE_PURPOSES)),
});
const ownerLink = obj({
  id: int, status: oneOf(UNIT_OWNER_STATUSES), user: obj({ id: int, displayName: str }),
  unit: obj({ id: int, compound: named, building: str, unitNo: str }), requestedAt: dateTime, decidedAt: nullable(dateTime),
});
const stars: SchemaObject = { type: 'integer', enum: [1, 2, 3, 4, 5] };
const rankingKey = oneOf(['onTimeResolutionRate', 'satisfactionRate', 'complaintScore']);
const quarter = { type: 'string', pattern: '^\\d{4}Q[1-4]$' } as SchemaObject;
const person = obj({ id: int, displayName: str });
const noticeSummary = {
  id: int, company: named, compounds: arr(named), issuer: obj({ unitId: int, unitName: str, unitKind: oneOf(['district', 'street']), displayName: str }),
  problem: str, expected: str, ticketIds: arr(int), blackListQuarter: nullable(quarter), workingDays: int, status: oneOf(NOTICE_STATUSES), statusLabel: str,
  version: int, issuedAt: dateTime, dueAt: dateTime, overdueAt: nullable(dateTime), escalationLevel: int, allowedActions: arr(oneOf(NOTICE_ACTIONS)),
};
const rankingDowngrade = obj({ id: int, noticeId: int, compound: named, steps: int, effectiveQuarter: quarter, untilQuarter: nullable(quarter) });
const quarterListEntry = obj({ company: named, rank: int, score: num, stars: int });
const quarterListVersion = obj({
  version: int, kind: oneOf(['scheduled', 'correction']), reason: nullable(str), publishedAt: dateTime, redList: arr(quarterListEntry), blackList: arr(quarterListEntry),
});

const money = { type: 'string', pattern: '^\\d+(\\.\\d{1,2})?$', example: '1.20', description: 'yuan, exact decimal' } as SchemaObject;
const step = obj({ by: person, at: dateTime });
const disclosure = obj({
  id: int, compound: named, company: named, version: int, status: oneOf(DISCLOSURE_STATUSES), revision: int,
  serviceContent: str, feeItems: arr(obj({ item: str, unit: str, amount: money })), basisKind: oneOf(DISCLOSURE_BASIS_KINDS), basisText: str,
  basisUploadId: nullable(uuid), basisUploadType: nullable(str), commitments: str, complaintPhone: str, drafted: step, updatedAt: dateTime, submitted: nullable(step),
  reviewed: nullable(obj({ by: person, at: dateTime, note: nullable(str) })), canEdit: bool, canReview: bool,
});
const noticeDraft = obj({
  id: int, compound: named, kind: oneOf(BOARD_NOTICE_KINDS), kindLabel: str, title: str, body: str, month: { type: 'string', pattern: '^\\d{4}-\\d{2}$' } as SchemaObject,
  amounts: arr(obj({ item: str, amount: money })), total: money, attachmentIds: arr(uuid), attachments: arr(obj({ id: uuid, mimeType: str })), correctsId: nullable(int), status: oneOf(NOTICE_DRAFT_STATUSES),
  drafted: step, reviewed: nullable(obj({ by: person, at: dateTime, note: nullable(str) })), noticeId: nullable(int), canReview: bool,
});

/**
 * The response bodies of the API as OpenAPI components, named as the client names them
 * (apps/client/src/api/api.types.ts). `ApiDoc({ ok: 'TicketDetail' })` refers to them by name.
 */
export const RESPONSE_SCHEMAS = {
  ApiError: obj({
    code: oneOf(Object.keys(ERROR_MESSAGES_ZH)),
    message: { type: 'string', description: 'English, names the field' },
    details: opt({ description: 'e.g. [{field, message}] for a validation failure' }),
  }),
  Token: obj({ token: str, expiresIn: int, userId: int }),
  /** WeChat login: `created` when this login made the resident's account. */
  WechatToken: extend('Token', { created: bool }),
  SlaFigures: obj(Object.fromEntries(Object.keys(SLA_DEFINITIONS).map((k) => [k, isMeasure(k) ? figure : int]))),
  Me: obj({
    id: int, displayName: str, phone: nullable(str), roles: arr(oneOf(ROLES)),
    scopes: arr(obj({ role: oneOf(ROLES), roleLabel: str, orgUnit: nullable(unitRef), organization: nullable(unitRef) })),
    compound: nullable(unitRef), building: nullable(unitRef),
  }),
  Categories: items(obj({
    id: int, code: str, name: str, group: str, icon: str, handlerKind: oneOf(HANDLER_KINDS), defaultPriority: oneOf(PRIORITIES), keywords: opt(nullable(arr(str))),
    department: nullable(obj({ id: int, name: str, shortName: nullable(str) })),
  })),
  AdminCategory: obj({
    id: int, code: str, name: str, groupName: str, icon: str, handlerKind: oneOf(HANDLER_KINDS), defaultPriority: oneOf(PRIORITIES),
    departmentId: nullable(int), departmentName: nullable(str), publiclyListed: bool, active: bool, sortOrder: int,
  }),
  AdminCategories: items(ref('AdminCategory')),
  SubscribeTemplateSettings: items(obj({
    template: oneOf(['status', 'visit']), label: str, templateId: nullable(str), source: oneOf(['setting', 'env', 'none']),
    envDefault: nullable(str), updatedAt: nullable(dateTime),
  })),
  Compounds: items(obj({
    id: int, code: str, name: str, address: nullable(str), lat: nullable(num), lng: nullable(num), households: opt(nullable(int)),
    communityId: int, communityName: str, streetId: int, streetName: str, districtId: int, districtName: str, buildings: arr(named),
  })),
  Organizations: items(obj({ id: int, code: str, name: str, shortName: nullable(str), phone: nullable(str), isFallback: bool })),
  Members: items(obj({ id: int, displayName: str, role: oneOf(ROLES) })),
  DispatchTargets: items(obj({ id: int, name: str, shortName: nullable(str), reason: oneOf(['contract', 'custody', 'fallback']) })),
  Created: obj({ id: int, no: str, status: oneOf(['submitted']), priority: oneOf(PRIORITIES), createdAt: dateTime, replayed: bool }),
  TicketSummary: obj({
    id: int, no: str, status: oneOf(TICKET_STATUSES), priority: oneOf(PRIORITIES), channel: oneOf(CHANNELS),
    category: obj({ id: int, code: str, name: str, icon: str }),
    description: str,
    reporter: obj({ id: nullable(int), displayName: str, phone: nullable(str) }),
    caller: nullable(obj({ name: nullable(str), phone: nullable(str) })),
    hotline: nullable(obj({ caseNo: str, calledAt: nullable(dateTime) })),
    communityId: int, communityName: str, compound: named, building: nullable(named),
    location: nullable(obj({ lat: num, lng: num, address: nullable(str) })),
    address: nullable(str),
    planPoint: nullable(obj({ x: num, y: num })),
    handler: nullable(obj({ kind: oneOf(HANDLER_KINDS), id: int, name: str })),
    assignee: nullable(obj({ id: int, displayName: str })),
    mergedIntoId: nullable(int), returnCount: int, reopenCount: int, rating: nullable(oneOf(RATINGS)), ratingComment: nullable(str), version: int,
    createdAt: dateTime, updatedAt: dateTime, dispatchedAt: nullable(dateTime), acceptedAt: nullable(dateTime), resolvedAt: nullable(dateTime),
    closedAt: nullable(dateTime), dueAt: nullable(dateTime), overdue: bool,
  }),
  Appeal: obj({
    id: int, ticket: obj({ id: int, no: str, category: str, compound: str, community: str }), ratingEventId: int, rating: oneOf(RATINGS),
    ratingComment: nullable(str), ratedAt: dateTime, handler: named, reason: str, status: oneOf(APPEAL_STATUSES),
    filedBy: obj({ id: int, displayName: str }), filedAt: dateTime, decidedBy: nullable(obj({ id: int, displayName: str })),
    decidedAt: nullable(dateTime), decisionNote: nullable(str), canDecide: opt(bool),
  }),
  TicketDetail: extend('TicketSummary', {
    allowedActions: arr(oneOf(TICKET_ACTIONS)),
    suggestedHandler: nullable(obj({ kind: oneOf(HANDLER_KINDS), id: int, name: str, reason: oneOf(['contract', 'custody', 'fallback', 'department']) })),
    timeline: arr(obj({
      id: int, action: oneOf(TICKET_ACTIONS), from: nullable(oneOf(TICKET_STATUSES)), to: oneOf(TICKET_STATUSES),
      actor: obj({ id: nullable(int), displayName: str, role: oneOf(ROLES) }), note: nullable(str),
      photos: arr(obj({ id: uuid, url: str })), data: anyObject, at: dateTime,
    })),
    deadlines: arr(obj({
      id: int, leg: oneOf(DEADLINE_LEGS), party: oneOf(DEADLINE_PARTIES), partyOrgId: nullable(int), clock: oneOf(['working', 'clock']),
      allowedMinutes: int, startedAt: dateTime, dueAt: nullable(dateTime), warnAt: nullable(dateTime), status: oneOf(['open', 'met', 'cancelled']),
      warnedAt: nullable(dateTime), overdueAt: nullable(dateTime), overdue: bool, closedAt: nullable(dateTime), escalationLevel: int,
      pausedAt: nullable(dateTime), pauseReason: nullable(str), pausedMinutes: int,
    })),
    appeals: opt(arr(ref('Appeal'))),
    appealable: opt(nullable(obj({ ratingEventId: int, ratedAt: dateTime, deadline: dateTime }))),
    /** 挂起申请 waiting for the community (policies with pauseNeedsApproval). */
    pauseRequest: opt(nullable(obj({ id: int, reason: str, requestedBy: str, requestedAt: dateTime }))),
  }),
  /** 退单 by the company: it no longer sees the ticket, so the answer is this stub. */
  TicketDetailOrReturned: { oneOf: [ref('TicketDetail'), obj({ id: int, returned: oneOf(['true']) as SchemaObject })] },
  TicketPage: obj({ items: arr(ref('TicketSummary')), nextCursor: { ...nullable(str), description: 'opaque: send it back as `cursor` with the same filters and sort' } }),
  NearbyTickets: items(obj({
    id: int, no: str, status: oneOf(TICKET_STATUSES), category: obj({ id: int, name: str, icon: str }), summary: str, distanceM: nullable(int),
    sameBuilding: bool, followerCount: int, following: bool, mine: bool, createdAt: dateTime,
  })),
  FollowingPage: obj({
    items: arr(obj({
      id: int, no: str, status: oneOf(TICKET_STATUSES), category: obj({ id: int, name: str, icon: str }), summary: str, distanceM: nullable(int),
      sameBuilding: bool, followerCount: int, following: bool, mine: bool, createdAt: dateTime,
    })),
    nextCursor: nullable(str),
  }),
  DuplicateCandidates: items(extend('TicketSummary', { distanceM: nullable(int), sameBuilding: bool, followerCount: int })),
  /** GET /tickets/:id/public: what a follower (也遇到了) or the reporter sees; no person, place, photo or note. */
  PublicTicket: obj({
    id: int, no: str, status: oneOf(TICKET_STATUSES), category: obj({ id: int, name: str, icon: str }), summary: str,
    followerCount: int, following: bool, mine: bool, createdAt: dateTime,
    steps: arr(obj({ status: oneOf(TICKET_STATUSES), at: dateTime })),
  }),
  SuperviseResult: obj({ ticketId: int, eventId: int, notified: int, at: dateTime, nextAllowedAt: dateTime }),
  FollowResult: obj({ ticketId: int, following: bool, followerCount: opt(int) }),
  Upload: obj({ id: uuid, url: str, mimeType: str, sizeBytes: int }),
  Photo: { type: 'string', format: 'binary', description: 'the image bytes (image/jpeg, image/png or image/webp)' },
  QueueBoardSession: obj({ url: str }),
  Notifications: obj({
    unread: int,
    items: arr(obj({ id: int, ticketId: nullable(int), kind: str, title: str, body: str, createdAt: dateTime, readAt: nullable(dateTime) })),
    nextCursor: nullable(int),
  }),
  NotificationRead: obj({ id: int, read: bool }),
  NotificationsMarked: obj({ marked: int }),
  MessageThreads: obj({
    items: arr(obj({
      ticket: nullable(obj({ id: int, no: str, status: str, category: str })),
      unread: int,
      lastMessageId: int,
      messages: arr(obj({ id: int, kind: str, title: str, body: str, createdAt: dateTime, readAt: nullable(dateTime) })),
    })),
    nextCursor: nullable(int),
  }),
  MessageUnread: obj({ total: int, tickets: arr(obj({ ticketId: int, unread: int })) }),
  SubscribeConsents: obj({
    items: arr(obj({ template: oneOf(['status', 'visit']), templateId: nullable(str), decision: nullable(oneOf(['accept', 'reject', 'ban'])) })),
  }),
  VisitTasks: items(obj({
    id: int, ticketId: int, no: str, dueAt: dateTime, attempts: int, category: str, compound: str, resolvedAt: nullable(dateTime),
    reporter: obj({ displayName: str, phone: nullable(str) }),
  })),
  SlaPolicy: obj({
    id: int, categoryId: int, categoryName: opt(str), priority: oneOf(PRIORITIES), clock: oneOf(['working', 'clock']),
    dispatchMinutes: int, acceptMinutes: int, resolveMinutes: int, surveyMinutes: int, visitMinutes: int, warnRatio: num,
    escalationMinutes: int, maxPauseMinutes: opt(nullable(int)), pauseNeedsApproval: opt(bool), updatedAt: opt(dateTime),
  }),
  SlaPolicies: items(ref('SlaPolicy')),
  WorkingCalendar: obj({
    workdayStart: { type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '08:30' },
    workdayEnd: { type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '17:30' },
    lunchStart: opt({ type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '12:00' }),
    lunchEnd: opt({ type: 'string', pattern: '^\\d{2}:\\d{2}$', example: '13:30' }),
    holidays: arr(date),
    workingWeekends: arr(date),
  }),
  OverdueBoard: obj({
    items: arr(obj({
      ticketId: int, no: str, status: oneOf(TICKET_STATUSES), category: str, compound: str, community: str, leg: oneOf(DEADLINE_LEGS), legLabel: str,
      // A paused leg's clock has no due time while stopped: no due time, no minutes overdue.
      party: oneOf(DEADLINE_PARTIES), holder: str, dueAt: nullable(dateTime), overdueMinutes: nullable(int), escalationLevel: int, escalatedTo: nullable(str),
    })),
    nextCursor: { ...nullable(str), description: 'send it back as `cursor` for the next page' },
  }),
  SlaReport: obj({
    period: obj({ from: date, to: date }), scope: reportScope, groupBy: nullable(oneOf(REPORT_GROUPS)), interval: nullable(oneOf(REPORT_INTERVALS)),
    definitions: obj(Object.fromEntries(Object.keys(SLA_DEFINITIONS).map((k) => [k, obj({ zh: str, en: str })]))),
    // The group's id is an org id, or the channel's code when grouped by channel (null: the scope itself, all).
    rows: arr({ allOf: [slaFigures, obj({ group: obj({ id: { oneOf: [int, str], nullable: true }, name: nullable(str) }), bucket: str })] }),
    totals: slaFigures,
    source: opt(oneOf(['rollups', 'facts'])),
  }),
  OverdueReport: obj({
    scope: reportScope, total: int, warnedTotal: int,
    warned: arr(obj({
      ticketId: int, no: str, status: oneOf(TICKET_STATUSES), category: str, compound: str, community: str, leg: oneOf(DEADLINE_LEGS), legLabel: str,
      holder: obj({ party: oneOf(DEADLINE_PARTIES), id: nullable(int), name: nullable(str) }), dueAt: nullable(dateTime), dueInMinutes: int, paused: bool,
    })),
    items: arr(obj({
      ticketId: int, no: str, status: oneOf(TICKET_STATUSES), category: str, compound: str, community: str, leg: oneOf(DEADLINE_LEGS), legLabel: str,
      holder: obj({ party: oneOf(DEADLINE_PARTIES), id: nullable(int), name: nullable(str) }), startedAt: dateTime, dueAt: nullable(dateTime),
      overdueSince: dateTime, overdueMinutes: int, paused: bool, escalationLevel: int,
    })),
  }),
  QuarterRanking: obj({
    quarter: { type: 'string', pattern: '^\\d{4}Q[1-4]$' }, period: obj({ from: date, to: date }), complete: bool, scope: reportScope,
    formula: obj({
      components: arr(obj({ key: rankingKey, zh: str, weight: num })), complaintRateCap: num, minRated: int,
      stars: arr(obj({ stars, minScore: num })), redListMinStars: int, blackListMaxStars: int, zh: str,
    }),
    rows: arr(obj({
      rank: nullable(int), company: named, score: nullable(num), stars: nullable(stars), complaintScore: figure, insufficientSample: bool,
      missing: arr(rankingKey), onTimeResolutionRate: figure, satisfactionRate: figure, complaintRate: figure, answered: int, households: int, received: int,
      downgrades: opt(arr(rankingDowngrade)), starsBeforeDowngrade: opt(nullable(stars)),
    })),
  }),
  QuarterLists: obj({
    quarter: { type: 'string', pattern: '^\\d{4}Q[1-4]$' }, district: named, current: nullable(quarterListVersion), history: arr(quarterListVersion),
  }),
  QuarterListVersion: quarterListVersion,
  ExportFile: { type: 'string', format: 'binary', description: 'text/csv (UTF-8 with BOM) or XLSX' },
  Open311KeyIssued: obj({ id: int, name: str, key: str, keyPrefix: str, reporterId: int, createdAt: dateTime }),
  Open311Keys: items(obj({
    id: int, name: str, keyPrefix: str, reporterId: int, createdBy: nullable(int), createdAt: dateTime, lastUsedAt: nullable(dateTime),
    revokedAt: nullable(dateTime), requestCount: int, scope: oneOf(['public', 'full']), purpose: nullable(str),
  })),
  Open311KeyRevoked: obj({ id: int, revokedAt: dateTime }),
  HotlineImport: obj({
    dryRun: bool, encoding: str,
    summary: obj({ rows: int, created: int, wouldCreate: int, skipped: int, refused: int }),
    rows: arr(obj({
      line: int, hotlineCaseNo: nullable(str), status: oneOf(['created', 'would_create', 'skipped', 'refused']), ticket: opt(obj({ id: int, no: str })),
      reason: opt(obj({ code: oneOf(ROW_REASON_CODES), field: nullable(str), message: str })),
    })),
  }),
  Appeals: page(ref('Appeal')),
  RegisterImport: obj({
    dryRun: bool, encoding: str, compound: named,
    summary: obj({ rows: int, valid: int, created: int, updated: int, unchanged: int, refused: int }),
    rows: arr(obj({
      line: int, building: str, unitNo: str, status: oneOf(['created', 'updated', 'unchanged', 'valid', 'refused']),
      reason: opt(obj({ code: oneOf(REGISTER_ROW_CODES), field: str, message: str })),
    })),
  }),
  Register: obj({
    compound: named,
    items: arr(obj({ id: int, building: named, unitNo: str, areaM2: nullable(area), sold: nullable(bool), ownerName: nullable(str), verifiedOwners: nullable(int) })),
  }),
  OwnerLink: ownerLink,
  OwnerLinks: items(ownerLink),
  Vote: obj({
    id: int, compound: named, question: str, options: arr(str), matter: oneOf(VOTE_MATTERS), purpose: nullable(oneOf(VOTE_PURPOSES)),
    purposeCompany: nullable(named), opensAt: dateTime, closesAt: dateTime, status: oneOf(VOTE_STATUSES),
    phase: oneOf(['pending_review', 'rejected', 'upcoming', 'open', 'closing', 'closed']),
    draftedBy: obj({ id: int, displayName: str }), createdAt: dateTime, reviewedBy: nullable(obj({ id: int, displayName: str })),
    reviewedAt: nullable(dateTime), reviewNote: nullable(str), closedAt: nullable(dateTime), result: nullable(voteResult), noticeId: nullable(int),
    canReview: bool, canRecordPaper: bool,
    myUnits: arr(obj({ unitId: int, label: str, inElectorate: bool, ballot: nullable(obj({ option: int, channel: oneOf(BALLOT_CHANNELS), castAt: dateTime, revision: int })) })),
    participation: nullable(obj({ units: int, totalUnits: int })),
  }),
  Votes: items(ref('Vote')),
  Ballot: obj({
    voteId: int, unitId: int, option: int, label: str, channel: oneOf(BALLOT_CHANNELS), castBy: int, castAt: dateTime, revision: int, replaced: bool,
  }),
  VoteTrail: items(obj({
    id: int, action: oneOf(VOTE_EVENT_ACTIONS), from: nullable(oneOf(VOTE_STATUSES)), to: oneOf(VOTE_STATUSES),
    actor: nullable(obj({ id: int, displayName: str, role: oneOf(ROLES) })), unit: nullable(obj({ id: int, label: str })),
    option: nullable(int), channel: nullable(oneOf(BALLOT_CHANNELS)), note: nullable(str), at: dateTime,
  })),
  CompoundNotices: obj({
    compound: named,
    items: arr(obj({
      id: int, kind: oneOf(NOTICE_KINDS), title: str, body: str, voteId: nullable(int), correctsId: nullable(int),
      correctedById: nullable(int), data: nullable(anyObject), publishedAt: dateTime,
    })),
  }),
  SupervisionNotice: obj({
    ...noticeSummary,
    answers: opt(arr(obj({
      id: int, body: str, photoIds: arr(uuid), photos: arr(obj({ id: uuid, url: str })), answeredAt: dateTime, answeredBy: person,
      verdict: nullable(oneOf(['accepted', 'rejected'])), verdictReason: nullable(str), verifiedAt: nullable(dateTime), verifiedBy: nullable(person),
    }))),
    tickets: opt(arr(obj({ id: int, no: str, status: oneOf(TICKET_STATUSES) }))),
    downgrades: opt(arr(obj({ id: int, compoundId: int, compoundName: str, steps: int, effectiveQuarter: quarter, untilQuarter: nullable(quarter) }))),
  }),
  SupervisionNotices: page(obj(noticeSummary)),
  CompanyExit: obj({
    id: int, company: named, compound: named, effectiveOn: date, noticeId: nullable(int), voteId: nullable(int), successor: nullable(named),
    endedContracts: arr(obj({ id: int, startsOn: date, endsOn: date, removed: bool })), reason: str, createdAt: dateTime,
    openTickets: arr(obj({ id: int, no: str, status: oneOf(TICKET_STATUSES), dispatchedAt: nullable(dateTime) })),
  }),
  CompanyTrail: obj({
    company: named,
    entries: arr(obj({
      id: int, kind: oneOf(TRAIL_KINDS), kindLabel: str, noticeId: nullable(int), summary: str, detail: anyObject, at: dateTime, actor: nullable(person), compounds: arr(named),
    })),
  }),
  CompoundTrail: obj({
    compound: named,
    entries: arr(obj({ id: int, kind: oneOf(TRAIL_KINDS), kindLabel: str, summary: str, at: dateTime, company: named })),
  }),
  Disclosure: disclosure,
  PublicDisclosure: obj({ compound: named, company: nullable(named), current: nullable(ref('Disclosure')) }),
  DisclosureVersions: obj({ compound: named, company: nullable(named), items: arr(ref('Disclosure')) }),
  DisclosureTrail: items(obj({ id: int, action: oneOf(DISCLOSURE_ACTIONS), actor: person, note: nullable(str), at: dateTime })),
  DisclosureBoard: obj({
    asOf: dateTime, staleAfterDays: int, flagged: int,
    items: arr(obj({
      compound: named, community: named, company: nullable(named),
      publicVersion: nullable(obj({ id: int, version: int, approvedAt: dateTime })), pendingReview: bool, flag: oneOf(DISCLOSURE_FLAGS),
    })),
  }),
  NoticeDraft: noticeDraft,
  NoticeDrafts: obj({ compound: named, items: arr(ref('NoticeDraft')) }),
  DisclosureReviewQueue: obj({ disclosures: arr(ref('Disclosure')), notices: arr(ref('NoticeDraft')) }),
  ...POINTS_SCHEMAS,
  ...PEOPLE_SCHEMAS,
  ...DISTRICT_IMPORT_SCHEMAS,
  ...SITE_PLAN_SCHEMAS,
  Health: obj({ status: oneOf(['ok']) }),
  Readiness: obj({ status: oneOf(['ready', 'not_ready']), failed: arr(str), checks: { type: 'object', additionalProperties: anyObject } }),
} satisfies Record<string, SchemaObject>;

export type ResponseSchemaName = keyof typeof RESPONSE_SCHEMAS;
