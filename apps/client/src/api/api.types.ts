import type {
  AppealStatus, Channel, DeadlineLeg, DeadlineParty, HandlerKind, Priority, QuarterListEntry, RankingFormula, RankingRow, Rating, Role,
  SlaFigures, TicketAction, TicketStatus,
} from '@red-butler/domain';
import type { components } from './api.generated';

/** Response bodies generated from the API's OpenAPI document (`pnpm gen:api-types`). */
type Schemas = components['schemas'];

// Response shapes of apps/api (ticket.view.ts, org.service.ts, me.service.ts), as the client reads them.

export type TokenResponse = Schemas['Token'];


export interface NamedRef {
  id: number;
  name: string;
}

export interface UnitRef extends NamedRef {
  kind: string;
}

export interface Me {
  id: number;
  displayName: string;
  phone: string | null;
  roles: Role[];
  scopes: Array<{ role: Role; roleLabel: string; orgUnit: UnitRef | null; organization: UnitRef | null }>;
  compound: UnitRef | null;
  building: UnitRef | null;
}

export interface Category {
  id: number;
  code: string;
  name: string;
  group: string;
  icon: string;
  handlerKind: HandlerKind;
  defaultPriority: Priority;
  department: { id: number; name: string; shortName: string } | null;
}

export interface Compound {
  id: number;
  code: string;
  name: string;
  address: string | null;
  /** numeric columns may arrive as strings */
  lat: number | string | null;
  lng: number | string | null;
  communityId: number;
  communityName: string;
  streetId: number;
  streetName: string;
  buildings: NamedRef[];
}

/** GET /tickets/:id/dispatch-targets: a company 派单 accepts for the ticket. */
export type DispatchTarget = Schemas['DispatchTargets']['items'][number];


export interface Organization {
  id: number;
  code: string;
  name: string;
  shortName: string | null;
  phone: string | null;
  isFallback: boolean;
}

export type Member = Schemas['Members']['items'][number];


export interface Photo {
  id: string;
  url: string;
}

export type UploadResult = Schemas['Upload'];


export interface TicketSummary {
  id: number;
  no: string;
  status: TicketStatus;
  priority: Priority;
  channel: Channel;
  category: { id: number; code: string; name: string; icon: string };
  description: string;
  reporter: { id: number | null; displayName: string; phone: string | null };
  /** Hotline, walk-in and patrol cases: the resident behind the case (the reporter is staff). */
  caller: { name: string | null; phone: string | null } | null;
  hotline: { caseNo: string; calledAt: string | null } | null;
  communityId: number;
  communityName: string;
  compound: NamedRef;
  building: NamedRef | null;
  location: { lat: number; lng: number; address: string | null } | null;
  address: string | null;
  handler: { kind: HandlerKind; id: number; name: string } | null;
  assignee: { id: number; displayName: string } | null;
  mergedIntoId: number | null;
  returnCount: number;
  reopenCount: number;
  rating: Rating | null;
  ratingComment: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  dispatchedAt: string | null;
  acceptedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  /** The earliest deadline among the open legs (the resident's survey window excepted); null when none runs. */
  dueAt: string | null;
  /** Some open leg is past its deadline (set by the deadline sweep). */
  overdue: boolean;
}

export interface TimelineEvent {
  id: number;
  action: TicketAction;
  from: TicketStatus | null;
  to: TicketStatus;
  actor: { id: number | null; displayName: string; role: Role };
  note: string | null;
  photos: Photo[];
  data: Record<string, unknown>;
  at: string;
}

export interface SuggestedHandler {
  kind: HandlerKind;
  id: number;
  name: string;
  reason: 'contract' | 'custody' | 'fallback' | 'department';
}

/** One leg's clock (tickets-query.service.ts `detail`): who owes what by when. */
export interface TicketDeadline {
  id: number;
  leg: DeadlineLeg;
  party: DeadlineParty;
  partyOrgId: number | null;
  clock: 'working' | 'clock';
  allowedMinutes: number;
  startedAt: string;
  /** null while paused (挂起): the remaining time is kept and a new due time set on resume. */
  dueAt: string | null;
  warnAt: string | null;
  status: 'open' | 'met' | 'cancelled';
  warnedAt: string | null;
  overdueAt: string | null;
  overdue: boolean;
  closedAt: string | null;
  /** 督办 level: 0 none, 1 the party itself, then up its ladder. */
  escalationLevel: number;
  pausedAt: string | null;
  pauseReason: string | null;
  pausedMinutes: number;
}

export interface TicketDetail extends TicketSummary {
  allowedActions: TicketAction[];
  suggestedHandler: SuggestedHandler | null;
  timeline: TimelineEvent[];
  deadlines: TicketDeadline[];
  /** 申诉 on this ticket's ratings, oldest first (absent from an API without appeals). */
  appeals?: Appeal[];
  /** The 不满意 the caller (the rated handler) may still appeal, and until when; else null. */
  appealable?: Appealable | null;
}

export interface Appealable {
  ratingEventId: number;
  ratedAt: string;
  deadline: string;
}

