import type { QuarterListEntry, RankingFormula, RankingRow, SlaFigures } from '@red-butler/domain';
import type { components, operations } from './api.generated';

/**
 * The API's payloads, as the client reads them. Every type here is an alias of (or a narrow
 * derivation from) the types `pnpm gen:api-types` generates from the API's OpenAPI document
 * (apps/api/src/common/openapi/response-schemas.ts and the DTOs' decorators), so the client cannot
 * drift from what the API answers: when a payload changes, change the API's schema and regenerate.
 * Do not declare payload shapes by hand here (api-types.test.ts checks it); only client-only view
 * types may be written out.
 */
type Schemas = components['schemas'];
/** The query string of an operation (GET parameters). */
type Query<Op extends keyof operations> = NonNullable<operations[Op]['parameters']['query']>;
type ItemOf<T extends Record<'items', unknown[]>> = T['items'][number];

export type TokenResponse = Schemas['Token'];
export type WechatTokenResponse = Schemas['WechatToken'];

export type Me = Schemas['Me'];
export type UnitRef = NonNullable<Me['compound']>;
export type NamedRef = TicketSummary['compound'];

export type Category = ItemOf<Schemas['Categories']>;
export type Compound = ItemOf<Schemas['Compounds']>;
export type Organization = ItemOf<Schemas['Organizations']>;
export type Member = ItemOf<Schemas['Members']>;
/** GET /tickets/:id/dispatch-targets: a company 派单 accepts for the ticket. */
export type DispatchTarget = ItemOf<Schemas['DispatchTargets']>;

export type UploadResult = Schemas['Upload'];
export type Photo = TimelineEvent['photos'][number];

export type TicketSummary = Schemas['TicketSummary'];
export type TicketDetail = Schemas['TicketDetail'];
export type TimelineEvent = TicketDetail['timeline'][number];
export type SuggestedHandler = NonNullable<TicketDetail['suggestedHandler']>;
/** One leg's clock: who owes what by when. */
export type TicketDeadline = TicketDetail['deadlines'][number];
/** The 不满意 the caller (the rated handler) may still appeal, and until when. */
export type Appealable = NonNullable<TicketDetail['appealable']>;
/** 申诉: the handler's appeal against a 不满意 (`GET /api/appeals`, ticket detail). */
export type Appeal = Schemas['Appeal'];
export type TicketPage = Schemas['TicketPage'];
export type FollowingPage = Schemas['FollowingPage'];
export type FollowedTicket = ItemOf<FollowingPage>;
export type SuperviseResult = Schemas['SuperviseResult'];
export type WarnedItem = OverdueReport['warned'][number];
export type AppealPage = Schemas['Appeals'];

export type ListQuery = Query<'TicketsController_list'>;
export type NewTicket = Schemas['CreateTicketDto'];
export type Created = Schemas['Created'];

/** GET /visits: an open phone return-visit task of the caller's community or grid. */
export type VisitTask = ItemOf<Schemas['VisitTasks']>;

export type SlaReportQuery = Query<'ReportsController_slaReport'>;
/** GET /reports/sla: one row per group and bucket (bucket = first day of the day/week/month), and the totals. */
export type SlaReport = Schemas['SlaReport'];
/** A report's scope: one org unit and everything below it, or (admins) everything. */
export type ReportScope = SlaReport['scope'];
export type ReportGroupBy = NonNullable<SlaReportQuery['groupBy']>;
export type ReportInterval = NonNullable<SlaReportQuery['interval']>;
export type { SlaFigures };

/** GET /reports/overdue: open legs past their deadline in the report's scope, longest overdue first. */
export type OverdueReport = Schemas['OverdueReport'];
export type OverdueItem = ItemOf<OverdueReport>;

export type NearbyQuery = Query<'DuplicatesController_nearby'>;
export type NearbyTicket = ItemOf<Schemas['NearbyTickets']>;
/** A duplicate candidate around a ticket, for the staff who merge. */
export type DuplicateCandidate = ItemOf<Schemas['DuplicateCandidates']>;
export type FollowResult = Schemas['FollowResult'];
/** GET /tickets/:id/public: a followed (也遇到了) ticket as its followers may see it, with its status steps. */
export type PublicTicket = Schemas['PublicTicket'];

