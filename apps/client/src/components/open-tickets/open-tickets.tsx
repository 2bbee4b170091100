import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TicketSummary } from '../../api/api.types';
import { categoryIcon } from '../../lib/category-icon.util';
import { StatusChip } from '../status-chip/status-chip';
import { nextStep } from './next-step.util';

/** Home for a resident: the reports still open and the next step of each. */
export function OpenTickets({ items }: { items: TicketSummary[] }) {
  return (
    <View className="card" data-testid="open-tickets">
      <View className="section-title">我的报事进度</View>
      {items.length === 0 && <View className="muted">没有办理中的报事。遇到问题，点下方“报事”。</View>}
      {items.map((t) => (
        <View key={t.id} className="open-ticket" data-ticket-id={t.id} onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${t.id}` })}>
          <View className="open-ticket__head">
            <Text aria-hidden>{categoryIcon(t.category.icon)}</Text>
            <Text className="open-ticket__title">{t.category.name}</Text>
            <StatusChip status={t.status} />
          </View>
          <Text className="open-ticket__next">{nextStep(t.status)}</Text>
        </View>
      ))}
    </View>
  );
}
