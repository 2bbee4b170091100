import { Text, View } from '@tarojs/components';
import { VOTE_MATTER_LABELS, VOTE_PURPOSE_LABELS } from '@red-butler/domain';
import { useRouter } from '@tarojs/taro';
import { votesApi } from '../../api/votes.api';
import { BallotForm } from '../../components/ballot-form/ballot-form';
import { Screen } from '../../components/screen/screen';
import { ScreenProblem } from '../../components/not-found/screen-problem';
import { VOTE_PHASE_LABELS } from '../../components/vote-card/vote-phase.util';
import { VoteResult } from '../../components/vote-result/vote-result';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { formatTime } from '../../lib/format.util';
import { PaperBallotForm } from '../../staff/components/paper-ballot-form';
import { VoteReview } from '../../staff/components/vote-review';

/**
 * One vote for every role: owners vote for their units while it is open; the community reviews a
 * draft; the 业委会 and community enter paper and on-site ballots; everyone sees the frozen result.
 */
export default function VotePage() {
  const me = useSignedIn();
  const id = Number(useRouter().params.id);
  const { data: vote, setData, problem, reload } = useScreenData(() => votesApi.get(id), !!me && id > 0);
  if (problem) return <Screen><ScreenProblem text={problem} /></Screen>;
  if (!vote) return <Screen><View className="empty">加载中…</View></Screen>;
  return (
    <Screen>
      <View className="card detail">
        <View className="ticket-card__head">
          <Text className="ticket-card__title" data-testid="vote-question">{vote.question}</Text>
          <Text className={`chip chip--vote-${vote.phase}`} data-testid="vote-phase">{VOTE_PHASE_LABELS[vote.phase]}</Text>
        </View>
        <View className="muted">{vote.compound.name} · {VOTE_MATTER_LABELS[vote.matter]}{vote.matter === 'ordinary' ? '（过半数通过）' : '（四分之三以上通过）'}</View>
        {vote.purpose && <View className="muted">{VOTE_PURPOSE_LABELS[vote.purpose]}：{vote.purposeCompany?.name}</View>}
        <View className="muted">投票时间：{formatTime(vote.opensAt)} 至 {formatTime(vote.closesAt)}</View>
        <View className="muted">选项：{vote.options.join(' / ')}</View>
        {vote.participation && <View className="muted" data-testid="participation">已投票 {vote.participation.units} / {vote.participation.totalUnits} 户</View>}
        {vote.reviewNote && <View className="muted">审核意见：{vote.reviewNote}</View>}
      </View>
      {vote.canReview && <VoteReview vote={vote} onReviewed={setData} />}
      {vote.phase === 'open' && vote.myUnits.length > 0 && <BallotForm vote={vote} onCast={() => void reload()} />}
      {vote.phase === 'open' && vote.canRecordPaper && <PaperBallotForm vote={vote} onCast={() => void reload()} />}
      {vote.result && <VoteResult result={vote.result} />}
    </Screen>
  );
}
