import { ROLE_LABELS, TICKET_ACTION_LABELS, type TicketAction } from '@red-butler/domain';
import type { TimelineEvent } from '../../api/api.types';

/**
 * A resident reads what happened to the report in everyday words (已提交 / 已派给… / 已接单 / 处理中 /
 * 已办结), not the office terms staff use (点单、派单、接单).
 */
const PLAIN: Partial<Record<TicketAction, string>> = {
  report: '已提交',
  dispatch: '已派单',
  return: '已退回社区，重新派单',
  accept: '已接单',
  progress: '处理中',
  resolve: '已办结',
  rate: '已评价',
  cancel: '已撤销',
  reject: '不予受理',
  merge: '已与同一问题合并',
  escalate: '已交职能部门处理',
  pause: '暂停计时',
  resume: '继续处理',
  visit: '电话回访',
  expire: '未评价，已关闭',
  overdue: '已超期，正在督办',
  supervise: '上级督办',
  appeal: '处理单位申诉',
  appeal_decision: '申诉已裁定',
};

/** The step's title: plain words for a resident, the office term for staff. */
export function stepTitle(e: TimelineEvent, plain: boolean): string {
  if (!plain) return TICKET_ACTION_LABELS[e.action] ?? e.action;
  const handler = typeof e.data?.handlerName === 'string' ? e.data.handlerName : null;
  if ((e.action === 'dispatch' || e.action === 'escalate') && handler) return `已派给${handler}`;
  return PLAIN[e.action] ?? TICKET_ACTION_LABELS[e.action] ?? e.action;
}

/** Who did it: "name · role", or 系统自动 for the deadline engine (never "系统 · 系统"). */
export function stepActor(e: TimelineEvent): string {
  if (e.actor.role === 'system') return '系统自动';
  const role = ROLE_LABELS[e.actor.role] ?? e.actor.role;
  if (!e.actor.displayName || e.actor.displayName === role) return role;
  return `${e.actor.displayName} · ${role}`;
}
