import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@red-butler/domain';
import Taro, { useDidShow } from '@tarojs/taro';
import { useMemo, useRef, useState } from 'react';
import type { ListQuery } from '../../../api/api.types';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { TicketCard } from '../../../components/ticket-card/ticket-card';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { useNow } from '../../../hooks/use-now.hook';
import { TicketFilterBar, type TicketFilter } from '../../../components/ticket-filter-bar/ticket-filter-bar';
import { useCategories } from '../../../hooks/use-categories.hook';
import { useTicketList } from '../../../hooks/use-ticket-list.hook';
import { countdown } from '../../../lib/countdown.util';

/**
 * `due`: the holder's own clock runs (接单, then 办结), so the tab is ordered by deadline with a
 * countdown. 已办结待评价 has no clock of the holder's: newest first. Both scroll on page by page.
 */
const TABS: Array<{ key: TicketStatus; label: string; due: boolean }> = [
  { key: 'dispatched', label: TICKET_STATUS_LABELS.dispatched, due: true },
  { key: 'accepted', label: TICKET_STATUS_LABELS.accepted, due: true },
  { key: 'resolved', label: '已办结待评价', due: false },
];

/** What the company or department holds now (the API scopes the list to the caller). */
export default function InboxPage() {
  const me = useSignedIn();
  const now = useNow();
  const [picked, setTab] = useState<TicketStatus | null>(null);
  // A worker accepts nothing (the manager does): its work starts at 处理中, the tickets assigned to it.
  const tab = picked ?? (me?.roles.every((r) => r === 'property_worker') ? 'accepted' : 'dispatched');
  const due = TABS.find((t) => t.key === tab)?.due ?? false;
  const [filter, setFilter] = useState<TicketFilter>({});
  const categories = useCategories(!!me);
  const query = useMemo<ListQuery | null>(() => (me ? { ...filter, status: [tab], sort: due ? 'due' : undefined } : null), [me, tab, due, filter]);
  const list = useTicketList(query);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void list.refresh();
    shown.current = true;
  });
  return (
    <Screen>
      <View className="tabs">
        {TABS.map((t) => (
          <Text key={t.key} className={`tabs__item ${tab === t.key ? 'tabs__item--on' : ''}`} onClick={() => setTab(t.key)} data-tab={t.key}>
            {t.label}
          </Text>
        ))}
      </View>
      {me?.roles.includes('property_manager') && (
        <View className="muted center">
          <Text className="link" onClick={() => void Taro.navigateTo({ url: '/staff/pages/plan-map/index' })}>在小区平面图上查看</Text>
        </View>
      )}
      <TicketFilterBar value={filter} onChange={setFilter} categories={categories} staff />
      {list.error && <View className="error-text">{list.error}</View>}
      {list.items.map((t) => (
        <TicketCard
          key={t.id}
          ticket={t}
          extra={t.assignee ? `处理人：${t.assignee.displayName}` : undefined}
          countdown={due ? countdown(t.dueAt, now, t.overdue) : null}
        />
      ))}
      {list.loaded && list.items.length === 0 && <EmptyState text="暂无工单" />}
      {list.hasMore && <View className="muted center" onClick={() => void list.more()}>加载更多</View>}
    </Screen>
  );
}
