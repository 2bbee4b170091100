import { ESCALATION_LEVEL_LABELS, RANKING_FORMULA, SHANGHAI_UTC_OFFSET_MS, ladderFor, type Role } from '@red-butler/domain';
import type { Compound, Me, OverdueItem, OverdueReport, ReportInterval, SlaFigures, SlaReport, WarnedItem } from '../../api/api.types';
import type { Option } from '../../components/select-field/select-field';

// What the supervisor dashboard shows, mapped from GET /api/reports/sla and /api/reports/overdue.

export type PeriodKey = 'last30' | 'week' | 'month' | 'quarter' | 'custom';
export const PERIODS: Array<{ key: PeriodKey; label: string }> = [
  { key: 'last30', label: '近30天' },
  { key: 'week', label: '本周' },
  { key: 'month', label: '本月' },
  { key: 'quarter', label: '本季度' },
  { key: 'custom', label: '自定义' },
];

/** The API's longest period (reports/report-period.util.ts MAX_REPORT_DAYS). */
export const MAX_REPORT_DAYS = 366;

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Today as the reports count days: a Shanghai calendar date, whatever the phone's time zone. */
export function shanghaiToday(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

/** Days in [from, to], both ends counted. */
export const periodDays = (from: string, to: string) => dayNumber(to) - dayNumber(from) + 1;

/**
 * The board opens on 近30天 (30 days, today included): a rolling window is never empty on the 1st
 * of a month or a quarter, as 本月 and 本季度 would be. 本周 from Monday, 本月 from the 1st, 本季度
 * from the quarter's first day; each up to today.
 */
export const DEFAULT_PERIOD = 'last30' satisfies PeriodKey;
const ROLLING_DAYS = 30;

export function periodRange(key: Exclude<PeriodKey, 'custom'>, today: string): { from: string; to: string } {
  const [y, m] = today.split('-').map(Number);
  switch (key) {
    case 'last30':
      return { from: isoOf(dayNumber(today) - (ROLLING_DAYS - 1)), to: today };
    case 'week': {
      const day = dayNumber(today);
      // 1970-01-01 was a Thursday: (day + 3) % 7 is 0 on Mondays.
      return { from: isoOf(day - ((day + 3) % 7)), to: today };
    }
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'quarter':
      return { from: `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`, to: today };
  }
}

/** Why a custom period cannot be asked for; null when it can. */
export function periodProblem(from: string, to: string): string | null {
  if (!from || !to) return '请选择起止日期';
  if (to < from) return '结束日期不能早于开始日期';
  if (periodDays(from, to) > MAX_REPORT_DAYS) return `时间段最长 ${MAX_REPORT_DAYS} 天`;
  return null;
}

/** Bars per day up to a month, per week up to half a year, per month beyond. */
export function intervalFor(from: string, to: string): ReportInterval {
  const days = periodDays(from, to);
  return days <= 31 ? 'day' : days <= 186 ? 'week' : 'month';
}

export const INTERVAL_LABELS: Record<ReportInterval, string> = { day: '按日', week: '按周', month: '按月' };

/** A 0–1 rate as a percentage with one decimal; "—" when there was nothing to measure. */
export function percent(rate: number | null | undefined): string {
  if (rate === null || rate === undefined) return '—';
  // Rates come with 4 decimals: round on the integer of basis points, not on a binary fraction.
  return `${(Math.round(Math.round(rate * 10_000) / 10) / 10).toFixed(1)}%`;
}

export interface KpiCard {
  key: keyof SlaFigures;
  label: string;
  value: string;
  note: string;
  /** Numerator and denominator in words: why 受理量 and 应办 differ. */
  caption: string;
}

/** The four headline figures, from the report's totals. */
export function kpiCards(t: SlaFigures): KpiCard[] {
  const due = t.resolveClosed + t.resolveWithdrawnLate + t.openPastDue;
  return [
    { key: 'received', label: '受理量', value: String(t.received), note: `办结 ${t.resolved}`, caption: '受理量 = 本期新收；办结 = 本期办结（含期前受理的）' },
    {
      key: 'onTimeResolutionRate', label: '按时办结率', value: percent(t.onTimeResolutionRate), note: `按时 ${t.resolvedOnTime} / 应办 ${due}`,
      caption: '按时办结率 = 按时办结 ÷ 本期到期应办（本期办结的 + 到期未办的，不论何时受理）',
    },
    { key: 'satisfactionRate', label: '满意率', value: percent(t.satisfactionRate), note: `${t.answered} 人评价`, caption: '满意率 =（满意 + 基本满意）÷ 本期参评' },
    { key: 'overdue', label: '超期量', value: String(t.overdue), note: `其中未办 ${t.overdueOpen}`, caption: '超期量 = 超期未办 + 逾期办结' },
  ];
}

export interface TrendBar {
  bucket: string;
  received: number;
  resolved: number;
}

/** 受理量 and 办结量 per bucket (a report without groupBy has one row per bucket), and the tallest bar. */
export function trendBars(report: Pick<SlaReport, 'rows'>): { bars: TrendBar[]; peak: number } {
  const bars = report.rows
    .map((r) => ({ bucket: r.bucket, received: r.received, resolved: r.resolved }))
    .sort((a, b) => a.bucket.localeCompare(b.bucket));
  return { bars, peak: Math.max(1, ...bars.map((b) => Math.max(b.received, b.resolved))) };
}

export interface RankedCompany {
  /** 1, 2, …; null: 样本不足 (or nothing received), not ranked. */
  rank: number | null;
  insufficientSample: boolean;
  /** 应办: what the on-time rate was measured on, the ranking's sample. */
  sample: number;
  id: number | null;
  name: string;
  received: number;
  onTimeResolutionRate: number | null;
  satisfactionRate: number | null;
  /** What each rate was measured on, "n/d"; empty when nothing was measured (the rate is then null, "—"). */
  onTimeBasis: string;
  satisfactionBasis: string;
}

/**
 * 受理量 counts tickets reported in the period, but the rates count what happened in it: a
 * resolution or a rating in the period of a ticket reported before it. The basis next to a rate
 * shows how many it was measured on.
 */
export function rateBasis(n: number, d: number): string {
  return d === 0 ? '' : `${n}/${d}`;
}

/** Higher first; a rate with nothing measured (null) after every measured one. */
const byRate = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);

