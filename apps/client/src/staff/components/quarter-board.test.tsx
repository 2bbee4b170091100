import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { QuarterLists, QuarterRanking, RankingRow } from '../../api/api.types';
import { reportsApi } from '../../api/reports.api';
import { downloadReport } from '../../platform/report-download';
import { QuarterBoard } from './quarter-board';
import { quarterChoices, quarterLabel, starText, versionText } from './quarter-board.util';

jest.mock('../../api/reports.api', () => ({
  ...jest.requireActual('../../api/reports.api'),
  reportsApi: { ranking: jest.fn(), lists: jest.fn() },
}));
jest.mock('../../platform/report-download', () => ({ EXPORT_FORMATS: ['xlsx', 'csv'], downloadReport: jest.fn(async () => undefined) }));

const ranking = reportsApi.ranking as jest.Mock;
const lists = reportsApi.lists as jest.Mock;
const download = downloadReport as jest.Mock;

const row = (id: number, name: string, over: Partial<RankingRow>): RankingRow => ({
  rank: null, company: { id, name }, onTimeResolutionRate: null, satisfactionRate: null, complaintRate: null, answered: 0,
  households: 0, received: 0, score: null, stars: null, complaintScore: null, insufficientSample: true, missing: [], ...over,
});
const rankingAnswer = (quarter: string): QuarterRanking => ({
  quarter,
  period: { from: '2026-07-01', to: '2026-09-30' },
  complete: true,
  scope: { id: 1, kind: 'district', name: '金凤区' },
  formula: {
    components: [{ key: 'onTimeResolutionRate', zh: '按时办结率', weight: 0.4 }, { key: 'satisfactionRate', zh: '满意率', weight: 0.4 }, { key: 'complaintScore', zh: '投诉得分', weight: 0.2 }],
    complaintRateCap: 200, minRated: 30, stars: [], redListMinStars: 5, blackListMaxStars: 1, zh: '综合得分 = 0.4 × 按时办结率 + …',
  },
  rows: [
    row(11, '塞上阳光物业', { rank: 1, score: 97.61, stars: 5, onTimeResolutionRate: 1, satisfactionRate: 0.9714, answered: 35, insufficientSample: false }),
    row(12, '宝湖物业', {
      rank: 2, score: 69.08, stars: 1, onTimeResolutionRate: 0.6429, satisfactionRate: 0.6, answered: 30, insufficientSample: false, starsBeforeDowngrade: 2,
      downgrades: [{ id: 4, noticeId: 31, compound: { id: 21, name: '枫林湾小区' }, steps: 1, effectiveQuarter: '2026Q3', untilQuarter: null }],
    }),
    row(13, '阅海物业', { onTimeResolutionRate: 1, satisfactionRate: 1, answered: 1 }),
  ],
});
const listsAnswer = (quarter: string): QuarterLists => ({
  quarter,
  district: { id: 1, name: '金凤区' },
  current: {
    version: 2, kind: 'correction', reason: '补录纸质工单', publishedAt: '2026-10-08T02:00:00Z',
    redList: [{ company: { id: 11, name: '塞上阳光物业' }, rank: 1, score: 97.61, stars: 5 }], blackList: [],
  },
  history: [
    { version: 2, kind: 'correction', reason: '补录纸质工单', publishedAt: '2026-10-08T02:00:00Z', redList: [], blackList: [] },
    { version: 1, kind: 'scheduled', reason: null, publishedAt: '2026-10-01T00:10:00Z', redList: [], blackList: [] },
  ],
});

beforeEach(() => {
  jest.clearAllMocks();
  ranking.mockImplementation(async (q: { quarter: string }) => rankingAnswer(q.quarter));
  lists.mockImplementation(async (q: { quarter: string }) => listsAnswer(q.quarter));
});

