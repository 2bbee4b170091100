import { fireEvent, render, screen } from '@testing-library/react';
import type { Appeal } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { TicketAppeals } from './ticket-appeals';

const deadline = '2026-12-02T02:00:00.000Z';
const appeal = {
  id: 12, handler: { id: 3, name: '宁夏塞上阳光物业' }, reason: '超出报修范围', status: 'denied', decisionNote: '维持原评价',
} as Appeal;

describe('TicketAppeals (申诉 on the ticket)', () => {
  it('offers the rated handler 申诉 with the deadline the API gives', () => {
    const onAppeal = jest.fn();
    render(<TicketAppeals appeals={[]} appealable={{ ratingEventId: 41, ratedAt: '2026-11-25T02:00:00.000Z', deadline }} onAppeal={onAppeal} />);
    expect(screen.getByText(`居民评价“不满意”。如认为评价不合理，可在 ${formatTime(deadline)} 前向街道申诉。`)).toBeTruthy();
    fireEvent.click(screen.getByTestId('appeal-button'));
    expect(onAppeal).toHaveBeenCalledTimes(1);
  });

  it('shows each appeal with its outcome, and no button once nothing is left to appeal', () => {
    render(<TicketAppeals appeals={[appeal, { ...appeal, id: 13, status: 'upheld', decisionNote: null }]} appealable={null} onAppeal={jest.fn()} />);
    expect(screen.getAllByTestId('appeal')).toHaveLength(2);
    expect(screen.getByText('申诉驳回')).toBeTruthy();
    expect(screen.getByText('申诉成立')).toBeTruthy();
    expect(screen.getByText('裁定意见：维持原评价')).toBeTruthy();
    expect(screen.queryByTestId('appeal-button')).toBeNull();
  });

  it('renders nothing for a ticket without appeals or an offer', () => {
    const { container } = render(<TicketAppeals appeals={[]} appealable={null} onAppeal={jest.fn()} />);
    expect(container.innerHTML).toBe('');
  });
});
