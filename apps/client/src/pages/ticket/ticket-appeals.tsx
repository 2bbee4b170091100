import { Button, Text, View } from '@tarojs/components';
import { APPEAL_STATUS_LABELS, type AppealStatus } from '@red-butler/domain';
import type { Appeal, Appealable } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';

const CHIP: Record<AppealStatus, string> = { pending: 'chip--submitted', upheld: 'chip--closed', denied: 'chip--cancelled' };

export interface TicketAppealsProps {
  appeals: Appeal[];
  appealable: Appealable | null;
  onAppeal: () => void;
}

/**
 * 申诉 on the ticket: the rated handler's offer (until the deadline the API gives) and every appeal
 * with its outcome. Nothing at all when there is neither.
 */
export function TicketAppeals({ appeals, appealable, onAppeal }: TicketAppealsProps) {
  if (!appealable && appeals.length === 0) return null;
  return (
    <View className="card ticket-appeals">
      <View className="section-title">评价申诉</View>
      {appeals.map((a) => (
        <View key={a.id} className="ticket-appeals__item" data-testid="appeal">
          <View className="ticket-card__head">
            <Text>{a.handler.name}</Text>
            <Text className={`chip ${CHIP[a.status]}`}>{APPEAL_STATUS_LABELS[a.status]}</Text>
          </View>
          <View className="muted">申诉理由：{a.reason}</View>
          {a.decisionNote && <View className="muted">裁定意见：{a.decisionNote}</View>}
        </View>
      ))}
      {appealable && (
        <View className="ticket-appeals__offer">
          <View className="hint">居民评价“不满意”。如认为评价不合理，可在 {formatTime(appealable.deadline)} 前向街道申诉。</View>
          <Button className="btn btn--ghost btn--block" onClick={onAppeal} data-testid="appeal-button">申诉</Button>
        </View>
      )}
    </View>
  );
}
