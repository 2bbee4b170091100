import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { Compound, Me, OverdueReport, SlaFigures, SlaReport, SlaReportQuery } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { reportsApi } from '../../../api/reports.api';
import { session } from '../../../state/session.store';
import {
  companyRanking, escalationLabel, intervalFor, kpiCards, percent, periodDays, periodProblem, periodRange, rateBasis, scopeOptions, shanghaiToday,
} from '../../components/sla-dashboard.util';
import DashboardPage from './index';

jest.mock('../../../api/reports.api', () => ({
  ...jest.requireActual('../../../api/reports.api'),
  reportsApi: { sla: jest.fn(), overdue: jest.fn(), ranking: jest.fn(), lists: jest.fn() },
}));
jest.mock('../../../api/org.api', () => ({ orgApi: { compounds: jest.fn() } }));

const sla = reportsApi.sla as jest.Mock;
const overdue = reportsApi.overdue as jest.Mock;
const compoundsApi = orgApi.compounds as jest.Mock;

const zero: SlaFigures = {
  received: 0, resolved: 0, resolutions: 0, dispatchClosed: 0, dispatchOnTime: 0, timelyDispatchRate: null, dispatchAvgMinutes: null,
  dispatchP90Minutes: null, acceptClosed: 0, acceptOnTime: 0, timelyAcceptRate: null, acceptAvgMinutes: null, acceptP90Minutes: null,
  resolveClosed: 0, resolvedOnTime: 0, resolvedLate: 0, resolveWithdrawnLate: 0, openPastDue: 0, onTimeResolutionRate: null,
  resolveAvgMinutes: null, resolveP90Minutes: null, overdue: 0, overdueOpen: 0, surveysSent: 0, answered: 0, satisfied: 0,
  basicallySatisfied: 0, dissatisfied: 0, unrated: 0, satisfactionRate: null, responseRate: null, reopened: 0, reopenRate: null,
  households: 0, complaints: 0, complaintRate: null,
};
const fig = (over: Partial<SlaFigures>): SlaFigures => ({ ...zero, ...over });
const scope = { id: 1, kind: 'district' as const, name: '金凤区' };
const definitions = Object.fromEntries(Object.keys(zero).map((k) => [k, { zh: `${k} 的口径`, en: k }])) as SlaReport['definitions'];

function report(q: SlaReportQuery, rows: SlaReport['rows'], totals: SlaFigures): SlaReport {
  return { period: { from: q.from, to: q.to }, scope, groupBy: q.groupBy ?? null, interval: q.interval ?? null, definitions, rows, totals };
}

const totals = fig({
  received: 42, resolved: 30, resolveClosed: 28, resolvedOnTime: 25, resolveWithdrawnLate: 1, openPastDue: 2,
  onTimeResolutionRate: 0.8065, answered: 20, satisfactionRate: 0.85, overdue: 7, overdueOpen: 3,
});
const company = (id: number, name: string, over: Partial<SlaFigures>) => ({ group: { id, name }, bucket: '2026-03-01', ...fig(over) });
const companies = [
  company(11, '塞上阳光物业', { received: 10, resolvedOnTime: 27, resolveClosed: 30, onTimeResolutionRate: 0.9, satisfied: 5, basicallySatisfied: 2, answered: 10, satisfactionRate: 0.7 }),
  company(12, '宁夏恒信物业', { received: 8, resolvedOnTime: 27, resolveClosed: 29, openPastDue: 1, onTimeResolutionRate: 0.9, satisfied: 19, answered: 20, satisfactionRate: 0.95 }),
  company(13, '新建物业', { received: 0 }),
  company(14, '金凤物业', { received: 20, resolvedOnTime: 6, resolveClosed: 8, resolveWithdrawnLate: 2, onTimeResolutionRate: 0.6, satisfactionRate: null }),
];
const overdueReport: OverdueReport = {
  scope,
  total: 1,
  warnedTotal: 0,
  warned: [],
  items: [{
    ticketId: 5, no: 'HG260305000005', status: 'accepted', category: '路灯不亮', compound: '湖畔嘉苑', community: '安居苑社区',
    leg: 'resolve', legLabel: '办结', holder: { party: 'company', id: 11, name: '塞上阳光物业' }, startedAt: '2026-03-01T00:00:00Z',
    dueAt: '2026-03-02T00:00:00Z', overdueSince: '2026-03-02T00:00:00Z', overdueMinutes: 1500, paused: false, escalationLevel: 2,
  }],
};
const me: Me = {
  id: 9, displayName: '吴淑华', phone: null, roles: ['supervisor'], compound: null, building: null,
  scopes: [{ role: 'supervisor', roleLabel: '督办', orgUnit: { id: 1, kind: 'district', name: '金凤区' }, organization: null }],
};
const compound = (id: number, communityId: number, communityName: string, streetId: number, streetName: string): Compound => ({
  id, code: `c${id}`, name: `小区${id}`, address: null, lat: null, lng: null, communityId, communityName, streetId, streetName, districtId: 1, districtName: '金凤区', buildings: [],
});
const compounds = [compound(30, 10, '安居苑社区', 5, '北京中路街道'), compound(31, 10, '安居苑社区', 5, '北京中路街道'), compound(32, 20, '长城社区', 6, '满城街道')];

