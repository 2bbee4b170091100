import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Me, OverdueReport, SlaFigures, SlaReport, SlaReportQuery } from '../../../api/api.types';
import { ApiError } from '../../../api/api-error';
import { orgApi } from '../../../api/org.api';
import { reportsApi } from '../../../api/reports.api';
import { ticketsApi } from '../../../api/tickets.api';
import { session } from '../../../state/session.store';
import { latestNonEmptyMonth, superviseItems } from '../../components/sla-dashboard.util';
import DashboardPage from './index';

jest.mock('../../../api/reports.api', () => ({
  ...jest.requireActual('../../../api/reports.api'),
  reportsApi: { sla: jest.fn(), overdue: jest.fn(), ranking: jest.fn(), lists: jest.fn() },
}));
jest.mock('../../../api/org.api', () => ({ orgApi: { compounds: jest.fn() } }));
jest.mock('../../../api/tickets.api', () => ({ ticketsApi: { supervise: jest.fn() } }));

const sla = reportsApi.sla as jest.Mock;
const supervise = ticketsApi.supervise as jest.Mock;
const scope = { id: 1, kind: 'district' as const, name: '金凤区' };
const fig = (over: Partial<SlaFigures>) => ({ received: 0, resolved: 0, resolveClosed: 0, resolvedOnTime: 0, resolveWithdrawnLate: 0, openPastDue: 0, answered: 0, satisfied: 0, basicallySatisfied: 0, overdue: 0, overdueOpen: 0, onTimeResolutionRate: null, satisfactionRate: null, ...over }) as SlaFigures;
const report = (q: SlaReportQuery, rows: SlaReport['rows'], totals: SlaFigures): SlaReport =>
  ({ period: { from: q.from, to: q.to }, scope, groupBy: q.groupBy ?? null, interval: q.interval ?? null, definitions: {} as SlaReport['definitions'], rows, totals });
const holder = { party: 'company' as const, id: 11, name: '塞上阳光物业' };
const board: OverdueReport = {
  scope, total: 2, warnedTotal: 2,
  items: [
    { ticketId: 5, no: 'HG5', status: 'accepted', category: '路灯不亮', compound: '湖畔嘉苑', community: '安居苑社区', leg: 'resolve', legLabel: '办结', holder, startedAt: '2026-03-01T00:00:00Z', dueAt: '2026-03-02T00:00:00Z', overdueSince: '2026-03-02T00:00:00Z', overdueMinutes: 4320, paused: false, escalationLevel: 0 },
    { ticketId: 6, no: 'HG6', status: 'submitted', category: '井盖缺失', compound: '湖畔嘉苑', community: '安居苑社区', leg: 'dispatch', legLabel: '派单', holder: { party: 'community', id: 10, name: '安居苑社区' }, startedAt: '2026-03-03T00:00:00Z', dueAt: '2026-03-03T01:00:00Z', overdueSince: '2026-03-03T01:00:00Z', overdueMinutes: 90, paused: false, escalationLevel: 0 },
  ],
  warned: [
    { ticketId: 8, no: 'HG8', status: 'accepted', category: '电梯故障', compound: '湖畔嘉苑', community: '安居苑社区', leg: 'resolve', legLabel: '办结', holder, dueAt: '2026-03-04T00:00:00Z', dueInMinutes: 300, paused: false },
    { ticketId: 7, no: 'HG7', status: 'dispatched', category: '漏水', compound: '湖畔嘉苑', community: '安居苑社区', leg: 'accept', legLabel: '接单', holder, dueAt: '2026-03-03T12:00:00Z', dueInMinutes: 45, paused: false },
  ],
};
const me: Me = {
  id: 9, displayName: '吴淑华', phone: null, roles: ['supervisor'], compound: null, building: null,
  scopes: [{ role: 'supervisor', roleLabel: '督办', orgUnit: { id: 1, kind: 'district', name: '金凤区' }, organization: null }],
};

beforeEach(() => {
  jest.clearAllMocks();
  (reportsApi.overdue as jest.Mock).mockResolvedValue(board);
  (reportsApi.ranking as jest.Mock).mockImplementation(async (q: { quarter: string }) => ({ quarter: q.quarter, period: { from: '2026-07-01', to: '2026-09-30' }, complete: true, scope, formula: { components: [], minRated: 30, zh: '' }, rows: [] }));
  (reportsApi.lists as jest.Mock).mockImplementation(async (q: { quarter: string }) => ({ quarter: q.quarter, district: { id: 1, name: '金凤区' }, current: null, history: [] }));
  (orgApi.compounds as jest.Mock).mockResolvedValue([]);
  sla.mockImplementation(async (q: SlaReportQuery) => report(q, [], fig({ received: 14, resolved: 3, resolveClosed: 4, resolvedOnTime: 4 })));
  act(() => session.set({ me }));
});