/** POST /api/imports/hotline: one entry per data row of the file. */
export type HotlineImportResult = Schemas['HotlineImport'];
export type HotlineImportRow = HotlineImportResult['rows'][number];

/** The ranking types are computed by packages/domain (ranking.ts); the schema describes the same shapes. */
export type { RankingRow, RankingFormula, QuarterListEntry };
/** GET /reports/ranking: the companies of the scope ranked for a quarter (样本不足 last), with the formula. */
export type QuarterRanking = Schemas['QuarterRanking'];
/** One published version of a quarter's 红黑榜 (frozen; a correction is the next version). */
export type QuarterListVersion = Schemas['QuarterListVersion'];
/** GET /reports/lists: the caller's district, the current version (null before publication) and every version. */
export type QuarterLists = Schemas['QuarterLists'];

/** The file format of the report exports (CSV or XLSX). */
export type ExportFormat = Query<'ReportExportsController_slaExport'>['format'];

/** 业主大会 (issue #16): a vote, its frozen result, a ballot, the 公示栏, the register. */
export type Vote = Schemas['Vote'];
export type VoteList = Schemas['Votes'];
export type VoteResult = NonNullable<Vote['result']>;
export type MyUnitBallot = Vote['myUnits'][number];
export type Ballot = Schemas['Ballot'];
export type NewVote = Schemas['DraftVoteDto'];
export type CompoundNotices = Schemas['CompoundNotices'];
export type CompoundNotice = CompoundNotices['items'][number];
export type Register = Schemas['Register'];
export type RegisterUnit = Register['items'][number];
export type OwnerLinks = Schemas['OwnerLinks'];
export type RegisterImportResult = Schemas['RegisterImport'];
export type OwnerLink = Schemas['OwnerLink'];
/** 督导整改: a notice with its answers, tickets, downgrades and the caller's allowed actions. */
export type SupervisionNotice = Schemas['SupervisionNotice'];
export type SupervisionNoticePage = Schemas['SupervisionNotices'];
export type NoticeListItem = ItemOf<SupervisionNoticePage>;
export type NoticeAnswer = NonNullable<SupervisionNotice['answers']>[number];
export type IssueNoticeBody = Schemas['IssueNoticeDto'];
export type VerifyNoticeBody = Schemas['VerifyNoticeDto'];
export type DowngradeBody = Schemas['DowngradeDto'];
export type CompanyExit = Schemas['CompanyExit'];
export type ExitBody = Schemas['ExitDto'];
export type CompanyTrail = Schemas['CompanyTrail'];
export type CompanyTrailEntry = CompanyTrail['entries'][number];
export type CompoundTrail = Schemas['CompoundTrail'];
export type CompoundTrailEntry = CompoundTrail['entries'][number];

/** 消息 (apps/api/src/notifications/messages.controller.ts): my messages grouped by ticket. */
export type MessageThreads = Schemas['MessageThreads'];
export type MessageThread = MessageThreads['items'][number];
export type Message = MessageThread['messages'][number];
export type MessageUnread = Schemas['MessageUnread'];
export type SubscribeConsents = Schemas['SubscribeConsents'];
export type SubscribeConsent = SubscribeConsents['items'][number];
export type SubscribeAnswer = Schemas['SubscribeAnswerDto'];

/** 五公开 and 公示栏 (issue #15): a 五公开 version, the public one, the board flags, 业委会 drafts, the review queue. */
export type Disclosure = Schemas['Disclosure'];
export type FeeItem = Disclosure['feeItems'][number];
export type PublicDisclosure = Schemas['PublicDisclosure'];
export type DisclosureVersions = Schemas['DisclosureVersions'];
export type DisclosureBoard = Schemas['DisclosureBoard'];
export type DisclosureBoardRow = DisclosureBoard['items'][number];
export type DisclosureBody = Schemas['DisclosureBodyDto'];
export type NoticeDraft = Schemas['NoticeDraft'];
export type NoticeDrafts = Schemas['NoticeDrafts'];
export type NewNotice = Schemas['DraftNoticeDto'];
export type DisclosureReviewQueue = Schemas['DisclosureReviewQueue'];

