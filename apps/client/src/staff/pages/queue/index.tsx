import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { ListQuery } from '../../../api/api.types';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { TicketCard } from '../../../components/ticket-card/ticket-card';
import { TicketFilterBar, type TicketFilter } from '../../../components/ticket-filter-bar/ticket-filter-bar';
import { useCategories } from '../../../hooks/use-categories.hook';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useNow } from '../../../hooks/use-now.hook';
import { useTicketList } from '../../../hooks/use-ticket-list.hook';
import { countdown } from '../../../lib/countdown.util';
import { elapsed } from '../../../lib/format.util';

const waiting = (iso: string) => {
  const span = elapsed(iso);
  return span ? `已等待${span}` : '刚刚提交';
};

/**
 * 待派单, the soonest dispatch deadline first (tickets without one last), each with a countdown that
 * refreshes every 30 s; search and filters above, more pages as the list scrolls (keyset by deadline).
 */
export default function QueuePage() {
  const me = useSignedIn();
  const now = useNow();
  const [filter, setFilter] = useState<TicketFilter>({});
  const categories = useCategories(!!me);
  const query = useMemo<ListQuery | null>(() => (me ? { ...filter, status: ['submitted'], sort: 'due' } : null), [me, filter]);
  const list = useTicketList(query);
  return (
    <Screen>
      <View className="page-head">
        待派单
        <View className="muted">按派单时限先后排列 · <Text className="link" onClick={() => void Taro.navigateTo({ url: '/staff/pages/plan-map/index' })}>平面图看板</Text></View>
      </View>
      <TicketFilterBar value={filter} onChange={setFilter} categories={categories} staff />
      {list.error && <View className="error-text">{list.error}</View>}
      {list.items.map((t) => (
        <TicketCard
          key={t.id}
          ticket={t}
          extra={`${waiting(t.createdAt)}${t.returnCount ? ` · 被退回${t.returnCount}次` : ''}`}
          countdown={countdown(t.dueAt, now, t.overdue)}
        />
      ))}
      {list.loaded && list.items.length === 0 && <EmptyState text={Object.keys(filter).length ? '没有符合条件的工单' : '没有待派单的工单'} />}
      {list.hasMore && <View className="muted center" onClick={() => void list.more()}>{list.loading ? '加载中…' : '加载更多'}</View>}
    </Screen>
  );
}
