import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@red-butler/domain';
import Taro from '@tarojs/taro';
import { useMemo, useState } from 'react';
import type { FollowedTicket } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { EmptyState } from '../../components/empty-state/empty-state';
import { Screen } from '../../components/screen/screen';
import { StatusChip } from '../../components/status-chip/status-chip';
import { TicketCard } from '../../components/ticket-card/ticket-card';
import { TicketFilterBar, type TicketFilter } from '../../components/ticket-filter-bar/ticket-filter-bar';
import { useCategories } from '../../hooks/use-categories.hook';
import { useSignedIn } from '../../hooks/use-me.hook';
import { usePagedList } from '../../hooks/use-paged-list.hook';
import { useTicketList } from '../../hooks/use-ticket-list.hook';
import { ago } from '../../lib/format.util';

const FILTERS: Array<{ key: string; label: string; status?: TicketStatus[] }> = [
  { key: 'all', label: '全部' },
  { key: 'open', label: '办理中', status: ['submitted', 'dispatched', 'accepted'] },
  { key: 'resolved', label: TICKET_STATUS_LABELS.resolved, status: ['resolved'] },
  { key: 'closed', label: TICKET_STATUS_LABELS.closed, status: ['closed'] },
  { key: 'other', label: '已撤销/不受理', status: ['cancelled', 'rejected', 'merged'] },
];

type Tab = 'mine' | 'following';

/** 我关注的: tickets followed with 也遇到了, in their public shape (the full detail is the reporter's). */
function FollowedCard({ ticket }: { ticket: FollowedTicket }) {
  return (
    <View className="card ticket-card" data-followed-id={ticket.id} onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${ticket.id}` })}>
      <View className="ticket-card__head">
        <Text className="ticket-card__title">{ticket.category.name}</Text>
        <StatusChip status={ticket.status} />
      </View>
      <View className="ticket-card__desc">{ticket.summary}</View>
      <View className="ticket-card__meta">
        <Text>{ticket.followerCount} 人也遇到了</Text>
        <Text>{ago(ticket.createdAt)}</Text>
      </View>
    </View>
  );
}

/** A resident's (or grid worker's) own reports with search, and the tickets they follow; both scroll on. */
export default function MyTicketsPage() {
  const me = useSignedIn();
  const [tab, setTab] = useState<Tab>('mine');
  const [filter, setFilter] = useState('all');
  const [search, setSearch] = useState<TicketFilter>({});
  const categories = useCategories(!!me);
  const status = FILTERS.find((f) => f.key === filter)?.status;
  const query = useMemo(() => (me && tab === 'mine' ? { ...search, status } : null), [me, tab, status, search]);
  const list = useTicketList(query);
  const followed = usePagedList<FollowedTicket>(`following:${tab}`, me && tab === 'following' ? (cursor) => ticketsApi.following(cursor) : null);
  return (
    <Screen>
      <View className="tabs">
        <Text className={`tabs__item ${tab === 'mine' ? 'tabs__item--on' : ''}`} onClick={() => setTab('mine')} data-tab="mine">我报的</Text>
        <Text className={`tabs__item ${tab === 'following' ? 'tabs__item--on' : ''}`} onClick={() => setTab('following')} data-tab="following">我关注的</Text>
      </View>
      {tab === 'mine' ? (
        <>
          <TicketFilterBar value={search} onChange={setSearch} categories={categories} />
          <View className="chips chips--sticky">
            {FILTERS.map((f) => (
              <Text key={f.key} className={`chip-option ${filter === f.key ? 'chip-option--on' : ''}`} onClick={() => setFilter(f.key)} data-filter={f.key}>
                {f.label}
              </Text>
            ))}
          </View>
          {list.error && <View className="error-text">{list.error}</View>}
          {list.items.map((t) => (
            <TicketCard key={t.id} ticket={t} />
          ))}
          {list.loaded && list.items.length === 0 && <EmptyState text={Object.keys(search).length ? '没有符合条件的工单' : '还没有工单'} />}
          {list.hasMore && <View className="muted center" onClick={() => void list.more()}>加载更多</View>}
        </>
      ) : (
        <>
          {followed.error && <View className="error-text">{followed.error}</View>}
          {followed.items.map((t) => (
            <FollowedCard key={t.id} ticket={t} />
          ))}
          {followed.loaded && followed.items.length === 0 && <EmptyState text="还没有关注的工单：报事时点“也遇到了”即可关注邻居的工单" />}
          {followed.hasMore && <View className="muted center" onClick={() => void followed.more()}>加载更多</View>}
        </>
      )}
    </Screen>
  );
}
