import { Picker, Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorText } from '../../../api/api-error';
import type { Compound, OverdueReport, SlaReport } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { exportPath, reportsApi } from '../../../api/reports.api';
import { EmptyState } from '../../../components/empty-state/empty-state';
import { Screen } from '../../../components/screen/screen';
import { SelectField } from '../../../components/select-field/select-field';
import { useSignedIn } from '../../../hooks/use-me.hook';
import { ExportButtons } from '../../components/export-buttons';
import { QuarterBoard } from '../../components/quarter-board';
import { exportFilename } from '../../components/quarter-board.util';
import { ticketsApi } from '../../../api/tickets.api';
import {
  companyRanking, DEFAULT_PERIOD, INTERVAL_LABELS, intervalFor, kpiCards, latestNonEmptyMonth, MIN_RANKING_SAMPLE, percent, PERIODS, periodProblem,
  periodRange, scopeOptions, shanghaiToday, superviseItems, trendBars, type PeriodKey,
} from '../../components/sla-dashboard.util';

const OVERDUE_SHOWN = 20;
/** The "n/d" under a rate, on a line of its own. */
const BASIS = { display: 'block', fontSize: '0.85em' };

interface Loaded {
  trend: SlaReport;
  ranking: SlaReport;
  overdue: OverdueReport;
}

/**
 * 督办看板: the SLA figures of the reports API over a period and a scope — KPI cards from the
 * totals, 受理量/办结量 per bucket, the property companies ranked, and what is past due now.
 */