/** Shown instead of a basis for a company that received no ticket in the period. */
export const NO_TICKETS_BASIS = '本期无受理';

/**
 * 样本不足: the quarterly 星级评定's minimum (RANKING_FORMULA.minRated, apps/api/src/rankings) applies
 * to every period on the board: a company measured on fewer cases is listed, not ranked, so one with
 * 0 or 3 tickets never leads the board on a lucky 100 %.
 */
export const MIN_RANKING_SAMPLE = RANKING_FORMULA.minRated;

/**
 * 物业公司排名: by 按时办结率, then 满意率, then 受理量 (more work first), then name — among the
 * companies with a sample (应办) of at least MIN_RANKING_SAMPLE. The others follow unranked, largest
 * sample first. A company that received no ticket in the period is not ranked on the stragglers of
 * earlier periods: its rates show "—" (the export and the SLA report keep every figure).
 */
export function companyRanking(report: Pick<SlaReport, 'rows'>): RankedCompany[] {
  const rows = report.rows.map((r) => {
    const idle = r.received === 0;
    const sample = r.resolveClosed + r.resolveWithdrawnLate + r.openPastDue;
    return {
      rank: null as number | null,
      insufficientSample: idle || sample < MIN_RANKING_SAMPLE,
      sample,
      // Grouped by company the id is the company's (only a channel group has a string id).
      id: typeof r.group.id === 'number' ? r.group.id : null,
      name: r.group.name ?? '未知单位',
      received: r.received,
      onTimeResolutionRate: idle ? null : r.onTimeResolutionRate,
      satisfactionRate: idle ? null : r.satisfactionRate,
      onTimeBasis: idle ? NO_TICKETS_BASIS : rateBasis(r.resolvedOnTime, sample),
      satisfactionBasis: idle ? '' : rateBasis(r.satisfied + r.basicallySatisfied, r.answered),
    };
  });
  const ranked = rows
    .filter((r) => !r.insufficientSample)
    .sort(
      (a, b) =>
        byRate(a.onTimeResolutionRate, b.onTimeResolutionRate) ||
        byRate(a.satisfactionRate, b.satisfactionRate) ||
        b.received - a.received ||
        a.name.localeCompare(b.name, 'zh'),
    );
  ranked.forEach((r, i) => (r.rank = i + 1));
  const unranked = rows
    .filter((r) => r.insufficientSample)
    .sort((a, b) => b.sample - a.sample || b.received - a.received || a.name.localeCompare(b.name, 'zh'));
  return [...ranked, ...unranked];
}

/** One line of the 督办 list: past due (超期) or warned (预警, not yet due). */
export interface SuperviseItem {
  key: string;
  ticketId: number;
  no: string;
  kind: 'overdue' | 'warned';
  title: string;
  detail: string;
  /** 超3天 / 还剩2小时 */
  badge: string;
}