describe('the quarter board (星级评定与红黑榜)', () => {
  it('shows last quarter first: stars, scores, and 样本不足 after the ranked companies', async () => {
    render(<QuarterBoard today="2026-11-26" />);
    const board = await screen.findByTestId('star-ranking');
    expect(ranking).toHaveBeenCalledWith({ quarter: '2026Q3', scopeId: undefined });
    const rows = Array.from(board.querySelectorAll('[data-company]')).map((r) => r.textContent);
    expect(rows).toEqual([
      '1. 塞上阳光物业★★★★★97.61100.0% / 97.1%',
      '2. 宝湖物业★☆☆☆☆69.0864.3% / 60.0%降级1星（枫林湾小区，督导通知#31）',
      '—. 阅海物业样本不足—100.0% / 100.0%',
    ]);
    expect(screen.getByTestId('formula').textContent).toContain('按时办结率×0.4 + 满意率×0.4 + 投诉得分×0.2');
    expect(screen.getByTestId('formula').textContent).toContain('参评少于 30 件为“样本不足”');
    fireEvent.click(screen.getByTestId('formula'));
    expect(Taro.showModal).toHaveBeenCalledWith(expect.objectContaining({ title: '评分办法', content: '综合得分 = 0.4 × 按时办结率 + …' }));
  });

  it('shows the published lists with their version and correction reason', async () => {
    render(<QuarterBoard today="2026-11-26" />);
    expect((await screen.findByTestId('list-version')).textContent).toBe('第2版（更正） · 发布于 2026-10-08 · 更正原因：补录纸质工单 · 共 2 个版本');
    expect(within(screen.getByTestId('red-list')).getByText('塞上阳光物业')).toBeTruthy();
    expect(within(screen.getByTestId('black-list')).getByText('无')).toBeTruthy();
  });

  it('says when a quarter has no lists yet, and asks again for this quarter and another scope', async () => {
    lists.mockImplementation(async (q: { quarter: string }) => ({ ...listsAnswer(q.quarter), current: null, history: [] }));
    const { rerender } = render(<QuarterBoard today="2026-11-26" />);
    expect((await screen.findByTestId('lists-pending')).textContent).toBe('尚未发布：系统在季度结束后自动发布');
    fireEvent.click(screen.getByText('本季度（2026年第4季度）'));
    await waitFor(() => expect(ranking).toHaveBeenLastCalledWith({ quarter: '2026Q4', scopeId: undefined }));
    ranking.mockImplementation(async (q: { quarter: string }) => ({ ...rankingAnswer(q.quarter), complete: false }));
    rerender(<QuarterBoard today="2026-11-26" scopeId={5} />);
    await waitFor(() => expect(lists).toHaveBeenLastCalledWith({ quarter: '2026Q4', scopeId: 5 }));
    await waitFor(() => expect(screen.getByTestId('lists-pending').textContent).toBe('本季度结束后由系统发布'));
  });

  it('exports the ranking with the same quarter and scope', async () => {
    render(<QuarterBoard today="2026-11-26" scopeId={5} />);
    const buttons = await screen.findByTestId('ranking-export');
    fireEvent.click(buttons.querySelector('[data-format="xlsx"]') as Element);
    await waitFor(() => expect(download).toHaveBeenCalledWith('/reports/ranking/export?quarter=2026Q3&scopeId=5&format=xlsx', '星级评定_金凤区_2026Q3.xlsx'));
    fireEvent.click(buttons.querySelector('[data-format="csv"]') as Element);
    await waitFor(() => expect(download).toHaveBeenLastCalledWith('/reports/ranking/export?quarter=2026Q3&scopeId=5&format=csv', '星级评定_金凤区_2026Q3.csv'));
  });

  it('maps quarters, stars and versions', () => {
    expect(quarterChoices('2026-01-15').map((c) => c.quarter)).toEqual(['2025Q4', '2026Q1']);
    expect(quarterLabel('2026Q4')).toBe('2026年第4季度');
    expect(starText({ stars: 3 })).toBe('★★★☆☆');
    expect(starText({ stars: null })).toBe('样本不足');
    expect(versionText({ version: 1, kind: 'scheduled' })).toBe('第1版');
  });
});
