import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { TicketSummary } from '../../../api/api.types';
import { ticketsApi } from '../../../api/tickets.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { TicketCard } from '../../../components/ticket-card/ticket-card';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useNow } from '../../../hooks/use-now.hook';
import { useScreenData } from '../../../hooks/use-screen-data.hook';
import { countdown } from '../../../lib/countdown.util';
import { elapsed } from '../../../lib/format.util';

/** `sort=due` answers one page (no cursor), at most the API's maximum `limit`. */
const LIMIT = 100;

const waiting = (iso: string) => {
  const span = elapsed(iso);
  return span ? `已等待${span}` : '刚刚提交';
};

/**
 * 待派单, the soonest dispatch deadline first (tickets without one last, oldest first), each with a
 * countdown that refreshes every 30 s while the page is on screen.
 */
export default function QueuePage() {
  const me = useSignedIn();
  const now = useNow();
  const { data, problem } = useScreenData(() => ticketsApi.list({ status: ['submitted'], sort: 'due', limit: LIMIT }), !!me);
  const items: TicketSummary[] | null = data?.items ?? null;

  // A full page may not be all of them: the API does not say whether more are waiting.
  const full = !!items && items.length >= LIMIT;
  return (
    <Screen>
      <View className="page-head">
        待派单 {items ? `${items.length}${full ? '+' : ''} 件` : ''}
        <View className="muted">按派单时限先后排列 · <Text className="link" onClick={() => void Taro.navigateTo({ url: '/staff/pages/plan-map/index' })}>平面图看板</Text></View>
      </View>
      {problem && <View className="error-text">{problem}</View>}
      {full && <View className="hint">仅显示时限最近的 {LIMIT} 件</View>}
      {items?.map((t) => (
        <TicketCard
          key={t.id}
          ticket={t}
          extra={`${waiting(t.createdAt)}${t.returnCount ? ` · 被退回${t.returnCount}次` : ''}`}
          countdown={countdown(t.dueAt, now, t.overdue)}
        />
      ))}
      {items && items.length === 0 && <EmptyState text="没有待派单的工单" />}
    </Screen>
  );
}