/** 积分 (apps/api/src/points): the resident's ledger, rules, 爱心屋, activities, participation. */
export type PointsMine = Schemas['PointsMine'];
export type PointsEntry = PointsMine['entries'][number];
export type PointsRule = ItemOf<Schemas['PointsRules']>;
export type NewPointsRule = Schemas['SetRuleDto'];
export type ShopItem = Schemas['ShopItem'];
export type NewShopItem = Schemas['CreateShopItemDto'];
export type Redemption = Schemas['Redemption'];
export type Activity = Schemas['Activity'];
export type ActivitySummary = ItemOf<Schemas['Activities']>;
export type NewActivity = Schemas['CreateActivityDto'];
export type Participation = Schemas['PointsParticipation'];
export type ParticipationRow = Participation['items'][number];

/** 时限与配置 (issue #12 part C): what admins edit in the policy screens. */
export type SlaPolicy = ItemOf<Schemas['SlaPolicies']>;
export type NewSlaPolicy = Schemas['SlaPolicyDto'];
export type WorkingCalendarData = Schemas['WorkingCalendar'];
export type AdminCategory = Schemas['AdminCategory'];
export type CategoryUpdate = Schemas['UpdateCategoryDto'];
export type NewCategory = Schemas['CreateCategoryDto'];
export type Open311Key = ItemOf<Schemas['Open311Keys']>;
export type Open311KeyIssued = Schemas['Open311KeyIssued'];
export type NewOpen311Key = Schemas['IssueOpen311KeyDto'];
export type SubscribeTemplateSetting = ItemOf<Schemas['SubscribeTemplateSettings']>;
export type SubscribeTemplatesUpdate = Schemas['SubscribeTemplatesDto'];
// 人员管理, 绑定房屋, 操作日志 (issue #12 B)
export type UserAccount = Schemas['UserAccount'];
export type UserPage = Schemas['UserPage'];
export type UserSummary = ItemOf<UserPage>;
export type RoleBindingView = UserAccount['roles'][number];
export type UserWithCode = Schemas['UserWithCode'];
export type IssuedCode = UserWithCode['code'];
export type HouseholdBinding = Schemas['HouseholdBinding'];
export type HouseholdBindings = Schemas['HouseholdBindings'];
export type AuditPage = Schemas['AuditPage'];
export type AuditEntry = ItemOf<AuditPage>;
export type UserListQuery = Query<'PeopleController_list'>;
export type AuditQuery = Query<'AuditController_list'>;
/** District import and the admin's reference data (issue #12). */
export type DistrictImportResult = Schemas['DistrictImport'];
export type DistrictImportRow = DistrictImportResult['rows'][number];
export type DistrictImportKind = DistrictImportResult['kind'];
export type AdminOrgUnit = Schemas['AdminOrgUnit'];
export type AdminOrgUnits = Schemas['AdminOrgUnits'];
export type AdminCompany = Schemas['AdminCompany'];
export type AdminContract = Schemas['AdminContract'];
export type AdminDepartment = Schemas['AdminDepartment'];
export type OrgHistoryItem = ItemOf<Schemas['OrgHistory']>;
export type OrgHistoryEntity = Query<'DistrictImportController_history'>['entity'];
export type EditOrgUnit = Schemas['EditOrgUnitDto'];
export type EditCompany = Schemas['EditCompanyDto'];
export type EditContract = Schemas['EditContractDto'];
export type EditDepartment = Schemas['EditDepartmentDto'];
/** 小区平面图 (GET /compounds/:id/plan): the plan document, its revision and when it changed. */
export type CompoundPlan = Schemas['CompoundPlan'];
export type SitePlanDoc = Schemas['SitePlan'];
/** GET /compounds/:id/plan/tickets: open tickets with a plan point, for the staff's pin map. */
export type PlanPins = Schemas['CompoundPlanPins'];
export type PlanPin = PlanPins['items'][number];
