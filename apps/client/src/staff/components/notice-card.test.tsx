import Taro from '@tarojs/taro';
import { fireEvent, render, screen } from '@testing-library/react';
import { NoticeCard } from './notice-card';
import { notice } from './notice.fixture';

describe('NoticeCard (督导通知 in a list)', () => {
  it('shows the company, compound, issuer, status and deadline', () => {
    render(<NoticeCard notice={notice} />);
    expect(screen.getByText('宁夏塞上阳光物业服务有限公司')).toBeTruthy();
    expect(screen.getByText('湖畔嘉苑 · 北京中路街道')).toBeTruthy();
    expect(screen.getByText('待整改')).toBeTruthy();
    expect(screen.getByText(/整改期限：.*（3个工作日）/)).toBeTruthy();
  });

  it('marks an overdue notice and opens the detail on tap', () => {
    const { container } = render(<NoticeCard notice={{ ...notice, status: 'overdue' }} />);
    expect(screen.getByText('逾期未整改')).toBeTruthy();
    expect(container.querySelector('.overdue')).toBeTruthy();
    fireEvent.click(screen.getByText('楼道照明多次报修超期未修复'));
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: '/staff/pages/notice/index?id=31' });
  });
});
