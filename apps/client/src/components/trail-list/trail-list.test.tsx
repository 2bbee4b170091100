import { render, screen } from '@testing-library/react';
import { TrailList } from './trail-list';

describe('TrailList (整改档案 / 物业督导公示)', () => {
  it('shows residents the company and what happened, with no one’s name', () => {
    render(
      <TrailList
        entries={[
          { id: 1, kind: 'notice_issued', kindLabel: '下发督导通知', summary: '就湖畔嘉苑下发督导通知，限期3个工作日整改', at: '2026-12-01T02:00:00.000Z', company: { id: 3, name: '塞上阳光物业' } },
          { id: 2, kind: 'downgrade', kindLabel: '星级降级', summary: '因督导整改逾期，星级降1级', at: '2026-12-09T02:00:00.000Z', company: { id: 3, name: '塞上阳光物业' } },
        ]}
      />,
    );
    expect(screen.getByText('下发督导通知')).toBeTruthy();
    expect(screen.getByText('因督导整改逾期，星级降1级')).toBeTruthy();
    expect(screen.queryByText(/经办/)).toBeNull();
  });

  it('shows staff who acted and on which compounds', () => {
    render(
      <TrailList
        entries={[{
          id: 5, kind: 'notice_rejected', kindLabel: '整改核验未通过', noticeId: 31, summary: '整改经核验未通过', detail: { reason: '仍有3处不亮' },
          at: '2026-12-02T05:00:00.000Z', actor: { id: 4, displayName: '赵志刚' }, compounds: [{ id: 11, name: '湖畔嘉苑' }],
        }]}
      />,
    );
    expect(screen.getByText('经办：赵志刚')).toBeTruthy();
    expect(screen.getByText('湖畔嘉苑')).toBeTruthy();
  });

  it('says so when there is nothing', () => {
    render(<TrailList entries={[]} />);
    expect(screen.getByText('暂无督导整改记录')).toBeTruthy();
  });
});
