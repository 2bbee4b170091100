import { render, screen } from '@testing-library/react';
import { PointsLedger } from './points-ledger';

describe('PointsLedger', () => {
  it('shows the balance and signed lines with their reasons', () => {
    render(
      <PointsLedger
        balance={15}
        entries={[
          { id: 3, kind: 'reverse', points: -5, reason: '报事 HG1 被合并，收回积分', sourceKind: 'report', sourceId: 1, day: '2026-06-02', createdAt: '2026-06-02T02:00:00Z' },
          { id: 2, kind: 'earn', points: 0, reason: '参加活动：楼道清理（今日已达上限 30 分）', sourceKind: 'activity', sourceId: 2, day: '2026-06-01', createdAt: '2026-06-01T15:59:00Z' },
          { id: 1, kind: 'earn', points: 20, reason: '参加活动：集体劳动（2 小时）', sourceKind: 'activity', sourceId: 1, day: '2026-06-01', createdAt: '2026-06-01T15:00:00Z' },
        ]}
      />,
    );
    expect(screen.getByTestId('points-balance').textContent).toBe('15');
    expect(screen.getByText('-5')).toBeTruthy();
    expect(screen.getByText('+20')).toBeTruthy();
    expect(screen.getByText(/今日已达上限/)).toBeTruthy();
    expect(screen.getByText('退回/收回')).toBeTruthy();
  });

  it('explains how to earn when there is nothing yet', () => {
    render(<PointsLedger balance={0} entries={[]} />);
    expect(screen.getByText(/参加社区活动/)).toBeTruthy();
  });
});
