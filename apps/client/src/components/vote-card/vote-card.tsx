import { Text, View } from '@tarojs/components';
import { VOTE_MATTER_LABELS } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import type { Vote } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { VOTE_PHASE_LABELS } from './vote-phase.util';

/** A vote in a list: question, phase, matter and window; opens the vote's page. */
export function VoteCard({ vote }: { vote: Vote }) {
  const voted = vote.myUnits.filter((u) => u.ballot).length;
  return (
    <View className="card vote-card" data-vote={vote.id} onClick={() => void Taro.navigateTo({ url: `/pages/vote/index?id=${vote.id}` })}>
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{vote.question}</Text>
        <Text className={`chip chip--vote-${vote.phase}`}>{VOTE_PHASE_LABELS[vote.phase]}</Text>
      </View>
      <View className="ticket-card__meta">
        <Text>{vote.compound.name} · {VOTE_MATTER_LABELS[vote.matter]}</Text>
      </View>
      <View className="muted">投票时间：{formatTime(vote.opensAt)} 至 {formatTime(vote.closesAt)}</View>
      {vote.myUnits.length > 0 && <View className="muted">我的房屋：已投 {voted} / {vote.myUnits.length} 户</View>}
    </View>
  );
}
