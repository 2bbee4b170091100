// Shared vocabulary of the API, the database and the client. The string values are stored in
// Postgres and sent over the wire, so they never change once released; labels may.

export const ROLES = [
  'resident',
  'grid_worker',
  'community_staff',
  'street_staff',
  'property_manager',
  'property_worker',
  'department_staff',
  'supervisor',
  'admin',
  // 业委会委员: bound to one compound; drafts 业主大会 votes and records paper votes there.
  'owners_committee_member',
  // The deadline workers: marks legs overdue, escalates, closes unanswered surveys.
  'system',
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  resident: '居民',
  grid_worker: '网格员',
  community_staff: '社区工作人员',
  street_staff: '街道工作人员',
  property_manager: '物业项目经理',
  property_worker: '物业维修工',
  department_staff: '职能部门',
  supervisor: '督办',
  admin: '管理员',
  owners_committee_member: '业委会委员',
  system: '系统',
};

export const TICKET_STATUSES = [
  'submitted',
  'dispatched',
  'accepted',
  'resolved',
  'closed',
  'cancelled',
  'rejected',
  'merged',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

export const TICKET_STATUS_LABELS: Record<TicketStatus, string> = {
  submitted: '待派单',
  dispatched: '待接单',
  accepted: '处理中',
  resolved: '待评价',
  closed: '已办结',
  cancelled: '已撤销',
  rejected: '不予受理',
  merged: '已合并',
};

/** Statuses in which someone still owes the resident work. */
export const OPEN_STATUSES: readonly TicketStatus[] = ['submitted', 'dispatched', 'accepted'];
export const FINAL_STATUSES: readonly TicketStatus[] = ['closed', 'cancelled', 'rejected', 'merged'];

export const TICKET_ACTIONS = [
  'report',
  'dispatch',
  'return',
  'accept',
  'progress',
  'resolve',
  'rate',
  'cancel',
  'reject',
  'merge',
  'escalate',
  'pause',
  'resume',
  'visit',
  'expire',
  'overdue',
  'supervise',
  // 改派: the property manager hands an accepted ticket to another worker (no status change).
  'reassign',
  // 挂起 where the policy needs the community's consent: the handler's request and the decision on it.
  'pause_request',
  'pause_decision',
  // 申诉 and its 裁定: audit records on the timeline, no status change (not in the transition table).
  'appeal',
  'appeal_decision',
] as const;
export type TicketAction = (typeof TICKET_ACTIONS)[number];

export const TICKET_ACTION_LABELS: Record<TicketAction, string> = {
  report: '点单',
  dispatch: '派单',
  return: '退单',
  accept: '接单',
  progress: '处理进展',
  resolve: '办结',
  rate: '评价',
  cancel: '撤销',
  reject: '不予受理',
  merge: '合并',
  escalate: '吹哨',
  pause: '挂起',
  resume: '恢复计时',
  visit: '电话回访',
  expire: '未评价关闭',
  overdue: '超期',
  supervise: '督办',
  reassign: '改派',
  pause_request: '申请挂起',
  pause_decision: '挂起审批',
  appeal: '申诉',
  appeal_decision: '申诉裁定',
};

export const PRIORITIES = ['emergency', 'urgent', 'normal'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const PRIORITY_LABELS: Record<Priority, string> = {
  emergency: '紧急',
  urgent: '加急',
  normal: '一般',
};

// open311: filed by a city's 311 client through the Open311 GeoReport v2 gateway (/open311/v2).
// h5: a resident's own report from the browser build (the same pages as the mini-program).
export const CHANNELS = ['mini_program', 'hotline_12345', 'walk_in', 'grid_patrol', 'open311', 'h5'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  mini_program: '小程序',
  hotline_12345: '12345热线',
  walk_in: '上门',
  grid_patrol: '网格巡查',
  open311: '开放接口(Open311)',
  h5: 'H5网页',
};

/** The channels a resident files their own report through (no caller, points for taking part). */
export const SELF_REPORT_CHANNELS: readonly Channel[] = ['mini_program', 'h5'];
export const isSelfReportChannel = (channel: Channel): boolean => SELF_REPORT_CHANNELS.includes(channel);

export const RATINGS = ['satisfied', 'basically_satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];
export const RATING_LABELS: Record<Rating, string> = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  dissatisfied: '不满意',
};

/** Who holds a dispatched ticket: a property company (派单) or a department (吹哨). */
export const HANDLER_KINDS = ['company', 'department'] as const;
export type HandlerKind = (typeof HANDLER_KINDS)[number];

export const ORG_UNIT_KINDS = ['district', 'street', 'community', 'grid', 'compound', 'building'] as const;
export type OrgUnitKind = (typeof ORG_UNIT_KINDS)[number];
export const ORG_UNIT_KIND_LABELS: Record<OrgUnitKind, string> = {
  district: '区',
  street: '街道',
  community: '社区',
  grid: '网格',
  compound: '小区',
  building: '楼栋',
};

export const ORGANIZATION_KINDS = ['property_company', 'department'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** The legs of a ticket's life, each with its own clock and the party that owes it. */
export const DEADLINE_LEGS = ['dispatch', 'accept', 'resolve', 'survey', 'visit'] as const;
export type DeadlineLeg = (typeof DEADLINE_LEGS)[number];
export const DEADLINE_LEG_LABELS: Record<DeadlineLeg, string> = {
  dispatch: '派单',
  accept: '接单',
  resolve: '办结',
  survey: '评价',
  visit: '电话回访',
};

export const DEADLINE_PARTIES = ['community', 'company', 'department', 'resident'] as const;
export type DeadlineParty = (typeof DEADLINE_PARTIES)[number];

/** 督办 ladder after a breach: the handler's own desk, then community, street, district. */
export const ESCALATION_LEVELS = ['handler', 'community', 'street', 'district'] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];
export const ESCALATION_LEVEL_LABELS: Record<EscalationLevel, string> = {
  handler: '责任单位',
  community: '社区督办',
  street: '街道督办',
  district: '区级督办',
};

export const SLA_CLOCKS = ['working', 'clock'] as const;
export type SlaClock = (typeof SLA_CLOCKS)[number];

/** 申诉 A handler's appeal against a 不满意 rating, decided by the street (or district). */
export const APPEAL_STATUSES = ['pending', 'upheld', 'denied'] as const;
export type AppealStatus = (typeof APPEAL_STATUSES)[number];
export const APPEAL_STATUS_LABELS: Record<AppealStatus, string> = {
  pending: '待裁定',
  upheld: '申诉成立',
  denied: '申诉驳回',
};
export const APPEAL_DECISIONS = ['upheld', 'denied'] as const;
export type AppealDecision = (typeof APPEAL_DECISIONS)[number];

/** A handler may appeal a 不满意 within this many days (clock time) of the rating. */
export const APPEAL_WINDOW_DAYS = 7;
/** Bounds of an appeal's reason and a decision's note, in characters (after trimming). */
export const APPEAL_REASON_MIN = 5;
export const APPEAL_REASON_MAX = 500;
export const APPEAL_NOTE_MAX = 500;

/**
 * 业主大会 votes (Civil Code art. 278). `ordinary` covers items 1–5 and 9 (using the maintenance fund,
 * item 5, is ordinary since the Civil Code); the three others are items 6–8 and need ≥ 3/4.
 */
export const VOTE_MATTERS = ['ordinary', 'raise_maintenance_fund', 'rebuild', 'change_common_use'] as const;
export type VoteMatter = (typeof VOTE_MATTERS)[number];
export const VOTE_MATTER_LABELS: Record<VoteMatter, string> = {
  ordinary: '一般事项',
  raise_maintenance_fund: '筹集建筑物及其附属设施的维修资金',
  rebuild: '改建、重建建筑物及其附属设施',
  change_common_use: '改变共有部分的用途或者利用共有部分从事经营活动',
};
export const SPECIAL_VOTE_MATTERS: readonly VoteMatter[] = ['raise_maintenance_fund', 'rebuild', 'change_common_use'];

/** pending_review → scheduled (open while the window runs) → closed; or pending_review → rejected. */
export const VOTE_STATUSES = ['pending_review', 'scheduled', 'rejected', 'closed'] as const;
export type VoteStatus = (typeof VOTE_STATUSES)[number];
export const VOTE_STATUS_LABELS: Record<VoteStatus, string> = {
  pending_review: '待社区审核',
  scheduled: '已通过审核',
  rejected: '审核未通过',
  closed: '已结束',
};

/** What a passed vote decides about the compound's company, so a 清退 can link to it. */
export const VOTE_PURPOSES = ['dismiss_company', 'hire_company'] as const;
export type VotePurpose = (typeof VOTE_PURPOSES)[number];
export const VOTE_PURPOSE_LABELS: Record<VotePurpose, string> = { dismiss_company: '解聘物业服务企业', hire_company: '选聘物业服务企业' };

/** How a ballot reached the system: the owner in the mini-program, or staff entering a paper/on-site vote. */
export const BALLOT_CHANNELS = ['mini_program', 'paper', 'on_site'] as const;
export type BallotChannel = (typeof BALLOT_CHANNELS)[number];
export const BALLOT_CHANNEL_LABELS: Record<BallotChannel, string> = { mini_program: '小程序', paper: '书面表决票', on_site: '现场投票' };

export const VOTE_QUESTION_MAX = 500;
export const VOTE_OPTION_MAX = 100;
export const VOTE_OPTIONS_MAX = 10;

// 五公开 (issue #15): a compound's five disclosures, drafted by its company, approved by the community.
export const DISCLOSURE_STATUSES = ['draft', 'pending_review', 'approved', 'rejected'] as const;
export type DisclosureStatus = (typeof DISCLOSURE_STATUSES)[number];
export const DISCLOSURE_STATUS_LABELS: Record<DisclosureStatus, string> = { draft: '草稿', pending_review: '待社区审核', approved: '已公开', rejected: '已退回' };
export const DISCLOSURE_BASIS_KINDS = ['contract', 'price_bureau'] as const;
export type DisclosureBasisKind = (typeof DISCLOSURE_BASIS_KINDS)[number];
export const DISCLOSURE_BASIS_LABELS: Record<DisclosureBasisKind, string> = { contract: '物业服务合同', price_bureau: '价格主管部门文件' };
/** A public version older than this is flagged on the supervisor board (a year, in days). */
export const DISCLOSURE_STALE_DAYS = 365;

// 公示栏 (issue #15): the 业委会's monthly notices, reviewed by the community before they are published.
export const BOARD_NOTICE_KINDS = ['fund_spending', 'public_income'] as const;
export type BoardNoticeKind = (typeof BOARD_NOTICE_KINDS)[number];
export const BOARD_NOTICE_KIND_LABELS: Record<BoardNoticeKind | 'vote_result' | 'correction', string> = {
  fund_spending: '维修资金使用公示', public_income: '公共收益及使用公示', vote_result: '表决结果公告', correction: '更正公告',
};
export const NOTICE_DRAFT_STATUSES = ['pending_review', 'published', 'rejected'] as const;
export type NoticeDraftStatus = (typeof NOTICE_DRAFT_STATUSES)[number];
/** Money as an exact decimal string: yuan with at most two decimals (no floats anywhere). */
export const MONEY_PATTERN = /^(0|[1-9]\d{0,11})(\.\d{1,2})?$/;
/** 投诉电话: a mainland mobile, a landline with area code (0951-5108826), or a 400/800/short service number. */
export const COMPLAINT_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|[48]00-?\d{3}-?\d{4}|12345)$/;
