import { Text, View } from '@tarojs/components';
import { ESCALATION_LEVEL_LABELS, TICKET_STATUS_LABELS, type EscalationLevel, type TicketStatus } from '@red-butler/domain';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { Category, Compound, ListQuery, OverdueLeg, TicketSummary } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { supervisionApi } from '../../../api/supervision.api';
import { ticketsApi } from '../../../api/tickets.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { TicketCard } from '../../../components/ticket-card/ticket-card';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { elapsed } from '../../../lib/format.util';
import { percent, ticketStats } from '../../components/ticket-stats.util';

const PERIODS = [
  { key: 7, label: '近7天' },
  { key: 30, label: '近30天' },
  { key: 0, label: '全部' },
];
const STATUS_FILTERS: Array<{ key: string; label: string; status?: TicketStatus[] }> = [
  { key: 'all', label: '全部状态' },
  { key: 'open', label: '办理中', status: ['submitted', 'dispatched', 'accepted'] },
  { key: 'submitted', label: TICKET_STATUS_LABELS.submitted, status: ['submitted'] },
  { key: 'resolved', label: TICKET_STATUS_LABELS.resolved, status: ['resolved'] },
  { key: 'closed', label: TICKET_STATUS_LABELS.closed, status: ['closed'] },
];
const MAX_TICKETS = 1000;
const SHOWN = 30;

function startOf(days: number): Date | null {
  if (!days) return null;
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return new Date(d.getTime() - (days - 1) * 86400000);
}

/**
 * The tickets in the caller's scope, filtered, with the figures the list itself supports. The SLA
 * figures (按时办结率, 超期量) and rankings come with the reports API of the deadline engine.
 */