beforeEach(() => {
  jest.clearAllMocks();
  sla.mockImplementation(async (q: SlaReportQuery) =>
    q.groupBy === 'company'
      ? report(q, companies, totals)
      : report(q, [
        { group: { id: 1, name: '金凤区' }, bucket: '2026-03-02', ...fig({ received: 12, resolved: 3 }) },
        { group: { id: 1, name: '金凤区' }, bucket: '2026-03-01', ...fig({ received: 30, resolved: 27 }) },
      ], totals));
  overdue.mockResolvedValue(overdueReport);
  (reportsApi.ranking as jest.Mock).mockImplementation(async (q: { quarter: string }) => ({
    quarter: q.quarter, period: { from: '2026-07-01', to: '2026-09-30' }, complete: true, scope,
    formula: { components: [], minRated: 30, zh: '' }, rows: [],
  }));
  (reportsApi.lists as jest.Mock).mockImplementation(async (q: { quarter: string }) => ({ quarter: q.quarter, district: { id: 1, name: '金凤区' }, current: null, history: [] }));
  compoundsApi.mockResolvedValue(compounds);
  act(() => session.set({ me }));
});

describe('the supervisor dashboard (reports API)', () => {
  it('shows the KPI cards from the totals, rates as percentages with one decimal', async () => {
    render(<DashboardPage />);
    const kpis = await screen.findByTestId('kpis');
    const card = (key: string) => kpis.querySelector(`[data-kpi="${key}"]`)!.textContent;
    expect(card('received')).toContain('42');
    expect(card('received')).toContain('受理量');
    expect(card('onTimeResolutionRate')).toContain('80.7%');
    expect(card('onTimeResolutionRate')).toContain('按时 25 / 应办 31');
    expect(card('satisfactionRate')).toContain('85.0%');
    expect(card('overdue')).toContain('7');
    expect(card('overdue')).toContain('其中未办 3');
  });

  it('opens on 近30天 — the last 30 days, today included — per day for the trend, and the companies over the whole period', async () => {
    render(<DashboardPage />);
    await screen.findByTestId('kpis');
    expect(screen.getByText('近30天').className).toContain('chip-option--on');
    const today = shanghaiToday();
    const { from } = periodRange('last30', today);
    expect(periodDays(from, today)).toBe(30);
    expect(sla).toHaveBeenCalledWith({ from, to: today, interval: 'day', scopeId: undefined });
    expect(sla).toHaveBeenCalledWith({ from, to: today, groupBy: 'company', scopeId: undefined });
    expect(overdue).toHaveBeenCalledWith({ scopeId: undefined, limit: 20 });
    const buckets = Array.from(screen.getByTestId('trend').querySelectorAll('[data-bucket]')).map((b) => b.getAttribute('data-bucket'));
    expect(buckets).toEqual(['2026-03-01', '2026-03-02']);
  });

  it('ranks the companies by on-time rate, then satisfaction, unmeasured last', async () => {
    render(<DashboardPage />);
    const ranking = await screen.findByTestId('ranking');
    expect(within(ranking).getByText('物业公司排名（按时办结率）')).toBeTruthy();
    expect(within(ranking).getByText(/季度星级见下方评定/)).toBeTruthy();
    const rows = Array.from(ranking.querySelectorAll('[data-company]')).map((r) => r.textContent);
    expect(rows).toEqual([
      '1. 宁夏恒信物业890.0%27/3095.0%19/20',
      '2. 塞上阳光物业1090.0%27/3070.0%7/10',
      // 应办 10 < 30: listed after the ranked ones, without a rank, however many it received.
      '金凤物业样本不足2060.0%6/10—',
      '新建物业0—本期无受理—',
    ]);
  });

  it('shows what a rate was measured on; a company with 受理量 0 shows "—" (本期无受理) even with a resolution of an older ticket, and goes last', async () => {
    sla.mockImplementation(async (q: SlaReportQuery) => report(q, q.groupBy === 'company'
      ? [
        company(21, '宝湖物业', { received: 0, resolvedOnTime: 1, resolveClosed: 1, onTimeResolutionRate: 1, satisfied: 1, answered: 1, satisfactionRate: 1 }),
        company(22, '红管家服务站', { received: 0 }),
        company(23, '阅海物业', { received: 12, resolvedOnTime: 9, resolveClosed: 10, onTimeResolutionRate: 0.9, satisfied: 8, answered: 10, satisfactionRate: 0.8 }),
      ]
      : [], totals));
    render(<DashboardPage />);
    const ranking = await screen.findByTestId('ranking');
    const row = (id: number) => ranking.querySelector(`[data-company="${id}"]`)!;
    expect(row(23).querySelector('[data-rate="onTime"]')!.textContent).toBe('90.0%9/10');
    expect(row(21).querySelector('[data-rate="onTime"]')!.textContent).toBe('—本期无受理');
    expect(row(21).querySelector('[data-rate="satisfaction"]')!.textContent).toBe('—');
    expect(row(22).querySelector('[data-rate="onTime"]')!.textContent).toBe('—本期无受理');
    expect(row(22).querySelector('[data-rate="satisfaction"]')!.textContent).toBe('—');
    expect(Array.from(ranking.querySelectorAll('[data-company]')).map((r) => r.getAttribute('data-company'))).toEqual(['23', '21', '22']);
  });

  it('lists what is past due now, with the holder and the 督办 level', async () => {
    render(<DashboardPage />);
    const list = await screen.findByTestId('overdue');
    expect(list.textContent).toContain('路灯不亮 · 办结超期');
    expect(list.textContent).toContain('超1天');
    expect(list.textContent).toContain('责任：塞上阳光物业 · 社区督办');
  });

  it('asks again for another period and scope', async () => {
    render(<DashboardPage />);
    await screen.findByTestId('kpis');
    fireEvent.click(screen.getByText('本季度'));
    const quarter = periodRange('quarter', shanghaiToday());
    const interval = intervalFor(quarter.from, quarter.to);
    await waitFor(() => expect(sla).toHaveBeenCalledWith({ ...quarter, interval, scopeId: undefined }));
    fireEvent.click(screen.getByTestId('scope-select'));
    fireEvent.click(await screen.findByText('长城社区'));
    await waitFor(() => expect(sla).toHaveBeenCalledWith(expect.objectContaining({ groupBy: 'company', scopeId: 20 })));
    expect(overdue).toHaveBeenLastCalledWith({ scopeId: 20, limit: 20 });
  });

  it('checks a custom period before asking', async () => {
    render(<DashboardPage />);
    await screen.findByTestId('kpis');
    fireEvent.click(screen.getByText('自定义'));
    const from = screen.getByTestId('period-from').querySelector('input')!;
    const to = screen.getByTestId('period-to').querySelector('input')!;
    fireEvent.change(to, { target: { value: '2026-01-31' } });
    fireEvent.change(from, { target: { value: '2026-02-01' } });
    expect(await screen.findByText('结束日期不能早于开始日期')).toBeTruthy();
    const calls = sla.mock.calls.length;
    fireEvent.change(from, { target: { value: '2026-01-01' } });
    await waitFor(() => expect(sla).toHaveBeenCalledWith({ from: '2026-01-01', to: '2026-01-31', interval: 'day', scopeId: undefined }));
    expect(sla.mock.calls.length).toBeGreaterThan(calls);
  });
});

