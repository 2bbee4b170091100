import { Text, View } from '@tarojs/components';
import { TICKET_STATUS_LABELS, type TicketStatus } from '@red-butler/domain';
import { useMemo, useState } from 'react';
import { EmptyState } from '../../components/empty-state/empty-state';
import { Screen } from '../../components/screen/screen';
import { TicketCard } from '../../components/ticket-card/ticket-card';
import { useSignedIn } from '../../hooks/use-me.hook';
import { useTicketList } from '../../hooks/use-ticket-list.hook';

const FILTERS: Array<{ key: string; label: string; status?: TicketStatus[] }> = [
  { key: 'all', label: '全部' },
  { key: 'open', label: '办理中', status: ['submitted', 'dispatched', 'accepted'] },
  { key: 'resolved', label: TICKET_STATUS_LABELS.resolved, status: ['resolved'] },
  { key: 'closed', label: TICKET_STATUS_LABELS.closed, status: ['closed'] },
  { key: 'other', label: '已撤销/不受理', status: ['cancelled', 'rejected', 'merged'] },
];

/** A resident's (or grid worker's) own reports; pull down to refresh. */
export default function MyTicketsPage() {
  const me = useSignedIn();
  const [filter, setFilter] = useState('all');
  const status = FILTERS.find((f) => f.key === filter)?.status;
  const query = useMemo(() => (me ? { status } : null), [me, status]);
  const list = useTicketList(query);
  return (
    <Screen>
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
      {list.loaded && list.items.length === 0 && <EmptyState text="还没有工单" />}
      {list.hasMore && <View className="muted center" onClick={() => void list.more()}>加载更多</View>}
    </Screen>
  );
}
