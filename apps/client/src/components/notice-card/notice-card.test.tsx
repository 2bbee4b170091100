import { render, screen } from '@testing-library/react';
import type { CompoundNotice } from '../../api/api.types';
import { NoticeCard } from './notice-card';

const spending: CompoundNotice = {
  id: 12, kind: 'fund_spending', title: '2026年11月维修资金使用公示', body: '更换2号楼电梯主板', voteId: null, correctsId: null, correctedById: null,
  data: { month: '2026-11', amounts: [{ item: '电梯主板', amount: '18600.00' }, { item: '监理费', amount: '0.10' }], total: '18600.10', attachmentIds: [] },
  publishedAt: '2026-12-01T02:00:00.000Z',
};

describe('NoticeCard (公示栏)', () => {
  it('shows the month, the kind, every amount exactly and the total', () => {
    render(<NoticeCard notice={spending} />);
    expect(screen.getByText(/2026年11月 · 维修资金使用公示/)).toBeTruthy();
    expect(screen.getByText('18600.00 元')).toBeTruthy();
    expect(screen.getByTestId('notice-total').textContent).toContain('18600.10 元');
    expect(screen.queryByTestId('corrected')).toBeNull();
  });

  it('marks a corrected notice 已更正, and a correction as such', () => {
    const { rerender } = render(<NoticeCard notice={{ ...spending, correctedById: 13 }} />);
    expect(screen.getByTestId('corrected').textContent).toBe('已更正');
    rerender(<NoticeCard notice={{ ...spending, id: 13, correctsId: 12 }} />);
    expect(screen.getByText(/更正此前公示/)).toBeTruthy();
  });

  it('shows a vote result without amounts', () => {
    render(<NoticeCard notice={{ ...spending, kind: 'vote_result', data: { passed: true } }} />);
    expect(screen.getByText(/表决结果公告/)).toBeTruthy();
    expect(screen.queryByTestId('notice-total')).toBeNull();
  });
});
