import { Button, Text, View } from '@tarojs/components';
import type { Redemption } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { formatTime } from '../../lib/format.util';
import { useSubmit } from './use-submit.hook';

/** 核销: pending redemptions of the community; staff hand the item over (or cancel, which returns the points). */
export function RedemptionDesk({ redemptions, onChanged }: { redemptions: Redemption[]; onChanged: () => void }) {
  const { busy, problem, submit } = useSubmit(onChanged, '已处理');
  const pending = redemptions.filter((r) => r.status === 'pending');
  return (
    <View className="card redemption-desk">
      {pending.length === 0 && <View className="muted">没有待领取的兑换</View>}
      {pending.map((r) => (
        <View key={r.id} className="settings__row" data-pending={r.id}>
          <View>
            <Text>{r.residentName} · {r.itemName}</Text>
            <View className="muted">{r.price} 分 · {formatTime(r.createdAt)}</View>
          </View>
          <View>
            <Button className="btn btn--primary" size="mini" disabled={busy} onClick={() => void submit(() => pointsApi.handOver(r.id))} data-testid={`handover-${r.id}`}>核销</Button>
            <Button className="btn" size="mini" disabled={busy} onClick={() => void submit(() => pointsApi.cancel(r.id))}>取消</Button>
          </View>
        </View>
      ))}
      {problem && <View className="error-text">{problem}</View>}
    </View>
  );
}
