import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { votesApi } from '../../api/votes.api';
import { OwnerUnits } from '../../components/owner-units/owner-units';
import { EmptyState } from '../../components/empty-state/empty-state';
import { Screen } from '../../components/screen/screen';
import { VoteCard } from '../../components/vote-card/vote-card';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useScreenData } from '../../hooks/use-screen-data.hook';
import { formatTime } from '../../lib/format.util';
import { draftsVotes } from '../../lib/workbench.util';

/**
 * 业主大会: the votes the caller may see (owners: their compound's approved ones; the 业委会 and
 * community: drafts too), and the 公示栏 of the caller's home compound with the published results.
 */
export default function VotesPage() {
  const me = useSignedIn();
  const { data, problem } = useScreenData(() => votesApi.list(), !!me);
  const home = me?.compound?.id;
  const board = useScreenData(() => votesApi.notices(home as number), !!me && home !== undefined);
  // Residents: their units and the home compound's register to claim one (only verified owners vote).
  const resident = !!me?.roles.includes('resident') && home !== undefined;
  const owned = useScreenData(() => Promise.all([votesApi.myUnits(), votesApi.register(home as number)]), resident);
  return (
    <Screen>
      <View className="page-head">业主大会表决</View>
      {me && draftsVotes(me.roles) && (
        <Button className="btn btn--primary btn--block" onClick={() => void Taro.navigateTo({ url: '/staff/pages/vote-draft/index' })} data-testid="new-vote">
          发起表决
        </Button>
      )}
      {problem && <View className="error-text">{problem}</View>}
      {data?.items.map((v) => <VoteCard key={v.id} vote={v} />)}
      {data && data.items.length === 0 && <EmptyState text="暂无表决" />}
      {owned.data && <OwnerUnits mine={owned.data[0].items} units={owned.data[1].items} onClaimed={() => void owned.reload()} />}
      {board.data && (
        <View className="notice-board">
          <View className="page-head">公示栏 · {board.data.compound.name}</View>
          {board.data.items.length === 0 && <EmptyState text="暂无公示" />}
          {board.data.items.map((n) => (
            <View key={n.id} className="card notice" data-notice={n.id}>
              <Text className="ticket-card__title">{n.title}</Text>
              <View className="muted">{formatTime(n.publishedAt)} 公示</View>
              <View className="notice__body">{n.body}</View>
            </View>
          ))}
        </View>
      )}
    </Screen>
  );
}