describe('sla-dashboard mapping', () => {
  it('formats rates with one decimal on the basis points, and "—" for no data', () => {
    expect(percent(0.1235)).toBe('12.4%');
    expect(percent(0.1)).toBe('10.0%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
    expect(percent(null)).toBe('—');
    expect(kpiCards(zero).map((k) => k.value)).toEqual(['0', '—', '—', '0']);
    expect(rateBasis(1, 1)).toBe('1/1');
    expect(rateBasis(0, 0)).toBe('');
  });

  it('shows "—" for a company that received nothing in the period, and ranks it last', () => {
    // One resolution in the period of a ticket reported before it: 100 % on paper, but nothing received.
    const rows = [
      company(1, '宝湖物业', { received: 0, onTimeResolutionRate: 1, satisfactionRate: 1, resolvedOnTime: 1, resolveClosed: 1, answered: 1, satisfied: 1 }),
      company(2, '塞上阳光物业', { received: 4, onTimeResolutionRate: 0.75, resolvedOnTime: 3, resolveClosed: 4 }),
    ];
    const ranked = companyRanking({ rows });
    expect(ranked.map((c) => c.id)).toEqual([2, 1]);
    expect(percent(ranked[1].onTimeResolutionRate)).toBe('—');
    expect(percent(ranked[1].satisfactionRate)).toBe('—');
    expect(ranked[1].onTimeBasis).toBe('本期无受理');
    expect(ranked[0].onTimeBasis).toBe('3/4');
  });

  it('sorts equal rates by 受理量 then name', () => {
    const rows = [company(1, '乙物业', { received: 1 }), company(2, '甲物业', { received: 1 }), company(3, '丙物业', { received: 5 })];
    expect(companyRanking({ rows }).map((c) => c.id)).toEqual([3, 2, 1]);
  });

  it('counts periods in Shanghai days', () => {
    expect(shanghaiToday(new Date('2026-03-04T17:00:00Z'))).toBe('2026-03-05');
    expect(periodRange('week', '2026-03-05')).toEqual({ from: '2026-03-02', to: '2026-03-05' });
    expect(periodRange('week', '2026-03-02')).toEqual({ from: '2026-03-02', to: '2026-03-02' });
    expect(periodRange('month', '2026-03-05')).toEqual({ from: '2026-03-01', to: '2026-03-05' });
    expect(periodRange('quarter', '2026-05-20')).toEqual({ from: '2026-04-01', to: '2026-05-20' });
    expect(periodRange('quarter', '2026-12-31')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    // 近30天 reaches back over month, quarter and year ends, so the 1st never opens on an empty board.
    expect(periodRange('last30', '2027-01-01')).toEqual({ from: '2026-12-03', to: '2027-01-01' });
    expect(periodRange('last30', '2026-03-01')).toEqual({ from: '2026-01-31', to: '2026-03-01' });
    expect(periodRange('last30', '2028-03-01')).toEqual({ from: '2028-02-01', to: '2028-03-01' }); // a leap year's February
    expect(periodRange('last30', '2026-10-01')).toEqual({ from: '2026-09-02', to: '2026-10-01' });
    expect(intervalFor('2026-12-03', '2027-01-01')).toBe('day');
    expect(intervalFor('2026-03-01', '2026-03-31')).toBe('day');
    expect(intervalFor('2026-01-01', '2026-03-31')).toBe('week');
    expect(intervalFor('2026-01-01', '2026-12-31')).toBe('month');
    expect(periodProblem('2025-01-01', '2026-01-02')).toBe('时间段最长 366 天');
  });

  it('offers the streets and communities under the caller’s scope only', () => {
    expect(scopeOptions(me, compounds).map((o) => [o.value, o.label])).toEqual([
      [0, '本辖区（金凤区）'], [5, '北京中路街道'], [6, '满城街道'], [10, '安居苑社区'], [20, '长城社区'],
    ]);
    const street: Me = { ...me, roles: ['street_staff'], scopes: [{ role: 'street_staff', roleLabel: '街道', orgUnit: { id: 5, kind: 'street', name: '北京中路街道' }, organization: null }] };
    expect(scopeOptions(street, compounds.slice(0, 2)).map((o) => o.value)).toEqual([0, 10]);
    const community: Me = { ...me, roles: ['community_staff'], scopes: [{ role: 'community_staff', roleLabel: '社区', orgUnit: { id: 10, kind: 'community', name: '安居苑社区' }, organization: null }] };
    expect(scopeOptions(community, compounds.slice(0, 2)).map((o) => o.label)).toEqual(['本辖区（安居苑社区）']);
  });

  it('names the 督办 level from the holder’s own ladder', () => {
    expect(escalationLabel({ holder: { party: 'department', id: 1, name: '城管' }, escalationLevel: 2 })).toBe('区级督办');
    expect(escalationLabel({ holder: { party: 'company', id: 1, name: 'x' }, escalationLevel: 0 })).toBeNull();
  });
});
