import { Text } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@red-butler/domain';

export function StatusChip({ status }: { status: TicketStatus }) {
  return <Text className={`chip chip--${status}`}>{TICKET_STATUS_LABELS[status]}</Text>;
}
