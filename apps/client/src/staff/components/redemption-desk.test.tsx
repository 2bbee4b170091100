import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Redemption } from '../../api/api.types';
import { ApiError } from '../../api/api-error';
import { pointsApi } from '../../api/points.api';
import { RedemptionDesk } from './redemption-desk';

jest.mock('../../api/points.api', () => ({ pointsApi: { handOver: jest.fn(), cancel: jest.fn() } }));
const handOver = pointsApi.handOver as jest.Mock;

const base: Redemption = { id: 5, itemId: 7, itemName: '洗衣液 2kg', userId: 11, residentName: '李建国', communityId: 3, price: 30, status: 'pending', createdAt: '2026-06-01T02:00:00Z', decidedAt: null };

describe('RedemptionDesk (核销)', () => {
  it('lists only pending redemptions and hands one over', async () => {
    handOver.mockResolvedValue({ ...base, status: 'handed_over' });
    const onChanged = jest.fn();
    render(<RedemptionDesk redemptions={[base, { ...base, id: 6, status: 'handed_over' }]} onChanged={onChanged} />);
    expect(screen.queryByTestId('handover-6')).toBeNull();
    fireEvent.click(screen.getByTestId('handover-5'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(handOver).toHaveBeenCalledWith(5);
  });

  it('shows a colleague’s earlier hand-over (409) as Chinese text', async () => {
    handOver.mockRejectedValue(new ApiError('POINTS_STATE_CHANGED', 409, 'the redemption is no longer pending'));
    render(<RedemptionDesk redemptions={[base]} onChanged={jest.fn()} />);
    fireEvent.click(screen.getByTestId('handover-5'));
    expect(await screen.findByText('已被他人处理，请刷新后查看')).toBeTruthy();
  });
});