/** 申诉: the handler's appeal against a 不满意 (`GET /api/appeals`, ticket detail). */
export interface Appeal {
  id: number;
  ticket: { id: number; no: string; category: string; compound: string; community: string };
  ratingEventId: number;
  rating: Rating;
  ratingComment: string | null;
  ratedAt: string;
  handler: { id: number; name: string };
  reason: string;
  status: AppealStatus;
  filedBy: { id: number; displayName: string };
  filedAt: string;
  decidedBy: { id: number; displayName: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
  /** In lists only: the caller may decide it now. */
  canDecide?: boolean;
}

export interface Page<T> {
  items: T[];
  nextCursor: number | null;
}

export interface ListQuery {
  status?: TicketStatus[];
  categoryId?: number;
  compoundId?: number;
  communityId?: number;
  handlerOrgId?: number;
  text?: string;
  /** newest (default): newest first, paged by cursor. due: soonest deadline first, one page, no cursor. */
  sort?: 'newest' | 'due';
  cursor?: number;
  limit?: number;
}

export interface NewTicket {
  categoryId: number;
  description: string;
  compoundId?: number;
  buildingId?: number;
  location?: { lat: number; lng: number; address?: string };
  photoIds?: string[];
  channel?: Channel;
  reporterPhone?: string;
  hotlineCaseNo?: string;
  calledAt?: string;
  callerName?: string;
}

export type Created = Schemas['Created'];


/** GET /visits: an open phone return-visit task of the caller's community or grid. */
export interface VisitTask {
  id: number;
  ticketId: number;
  no: string;
  dueAt: string;
  attempts: number;
  category: string;
  compound: string;
  resolvedAt: string;
  reporter: { displayName: string; phone: string | null };
}

/** A report's scope (reports/report-scope.ts): one org unit and everything below it, or (admins) everything. */
export type ReportScope = { id: number; kind: 'district' | 'street' | 'community' | 'grid' | 'compound'; name: string } | { id: null; kind: 'all'; name: string };

export type ReportGroupBy = 'street' | 'community' | 'company' | 'department' | 'category';
export type ReportInterval = 'day' | 'week' | 'month';

export type { SlaFigures };

export interface SlaReportQuery {
  from: string;
  to: string;
  groupBy?: ReportGroupBy;
  interval?: ReportInterval;
  scopeId?: number;
}

/** GET /reports/sla: one row per group and bucket (bucket = first day of the day/week/month), and the totals. */
export interface SlaReport {
  period: { from: string; to: string };
  scope: ReportScope;
  groupBy: ReportGroupBy | null;
  interval: ReportInterval | null;
  definitions: Record<keyof SlaFigures, { zh: string; en: string }>;
  rows: Array<SlaFigures & { group: { id: number | null; name: string | null }; bucket: string }>;
  totals: SlaFigures;
}

/** GET /reports/overdue: an open leg past its deadline in the report's scope, longest overdue first. */
export interface OverdueItem {
  ticketId: number;
  no: string;
  status: string;
  category: string;
  compound: string;
  community: string;
  leg: DeadlineLeg;
  legLabel: string;
  holder: { party: DeadlineParty; id: number | null; name: string | null };
  startedAt: string;
  dueAt: string | null;
  overdueSince: string;
  overdueMinutes: number;
  paused: boolean;
  /** 督办 level: 0 none, 1 the party itself, then up its ladder. */
  escalationLevel: number;
}

export interface OverdueReport {
  scope: ReportScope;
  total: number;
  items: OverdueItem[];
}

export type NearbyTicket = Schemas['NearbyTickets']['items'][number];


export interface NearbyQuery {
  categoryId: number;
  lat?: number;
  lng?: number;
  compoundId?: number;
  buildingId?: number;
}

/** A duplicate candidate around a ticket, for the staff who merge. */
export interface DuplicateCandidate extends TicketSummary {
  distanceM: number | null;
  sameBuilding: boolean;
  followerCount: number;
}

export type FollowResult = Schemas['FollowResult'];


/** POST /api/imports/hotline: one entry per data row of the file. */
export interface HotlineImportRow {
  line: number;
  hotlineCaseNo: string | null;
  status: 'created' | 'would_create' | 'skipped' | 'refused';
  ticket?: { id: number; no: string };
  reason?: { code: 'REQUIRED' | 'INVALID' | 'NOT_FOUND' | 'AMBIGUOUS' | 'OUT_OF_SCOPE' | 'ALREADY_IMPORTED' | 'REPEATED_IN_FILE'; field: string | null; message: string };
}

export interface HotlineImportResult {
  dryRun: boolean;
  encoding: string;
  summary: { rows: number; created: number; wouldCreate: number; skipped: number; refused: number };
  rows: HotlineImportRow[];
}

export type { RankingRow, RankingFormula, QuarterListEntry };

/** GET /reports/ranking: the companies of the scope ranked for a quarter (样本不足 last), with the formula. */
export interface QuarterRanking {
  quarter: string;
  period: { from: string; to: string };
  complete: boolean;
  scope: ReportScope;
  formula: RankingFormula;
  rows: RankingRow[];
}

/** One published version of a quarter's 红黑榜 (frozen; a correction is the next version). */
export interface QuarterListVersion {
  version: number;
  kind: 'scheduled' | 'correction';
  reason: string | null;
  publishedAt: string;
  redList: QuarterListEntry[];
  blackList: QuarterListEntry[];
}

/** GET /reports/lists: the caller's district, the current version (null before publication) and every version. */
export interface QuarterLists {
  quarter: string;
  district: { id: number; name: string };
  current: QuarterListVersion | null;
  history: QuarterListVersion[];
}

export type ExportFormat = 'csv' | 'xlsx';
