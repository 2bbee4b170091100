import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import type { OwnerLink } from '../../api/api.types';
import { registerApi } from '../../api/register.api';
import { OwnerClaims } from './owner-claims';

jest.mock('../../api/register.api', () => ({ registerApi: { decide: jest.fn() } }));
const decide = registerApi.decide as jest.Mock;

const claim: OwnerLink = {
  id: 7, status: 'requested', user: { id: 5, displayName: '刘强' }, unit: { id: 12, compound: { id: 31, name: '云凤花园' }, building: '5号楼', unitNo: '2-602' },
  requestedAt: '2027-03-01T00:00:00.000Z', decidedAt: null,
};

describe('OwnerClaims (业主认证审核)', () => {
  beforeEach(() => decide.mockReset());

  it.each([['确认业主', 'verified'], ['不是业主', 'rejected']])('%s sends %s', async (button, decision) => {
    decide.mockResolvedValue({ ...claim, status: decision });
    const onDecided = jest.fn();
    render(<OwnerClaims claims={[claim]} onDecided={onDecided} />);
    expect(screen.getByText('刘强 · 5号楼 2-602')).toBeTruthy();
    fireEvent.click(screen.getByText(button));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(decide).toHaveBeenCalledWith(7, decision);
  });

  it('says when a colleague decided first', async () => {
    decide.mockRejectedValue(new ApiError('VOTE_STATE_CHANGED', 409, 'decided'));
    render(<OwnerClaims claims={[claim]} onDecided={jest.fn()} />);
    fireEvent.click(screen.getByText('确认业主'));
    expect(await screen.findByText('该表决已被他人处理，请刷新后查看')).toBeTruthy();
  });

  it('says when nothing waits', () => {
    render(<OwnerClaims claims={[]} onDecided={jest.fn()} />);
    expect(screen.getByText('没有待确认的申请')).toBeTruthy();
  });
});
