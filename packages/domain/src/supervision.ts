/**
 * 督导整改: the life of a supervision notice as data, like the ticket's transition table. The API
 * enforces it before its guarded update; the client shows only the buttons it allows.
 */
export const NOTICE_STATUSES = ['issued', 'answered', 'rejected', 'accepted', 'overdue'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  issued: '待整改',
  answered: '待核验',
  rejected: '整改未通过',
  accepted: '整改通过',
  overdue: '逾期未整改',
};

export const NOTICE_ACTIONS = ['answer', 'accept', 'reject', 'overdue'] as const;
export type NoticeAction = (typeof NOTICE_ACTIONS)[number];

/** Who takes a step: the company's manager, the issuing desk, or the worker at the deadline. */
export type NoticeParty = 'company' | 'issuer' | 'system';

export interface NoticeRule {
  readonly action: NoticeAction;
  readonly from: readonly NoticeStatus[];
  readonly to: NoticeStatus;
  readonly party: NoticeParty;
}

export const NOTICE_TRANSITIONS: readonly NoticeRule[] = [
  // A rejected answer may be answered again, as long as the deadline has not passed (checked by the API).
  { action: 'answer', from: ['issued', 'rejected'], to: 'answered', party: 'company' },
  { action: 'accept', from: ['answered'], to: 'accepted', party: 'issuer' },
  { action: 'reject', from: ['answered'], to: 'rejected', party: 'issuer' },
  // An answer waiting for verification is not late: only silence or a rejected answer runs out.
  { action: 'overdue', from: ['issued', 'rejected'], to: 'overdue', party: 'system' },
];

/** The statuses whose deadline is running (the worker watches them). */
export const NOTICE_CLOCK_RUNNING: readonly NoticeStatus[] = ['issued', 'rejected'];

export function noticeTransition(from: NoticeStatus, action: NoticeAction, party: NoticeParty): NoticeRule | null {
  return NOTICE_TRANSITIONS.find((r) => r.action === action && r.party === party && r.from.includes(from)) ?? null;
}

export function noticeActions(status: NoticeStatus, parties: readonly NoticeParty[]): NoticeAction[] {
  return NOTICE_TRANSITIONS.filter((r) => r.from.includes(status) && parties.includes(r.party)).map((r) => r.action);
}

/** Trail entries per company: every step of a notice and every consequence. */
export const TRAIL_KINDS = [
  'notice_issued', 'notice_answered', 'notice_accepted', 'notice_rejected', 'notice_overdue', 'notice_escalated', 'downgrade', 'exit',
] as const;
export type TrailKind = (typeof TRAIL_KINDS)[number];

export const TRAIL_KIND_LABELS: Record<TrailKind, string> = {
  notice_issued: '下发督导通知',
  notice_answered: '提交整改答复',
  notice_accepted: '整改核验通过',
  notice_rejected: '整改核验未通过',
  notice_overdue: '逾期未整改',
  notice_escalated: '逾期提级督办',
  downgrade: '星级降级',
  exit: '清退',
};

export const NOTICE_TEXT_MAX = 1000;
export const NOTICE_DAYS_MAX = 30;
export const NOTICE_TICKETS_MAX = 50;
export const NOTICE_PHOTOS_MAX = 9;