/**
 * What the board leads with: everything past due, longest overdue first, then what has been warned
 * and is not yet due, soonest first. Each is a ticket a supervisor can press 督办 on.
 */
export function superviseItems(report: Pick<OverdueReport, 'items' | 'warned'>): SuperviseItem[] {
  const holder = (o: Pick<OverdueItem | WarnedItem, 'holder' | 'community'>) => o.holder.name ?? o.community;
  const overdue = report.items.map((o): SuperviseItem => {
    const level = escalationLabel(o);
    return {
      key: `o-${o.ticketId}-${o.leg}`, ticketId: o.ticketId, no: o.no, kind: 'overdue', title: `${o.category} · ${o.legLabel}超期`,
      detail: `${o.no} · ${o.compound} · 责任：${holder(o)}${o.paused ? ' · 挂起中' : ''}${level ? ` · ${level}` : ''}`, badge: `超${overdueFor(o.overdueMinutes)}`,
    };
  });
  const warned = [...(report.warned ?? [])]
    .sort((a, b) => a.dueInMinutes - b.dueInMinutes)
    .map((w): SuperviseItem => ({
      key: `w-${w.ticketId}-${w.leg}`, ticketId: w.ticketId, no: w.no, kind: 'warned', title: `${w.category} · ${w.legLabel}预警`,
      detail: `${w.no} · ${w.compound} · 责任：${holder(w)}${w.paused ? ' · 挂起中' : ''}`, badge: `还剩${overdueFor(w.dueInMinutes)}`,
    }));
  return [...overdue, ...warned];
}

/**
 * The board's default when 近30天 received nothing: the latest month with a ticket, from a monthly
 * report over the last year — up to today for the current month. null: nothing in the whole year.
 */
export function latestNonEmptyMonth(report: Pick<SlaReport, 'rows'>, today: string): { from: string; to: string } | null {
  const months = report.rows.filter((r) => r.received > 0).map((r) => r.bucket.slice(0, 7)).sort();
  const month = months[months.length - 1];
  if (!month) return null;
  const [y, m] = month.split('-').map(Number);
  const last = isoOf(dayNumber(`${m === 12 ? y + 1 : y}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1);
  return { from: `${month}-01`, to: last < today ? last : today };
}

const REPORT_ROLES: readonly Role[] = ['supervisor', 'street_staff', 'community_staff', 'admin'];

/**
 * The scopes to choose from: the caller's own (value 0: no scopeId, the API takes the caller's
 * unit), then the streets and communities under it that the compounds list names. Only units
 * below the caller's own are offered: a unit outside it answers 404.
 */
export function scopeOptions(me: Pick<Me, 'roles' | 'scopes'>, compounds: Compound[]): Option<number>[] {
  const isAdmin = me.roles.includes('admin');
  const units = me.scopes.filter((s) => REPORT_ROLES.includes(s.role) && s.orgUnit).map((s) => s.orgUnit!);
  const own = new Set(units.map((u) => u.id));
  const kinds = new Set(units.map((u) => u.kind));
  const ownLabel = isAdmin ? '全部' : units.length === 1 ? `本辖区（${units[0].name}）` : '本辖区';
  const options: Option<number>[] = [{ value: 0, label: ownLabel }];
  const wide = isAdmin || kinds.has('district');
  if (!wide && !kinds.has('street')) return options;
  const streets = new Map<number, string>();
  const communities = new Map<number, { name: string; street: string }>();
  for (const c of compounds) {
    streets.set(c.streetId, c.streetName);
    communities.set(c.communityId, { name: c.communityName, street: c.streetName });
  }
  if (wide) {
    for (const [id, name] of streets) if (!own.has(id)) options.push({ value: id, label: name, hint: '街道' });
  }
  for (const [id, c] of communities) if (!own.has(id)) options.push({ value: id, label: c.name, hint: c.street });
  return options;
}


export function escalationLabel(item: Pick<OverdueItem, 'holder' | 'escalationLevel'>): string | null {
  if (item.escalationLevel <= 0 || item.holder.party === 'resident') return null;
  const level = ladderFor(item.holder.party)[item.escalationLevel - 1];
  return level ? ESCALATION_LEVEL_LABELS[level] : null;
}

/** How long past due, in words: 40分钟, 3小时, 2天. */
export function overdueFor(minutes: number): string {
  if (minutes < 60) return `${Math.max(1, minutes)}分钟`;
  if (minutes < 1440) return `${Math.floor(minutes / 60)}小时`;
  return `${Math.floor(minutes / 1440)}天`;
}
