import type { TicketStatus } from '@red-butler/domain';

export const PIN_OVERDUE = '#d92d20';
export const PIN_WARNED = '#f79009';
const BY_STATUS: Partial<Record<TicketStatus, string>> = {
  submitted: '#2e90fa',
  dispatched: '#7a5af8',
  accepted: '#12b76a',
};
const OTHER = '#667085';

/** A pin's colour: overdue red, warned orange, else by status (待派单 blue, 待接单 purple, 处理中 green). */
export function pinColor(pin: { status: TicketStatus; overdue: boolean; warned: boolean }): string {
  if (pin.overdue) return PIN_OVERDUE;
  if (pin.warned) return PIN_WARNED;
  return BY_STATUS[pin.status] ?? OTHER;
}

export const PIN_LEGEND: Array<{ color: string; label: string }> = [
  { color: PIN_OVERDUE, label: '已超期' },
  { color: PIN_WARNED, label: '临近时限' },
  { color: BY_STATUS.submitted as string, label: '待派单' },
  { color: BY_STATUS.dispatched as string, label: '待接单' },
  { color: BY_STATUS.accepted as string, label: '处理中' },
];
