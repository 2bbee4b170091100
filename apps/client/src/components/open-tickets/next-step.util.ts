import type { TicketStatus } from '@red-butler/domain';

/** What happens next to an open report, in a resident's words. */
const NEXT: Partial<Record<TicketStatus, string>> = {
  submitted: '下一步：社区派给物业或部门',
  dispatched: '下一步：等待处理单位接单',
  accepted: '下一步：师傅处理中，办好后通知您',
  resolved: '下一步：请您评价办理结果',
};

export const OPEN_STATUSES: TicketStatus[] = ['submitted', 'dispatched', 'accepted', 'resolved'];

export function nextStep(status: TicketStatus): string | null {
  return NEXT[status] ?? null;
}
