import { Text, View } from '@tarojs/components';
import type { PointsEntry } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';

const KIND_LABEL: Record<PointsEntry['kind'], string> = { earn: '获得', spend: '兑换', reverse: '退回/收回' };

/** The balance and the ledger, newest first: each line signed, with its reason (a capped line says so). */
export function PointsLedger({ balance, entries }: { balance: number; entries: PointsEntry[] }) {
  return (
    <View className="card points-ledger">
      <View className="points-ledger__balance">
        <Text className="muted">我的积分</Text>
        <Text className="points-ledger__number" data-testid="points-balance">{balance}</Text>
      </View>
      {entries.length === 0 && <View className="muted">还没有积分记录：参加社区活动、报事被受理、参与回访都能获得积分</View>}
      {entries.map((e) => (
        <View key={e.id} className="points-ledger__row" data-points-entry={e.id}>
          <View>
            <Text className="chip">{KIND_LABEL[e.kind]}</Text> <Text>{e.reason}</Text>
            <View className="muted">{formatTime(e.createdAt)}</View>
          </View>
          <Text className={e.points < 0 ? 'points-ledger__minus' : 'points-ledger__plus'}>{e.points > 0 ? `+${e.points}` : String(e.points)}</Text>
        </View>
      ))}
    </View>
  );
}