export default function DashboardPage() {
  const me = useSignedIn();
  const today = useMemo(() => shanghaiToday(), []);
  const [periodKey, setPeriodKey] = useState<PeriodKey>(DEFAULT_PERIOD);
  const [custom, setCustom] = useState(() => periodRange(DEFAULT_PERIOD, today));
  const [scopeId, setScopeId] = useState(0);
  const [compounds, setCompounds] = useState<Compound[]>([]);
  const [data, setData] = useState<Loaded | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);
  const latest = useRef(0);
  /** Until the supervisor picks a period, an empty 近30天 gives way to the latest month with tickets. */
  const picked = useRef(false);
  const [fallbackNote, setFallbackNote] = useState<string | null>(null);
  const [supervised, setSupervised] = useState<Record<number, string>>({});
  const pickPeriod = (key: PeriodKey) => {
    picked.current = true;
    setFallbackNote(null);
    setPeriodKey(key);
  };

  const { from, to } = periodKey === 'custom' ? custom : periodRange(periodKey, today);
  const invalid = periodKey === 'custom' ? periodProblem(from, to) : null;
  const interval = intervalFor(from, to);

  useEffect(() => {
    // The streets and communities to offer as scopes; without them the caller's own scope still works.
    if (me) orgApi.compounds().then(setCompounds, () => undefined);
  }, [me]);

  const load = useCallback(async () => {
    if (invalid) return;
    const ticket = ++latest.current;
    const scope = scopeId || undefined;
    setData(null);
    setProblem(null);
    try {
      const [trend, ranking, overdue] = await Promise.all([
        reportsApi.sla({ from, to, interval, scopeId: scope }),
        reportsApi.sla({ from, to, groupBy: 'company', scopeId: scope }),
        reportsApi.overdue({ scopeId: scope, limit: OVERDUE_SHOWN }),
      ]);
      if (ticket === latest.current) setData({ trend, ranking, overdue });
    } catch (error) {
      if (ticket === latest.current) setProblem(errorText(error));
    }
  }, [from, to, interval, scopeId, invalid]);

  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  useEffect(() => {
    if (!data || picked.current || periodKey !== DEFAULT_PERIOD || data.trend.totals.received > 0) return;
    picked.current = true;
    // The API's longest period: a year back from today, by month.
    const year = { from: new Date(Date.parse(`${today}T00:00:00Z`) - 365 * 86_400_000).toISOString().slice(0, 10), to: today };
    reportsApi.sla({ ...year, interval: 'month', scopeId: scopeId || undefined }).then((months) => {
      const range = latestNonEmptyMonth(months, today);
      if (!range) return;
      setCustom(range);
      setPeriodKey('custom');
      setFallbackNote(`近30天无受理，已显示最近有数据的 ${range.from.slice(0, 7)}`);
    }, () => undefined);
  }, [data, periodKey, today, scopeId]);

  const supervise = async (ticketId: number) => {
    try {
      await ticketsApi.supervise(ticketId);
      setSupervised((s) => ({ ...s, [ticketId]: '已督办' }));
      void Taro.showToast({ title: '已督办，已通知责任人', icon: 'none' });
    } catch (error) {
      setSupervised((s) => ({ ...s, [ticketId]: errorText(error) }));
    }
  };
  usePullDownRefresh(() => {
    setReloads((n) => n + 1);
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const scopes = useMemo(() => (me ? scopeOptions(me, compounds) : [{ value: 0, label: '本辖区' }]), [me, compounds]);
  const kpis = data ? kpiCards(data.trend.totals) : null;
  const trend = data ? trendBars(data.trend) : null;
  const ranking = data ? companyRanking(data.ranking) : null;
  const explain = (key: keyof SlaReport['definitions']) => {
    const text = data?.trend.definitions[key]?.zh;
    if (text) void Taro.showModal({ title: '口径', content: text, showCancel: false });
  };

  return (
    <Screen className="dashboard">
      <View className="chips">
        {PERIODS.map((p) => (
          <Text key={p.key} data-period={p.key} className={`chip-option ${periodKey === p.key ? 'chip-option--on' : ''}`} onClick={() => pickPeriod(p.key)}>{p.label}</Text>
        ))}
      </View>
      {periodKey === 'custom' && (
        <View className="card period">
          <Picker mode="date" value={custom.from} end={today} onChange={(e) => setCustom({ ...custom, from: String(e.detail.value) })} data-testid="period-from">
            <View className="period__date">{custom.from}</View>
          </Picker>
          <Text className="muted">至</Text>
          <Picker mode="date" value={custom.to} end={today} onChange={(e) => setCustom({ ...custom, to: String(e.detail.value) })} data-testid="period-to">
            <View className="period__date">{custom.to}</View>
          </Picker>
        </View>
      )}
      <View className="card">
        <SelectField label="范围" options={scopes} value={scopeId} onChange={setScopeId} testId="scope-select" />
      </View>
      {invalid && <View className="error-text">{invalid}</View>}
      {problem && <View className="error-text">{problem}</View>}
      {!data && !problem && !invalid && <View className="empty">统计中…</View>}
      {data && (
        <View className="muted dashboard__caption" data-testid="caption">
          {data.trend.scope.name} · {data.trend.period.from} 至 {data.trend.period.to}
        </View>
      )}
      {fallbackNote && <View className="hint" data-testid="period-fallback">{fallbackNote}</View>}
      {data && (
        <View className="card" data-testid="overdue">
          <View className="section-title">超期督办（超期 {data.overdue.total} 项 · 预警 {data.overdue.warnedTotal} 项）</View>
          {superviseItems(data.overdue).length === 0 && <EmptyState text="当前没有超期或预警的环节" />}
          {superviseItems(data.overdue).map((o) => (
            <View key={o.key} className="overdue" data-supervise-kind={o.kind} data-ticket={o.ticketId} onClick={() => void Taro.navigateTo({ url: `/pages/ticket/index?id=${o.ticketId}` })}>
              <View className="overdue__head">
                <Text className="overdue__title">{o.title}</Text>
                <Text className={`tag ${o.kind === 'overdue' ? 'tag--emergency' : 'tag--urgent'}`}>{o.badge}</Text>
              </View>
              <Text className="muted">{o.detail}</Text>
              {me?.roles.includes('supervisor') && (
                <Text
                  className="overdue__action"
                  data-testid={`supervise-${o.ticketId}`}
                  onClick={(e) => {
                    e.stopPropagation();
                    if (!supervised[o.ticketId]) void supervise(o.ticketId);
                  }}
                >
                  {supervised[o.ticketId] ?? '督办'}
                </Text>
              )}
            </View>
          ))}
          {data.overdue.total > data.overdue.items.length && (
            <View className="muted center">另有 {data.overdue.total - data.overdue.items.length} 项超期，请缩小范围查看</View>
          )}
        </View>
      )}
      {kpis && (
        <View className="kpis" data-testid="kpis">
          {kpis.map((k) => (
            <View key={k.key} className="kpi" data-kpi={k.key} onClick={() => explain(k.key)}>
              <Text className="kpi__value">{k.value}</Text>
              <Text className="kpi__label">{k.label}</Text>
              <Text className="kpi__note">{k.note}</Text>
              <Text className="kpi__caption muted" data-testid={`caption-${k.key}`}>{k.caption}</Text>
            </View>
          ))}
        </View>
      )}
      {trend && (
        <View className="card" data-testid="trend">
          <View className="section-title">受理量与办结量（{INTERVAL_LABELS[interval]}）</View>
          <View className="legend">
            <Text className="legend__item legend__item--received">受理量</Text>
            <Text className="legend__item legend__item--resolved">办结量</Text>
          </View>
          <View className="bars">
            {trend.bars.map((b) => (
              <View className="bars__col bars__col--pair" key={b.bucket} data-bucket={b.bucket}>
                <View className="bars__bar" style={{ height: `${(b.received / trend.peak) * 100}%` }} />
                <View className="bars__bar bars__bar--resolved" style={{ height: `${(b.resolved / trend.peak) * 100}%` }} />
              </View>
            ))}
          </View>
          {trend.bars.length > 0 && (
            <View className="bars__axis">
              <Text>{trend.bars[0].bucket.slice(5)}</Text>
              <Text>峰值 {trend.peak}</Text>
              <Text>{trend.bars[trend.bars.length - 1].bucket.slice(5)}</Text>
            </View>
          )}
        </View>
      )}
      {ranking && (
        <View className="card" data-testid="ranking">
          <View className="section-title">物业公司排名（按时办结率）</View>
          {ranking.length === 0 ? (
            <View className="muted">范围内没有物业公司</View>
          ) : (
            <View className="table">
              <View className="table__row table__row--head"><Text>公司</Text><Text>受理量</Text><Text>按时办结率</Text><Text>满意率</Text></View>
              {ranking.map((c) => (
                <View className="table__row" key={c.id ?? c.name} data-company={c.id} data-rank={c.rank ?? 'none'}>
                  <Text>{c.rank ? `${c.rank}. ` : ''}{c.name}{c.insufficientSample && c.received > 0 ? <Text className="muted" style={BASIS}>样本不足</Text> : null}</Text>
                  <Text>{c.received}</Text>
                  <Text data-rate="onTime">{percent(c.onTimeResolutionRate)}{c.onTimeBasis && <Text className="muted" style={BASIS}>{c.onTimeBasis}</Text>}</Text>
                  <Text data-rate="satisfaction">{percent(c.satisfactionRate)}{c.satisfactionBasis && <Text className="muted" style={BASIS}>{c.satisfactionBasis}</Text>}</Text>
                </View>
              ))}
            </View>
          )}
          <View className="muted dashboard__note">应办少于 {MIN_RANKING_SAMPLE} 件为“样本不足”，列出但不排名（与季度星级评定同一规则）。按时办结率相同再比满意率。比率下为“达标/应计”件数：按期内的办结与评价计，可含期前受理的工单；无可计者、本期无受理者为“—”，排在最后。季度星级见下方评定。</View>
          <ExportButtons
            testId="sla-export"
            path={(format) => exportPath('sla', { from, to, groupBy: 'company', scopeId: scopeId || undefined, format })}
            filename={(format) => exportFilename('SLA报表', data?.ranking.scope.name ?? '本辖区', `${from}_${to}`, format)}
          />
        </View>
      )}
      {me && <QuarterBoard today={today} scopeId={scopeId || undefined} reloadKey={reloads} />}
    </Screen>
  );
}