export default function DashboardPage() {
  const me = useSignedIn();
  const [period, setPeriod] = useState(30);
  const [statusKey, setStatusKey] = useState('all');
  const [communityId, setCommunityId] = useState<number>(0);
  const [categoryId, setCategoryId] = useState<number>(0);
  const [compounds, setCompounds] = useState<Compound[]>([]);
  const [categories, setCategories] = useState<Category[]>([]);
  const [tickets, setTickets] = useState<TicketSummary[] | null>(null);
  const [truncated, setTruncated] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [overdue, setOverdue] = useState<OverdueLeg[] | null>(null);
  const since = useMemo(() => startOf(period), [period]);

  useEffect(() => {
    if (!me) return;
    Promise.all([orgApi.compounds(), orgApi.categories()]).then(([c, k]) => (setCompounds(c), setCategories(k)), (e) => setProblem(errorText(e)));
  }, [me]);

  const load = useCallback(async () => {
    const query: ListQuery = {
      status: STATUS_FILTERS.find((f) => f.key === statusKey)?.status,
      communityId: communityId || undefined,
      categoryId: categoryId || undefined,
      limit: 100,
    };
    setTickets(null);
    try {
      const all: TicketSummary[] = [];
      let cursor: number | undefined;
      let more = true;
      // Newest first: stop once a page reaches past the start of the period.
      while (more && all.length < MAX_TICKETS) {
        const page = await ticketsApi.list({ ...query, cursor });
        all.push(...page.items);
        cursor = page.nextCursor ?? undefined;
        const oldest = page.items[page.items.length - 1];
        more = !!cursor && !(since && oldest && new Date(oldest.createdAt) < since);
      }
      setTruncated(more);
      setTickets(since ? all.filter((t) => new Date(t.createdAt) >= since) : all);
      setProblem(null);
      // The deadline engine's board: what is past due right now (not a count over the period).
      setOverdue(await supervisionApi.overdue().catch(() => null));
    } catch (error) {
      setProblem(errorText(error));
    }
  }, [statusKey, communityId, categoryId, since]);

  useEffect(() => {
    if (me) void load();
  }, [me, load]);
  usePullDownRefresh(() => void load().finally(() => Taro.stopPullDownRefresh()));

  const communities = useMemo(() => {
    const seen = new Map<number, string>();
    compounds.forEach((c) => seen.set(c.communityId, c.communityName));
    return [{ value: 0, label: '全部社区' }, ...[...seen.entries()].map(([value, label]) => ({ value, label }))];
  }, [compounds]);
  const stats = useMemo(() => (tickets ? ticketStats(tickets, since) : null), [tickets, since]);
  const communityName = communities.find((c) => c.value === communityId && communityId)?.label;
  const overdueShown = useMemo(
    () => overdue?.filter((o) => (!communityName || o.community === communityName) && (!categoryId || o.category === categories.find((c) => c.id === categoryId)?.name)) ?? null,
    [overdue, communityName, categoryId, categories],
  );
  const peak = stats ? Math.max(1, ...stats.byDay.map((d) => d.count)) : 1;

  return (
    <Screen className="dashboard">
      <View className="chips">
        {PERIODS.map((p) => (
          <Text key={p.key} className={`chip-option ${period === p.key ? 'chip-option--on' : ''}`} onClick={() => setPeriod(p.key)}>{p.label}</Text>
        ))}
      </View>
      <View className="chips">
        {STATUS_FILTERS.map((f) => (
          <Text key={f.key} className={`chip-option ${statusKey === f.key ? 'chip-option--on' : ''}`} onClick={() => setStatusKey(f.key)}>{f.label}</Text>
        ))}
      </View>
      <View className="card">
        <SelectField label="范围" options={communities} value={communityId} onChange={setCommunityId} testId="community-select" />
        <SelectField label="分类" options={[{ value: 0, label: '全部分类' }, ...categories.map((c) => ({ value: c.id, label: c.name }))]} value={categoryId} onChange={setCategoryId} testId="category-select" />
      </View>
      {problem && <View className="error-text">{problem}</View>}
      {!tickets && !problem && <View className="empty">统计中…</View>}
      {stats && (
        <View className="kpis" data-testid="kpis">
          <View className="kpi"><Text className="kpi__value">{stats.received}</Text><Text className="kpi__label">受理量</Text></View>
          <View className="kpi"><Text className="kpi__value">{stats.closed}</Text><Text className="kpi__label">已办结</Text></View>
          <View className="kpi"><Text className="kpi__value">{stats.open}</Text><Text className="kpi__label">办理中</Text></View>
          <View className="kpi"><Text className="kpi__value">{percent(stats.satisfaction)}</Text><Text className="kpi__label">满意率（{stats.rated}人评价）</Text></View>
          {overdueShown && <View className="kpi"><Text className="kpi__value">{overdueShown.length}</Text><Text className="kpi__label">当前超期环节</Text></View>}
        </View>
      )}
      {overdueShown && overdueShown.length > 0 && (
        <View className="card" data-testid="overdue">
          <View className="section-title">超期督办</View>
          {overdueShown.slice(0, 20).map((o) => (
            <View key={`${o.ticketId}-${o.leg}`} className="overdue" onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${o.ticketId}` })}>
              <View className="overdue__head">
                <Text className="overdue__title">{o.category} · {o.legLabel}超期</Text>
                <Text className="tag tag--emergency">超{elapsed(o.dueAt) ?? '1分钟'}</Text>
              </View>
              <Text className="muted">{o.no} · {o.compound} · 责任：{o.holder}{o.escalatedTo ? ` · ${ESCALATION_LEVEL_LABELS[o.escalatedTo as EscalationLevel] ?? o.escalatedTo}` : ''}</Text>
            </View>
          ))}
        </View>
      )}
      {truncated && <View className="hint">工单较多，仅统计最近 {MAX_TICKETS} 件</View>}
      {stats && stats.byDay.length > 1 && (
        <View className="card">
          <View className="section-title">每日受理量</View>
          <View className="bars">
            {stats.byDay.map((d) => (
              <View className="bars__col" key={d.day}>
                <View className="bars__bar" style={{ height: `${(d.count / peak) * 100}%` }} />
              </View>
            ))}
          </View>
          <View className="bars__axis"><Text>{stats.byDay[0].day.slice(5)}</Text><Text>{stats.byDay[stats.byDay.length - 1].day.slice(5)}</Text></View>
        </View>
      )}
      {stats && stats.byHandler.length > 0 && (
        <View className="card">
          <View className="section-title">处理单位（按当前处理单位）</View>
          <View className="table">
            <View className="table__row table__row--head"><Text>单位</Text><Text>件数</Text><Text>已办结</Text><Text>满意率</Text></View>
            {stats.byHandler.map((h) => (
              <View className="table__row" key={h.name}><Text>{h.name}</Text><Text>{h.count}</Text><Text>{h.closed}</Text><Text>{percent(h.satisfaction)}</Text></View>
            ))}
          </View>
        </View>
      )}
      {tickets?.slice(0, SHOWN).map((t) => <TicketCard key={t.id} ticket={t} />)}
      {tickets && tickets.length > SHOWN && <View className="muted center">另有 {tickets.length - SHOWN} 件，请用筛选缩小范围</View>}
      {tickets && tickets.length === 0 && <EmptyState text="没有符合条件的工单" />}
    </Screen>
  );
}
