import { Text, View } from '@tarojs/components';
import type { Participation } from '../../api/api.types';

/** The supervisor's view: per community, who took part and how many points moved over the period. */
export function ParticipationTable({ data }: { data: Participation }) {
  return (
    <View className="card participation">
      <View className="muted">{data.from} 至 {data.to}</View>
      {data.items.map((r) => (
        <View key={r.communityId} className="participation__row" data-community={r.communityId}>
          <Text className="ticket-card__title">{r.communityName}</Text>
          <View className="muted">
            参与居民 {r.residents} 人 · 获得 {r.earned} 分 · 兑换 {r.spent} 分 · 活动 {r.activitiesHeld} 场（签到 {r.attendances} 人次）
          </View>
        </View>
      ))}
      {data.items.length === 0 && <View className="empty">范围内没有社区</View>}
    </View>
  );
}