describe('督办看板: what it leads with', () => {
  it('opens on the 督办 list — every overdue leg (longest first), then the warned ones (soonest first) — before the KPIs', async () => {
    const { container } = render(<DashboardPage />);
    await screen.findByTestId('kpis');
    const sections = Array.from(container.querySelectorAll('[data-testid="overdue"], [data-testid="kpis"], [data-testid="ranking"]')).map((e) => e.getAttribute('data-testid'));
    expect(sections).toEqual(['overdue', 'kpis', 'ranking']);
    const lines = Array.from(container.querySelectorAll('[data-supervise-kind]')).map((e) => `${e.getAttribute('data-supervise-kind')}:${e.getAttribute('data-ticket')}`);
    expect(lines).toEqual(['overdue:5', 'overdue:6', 'warned:7', 'warned:8']);
    expect(screen.getByText('超期督办（超期 2 项 · 预警 2 项）')).toBeTruthy();
  });

  it('督办 on a line calls the API once, says so, and shows the hourly limit when it answers 429', async () => {
    supervise.mockResolvedValueOnce({ ticketId: 5, eventId: 1, notified: 1, at: '', nextAllowedAt: '' });
    supervise.mockRejectedValueOnce(new ApiError('SUPERVISE_TOO_SOON', 429, 'this ticket was supervised less than 60 minutes ago'));
    render(<DashboardPage />);
    fireEvent.click(await screen.findByTestId('supervise-5'));
    await waitFor(() => expect(screen.getByTestId('supervise-5').textContent).toBe('已督办'));
    fireEvent.click(screen.getByTestId('supervise-5'));
    expect(supervise).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByTestId('supervise-7'));
    await waitFor(() => expect(screen.getByTestId('supervise-7').textContent).toContain('一小时内已督办'));
    expect(supervise.mock.calls.map((c) => c[0])).toEqual([5, 7]);
  });

  it('explains each KPI: 受理量 is new this period, 按时办结率 counts what fell due', async () => {
    render(<DashboardPage />);
    await screen.findByTestId('kpis');
    expect(screen.getByTestId('caption-received').textContent).toContain('受理量 = 本期新收');
    expect(screen.getByTestId('caption-onTimeResolutionRate').textContent).toContain('按时办结 ÷ 本期到期应办');
  });

  it('an empty 近30天 gives way to the latest month with tickets', async () => {
    sla.mockImplementation(async (q: SlaReportQuery) => {
      if (q.interval === 'month') {
        return report(q, [
          { group: { id: 1, name: '金凤区' }, bucket: '2026-08-01', ...fig({ received: 9 }) },
          { group: { id: 1, name: '金凤区' }, bucket: '2026-09-01', ...fig({ received: 3 }) },
          { group: { id: 1, name: '金凤区' }, bucket: '2026-10-01', ...fig({ received: 0 }) },
        ], fig({}));
      }
      return report(q, [], fig({ received: q.from === '2026-09-01' ? 3 : 0 }));
    });
    render(<DashboardPage />);
    expect((await screen.findByTestId('period-fallback')).textContent).toContain('2026-09');
    await waitFor(() => expect(sla.mock.calls.some(([q]) => q.from === '2026-09-01' && q.to === '2026-09-30')).toBe(true));
  });
});

describe('board mapping', () => {
  it('superviseItems: overdue first as given, warned after by time left', () => {
    expect(superviseItems(board).map((i) => [i.kind, i.ticketId, i.badge])).toEqual([
      ['overdue', 5, '超3天'], ['overdue', 6, '超1小时'], ['warned', 7, '还剩45分钟'], ['warned', 8, '还剩5小时'],
    ]);
  });

  it('latestNonEmptyMonth: the last month with a ticket, cut at today; null for an empty year', () => {
    const row = (bucket: string, received: number) => ({ group: { id: 1, name: 'x' }, bucket, ...fig({ received }) });
    expect(latestNonEmptyMonth({ rows: [row('2026-11-01', 2), row('2026-12-01', 0)] }, '2026-12-04')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(latestNonEmptyMonth({ rows: [row('2026-12-01', 1)] }, '2026-12-04')).toEqual({ from: '2026-12-01', to: '2026-12-04' });
    expect(latestNonEmptyMonth({ rows: [row('2025-12-01', 1)] }, '2026-03-01')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
    expect(latestNonEmptyMonth({ rows: [row('2026-02-01', 0)] }, '2026-03-01')).toBeNull();
  });
});
