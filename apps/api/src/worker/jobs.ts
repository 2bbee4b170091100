import type { DeadlineEvent } from '../deadlines/ticket-deadline.entity';
import type { NoticeEvent } from '../supervision/supervision-notice.entity';

/** Every queue and job the workers run. The worker refuses to boot unless each job has exactly one handler. */
export const QUEUES = {
  deadlines: 'deadlines',
  notifications: 'notifications',
  reports: 'reports',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface JobPayloads {
  'deadline.sweep': Record<string, never>;
  /** requestId: the API request that opened the leg or wrote the notice, so the worker's lines name it too. */
  'deadline.fire': { deadlineId: string; event: DeadlineEvent; at: string; requestId?: string };
  'notification.push': { notificationId: string; requestId?: string };
  /** 督导通知: overdue at its deadline, then 督办 up the ladder (SupervisionNotice.next_event). */
  'supervision.fire': { noticeId: number; event: NoticeEvent; at: string };
  /** fired by the quarterly cron: works out which quarter just ended and queues its publication */
  'quarter-lists.due': Record<string, never>;
  'quarter-lists.publish': { quarter: string };
  'reports.rollup': Record<string, never>;
  /** hourly: photos uploaded more than a day ago and never attached to a ticket are deleted */
  'uploads.cleanup': Record<string, never>;
  /** daily: 操作日志 entries past the 190-day retention are deleted (AuditPrune) */
  'audit.prune': Record<string, never>;
  /** a 业主大会 vote's window ended: count, freeze and publish it (VoteCloseService, guarded) */
  'votes.close': { voteId: number; at: string };
}
export type JobName = keyof JobPayloads;

export const JOB_QUEUE: Record<JobName, QueueName> = {
  'deadline.sweep': QUEUES.deadlines,
  'deadline.fire': QUEUES.deadlines,
  'notification.push': QUEUES.notifications,
  'supervision.fire': QUEUES.deadlines,
  'quarter-lists.due': QUEUES.reports,
  'quarter-lists.publish': QUEUES.reports,
  'reports.rollup': QUEUES.reports,
  // Housekeeping rides on the reports queue (periodic, low priority), not a queue of its own.
  'uploads.cleanup': QUEUES.reports,
  'audit.prune': QUEUES.reports,
  // On the deadlines queue: a close is due at a time, like a deadline, not housekeeping.
  'votes.close': QUEUES.deadlines,
};

export const JOB_NAMES = Object.keys(JOB_QUEUE) as JobName[];

/**
 * Deterministic ids: `sla-<ticket>-<deadline>-<event>-<due ms>` names one effect of one deadline at
 * one time, so the sweep can re-add it as often as it likes and Redis holds it once.
 */
export function fireJobId(ticketId: number, deadlineId: string, event: DeadlineEvent, at: Date): string {
  return `sla-${ticketId}-${deadlineId}-${event}-${at.getTime()}`;
}

/** `sup-<notice>-<event>-<due ms>`: one effect of one notice at one time, however often it is queued. */
export function noticeFireJobId(noticeId: number, event: NoticeEvent, at: Date): string {
  return `sup-${noticeId}-${event}-${at.getTime()}`;
}

export function pushJobId(notificationId: string): string {
  return `push-${notificationId}`;
}

/** One publication per quarter: the cron, the catch-up at start and a retry all name the same job. */
export function quarterListsJobId(quarter: string): string {
  return `quarter-lists-${quarter}`;
}

/** One close per vote and closing time: the sweep re-adds it freely, Redis holds it once. */
export function voteCloseJobId(voteId: number, closesAt: Date): string {
  return `vote-close-${voteId}-${closesAt.getTime()}`;
}

/** Payload checks at the queue boundary: a malformed job fails loudly instead of half-running. */
export function parsePayload<N extends JobName>(name: N, data: unknown): JobPayloads[N] {
  const d = (data ?? {}) as Record<string, unknown>;
  if (d.requestId !== undefined && (typeof d.requestId !== 'string' || d.requestId.length > 64)) throw new Error(`${name}: requestId must be a string of at most 64 characters`);
  switch (name) {
    case 'deadline.sweep':
      return {} as JobPayloads[N];
    case 'deadline.fire':
      if (typeof d.deadlineId !== 'string' || !/^\d+$/.test(d.deadlineId)) throw new Error('deadline.fire: deadlineId must be a numeric string');
      if (!['warn', 'breach', 'escalate', 'resume'].includes(d.event as string)) throw new Error('deadline.fire: unknown event');
      if (typeof d.at !== 'string' || Number.isNaN(Date.parse(d.at))) throw new Error('deadline.fire: at must be an ISO time');
      return d as unknown as JobPayloads[N];
    case 'supervision.fire':
      if (!Number.isInteger(d.noticeId) || (d.noticeId as number) <= 0) throw new Error('supervision.fire: noticeId must be a positive integer');
      if (!['overdue', 'escalate'].includes(d.event as string)) throw new Error('supervision.fire: unknown event');
      if (typeof d.at !== 'string' || Number.isNaN(Date.parse(d.at))) throw new Error('supervision.fire: at must be an ISO time');
      return d as unknown as JobPayloads[N];
    case 'reports.rollup':
    case 'uploads.cleanup':
    case 'audit.prune':
      return {} as JobPayloads[N];
    case 'notification.push':
      if (typeof d.notificationId !== 'string' || !/^\d+$/.test(d.notificationId)) throw new Error('notification.push: notificationId must be a numeric string');
      return d as unknown as JobPayloads[N];
    case 'quarter-lists.due':
      return {} as JobPayloads[N];
    case 'votes.close':
      if (!Number.isInteger(d.voteId) || (d.voteId as number) <= 0) throw new Error('votes.close: voteId must be a positive integer');
      if (typeof d.at !== 'string' || Number.isNaN(Date.parse(d.at))) throw new Error('votes.close: at must be an ISO time');
      return d as unknown as JobPayloads[N];
    case 'quarter-lists.publish':
      if (typeof d.quarter !== 'string' || !/^\d{4}Q[1-4]$/.test(d.quarter)) throw new Error('quarter-lists.publish: quarter must be written YYYYQn');
      return d as unknown as JobPayloads[N];
  }
  throw new Error(`unknown job ${name as string}`);
}
