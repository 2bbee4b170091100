import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { OwnerLink, RegisterUnit } from '../../api/api.types';
import { registerApi } from '../../api/register.api';
import { OwnerUnits } from './owner-units';

jest.mock('../../api/register.api', () => ({ registerApi: { claim: jest.fn() } }));
const claim = registerApi.claim as jest.Mock;

const link = (id: number, unitId: number, unitNo: string, status: OwnerLink['status']): OwnerLink => ({
  id, status, user: { id: 2, displayName: '何淑珍' }, unit: { id: unitId, compound: { id: 31, name: '云凤花园' }, building: '2号楼', unitNo },
  requestedAt: '2027-03-01T00:00:00.000Z', decidedAt: null,
});
const unit = (id: number, unitNo: string): RegisterUnit => ({ id, building: { id: 2, name: '2号楼' }, unitNo, areaM2: null, sold: null, ownerName: null, verifiedOwners: null });

describe('OwnerUnits (我的房屋, 业主认证)', () => {
  beforeEach(() => claim.mockReset());

  it('lists my units with their status and offers only the units not yet claimed', () => {
    render(<OwnerUnits mine={[link(1, 11, '1-301', 'verified')]} units={[unit(11, '1-301'), unit(12, '1-302')]} onClaimed={jest.fn()} />);
    expect(screen.getByText('已认证业主')).toBeTruthy();
    fireEvent.click(screen.getByTestId('claim-unit'));
    expect(screen.getByText('2号楼 1-302')).toBeTruthy();
    expect(screen.queryAllByText('2号楼 1-301')).toHaveLength(0);
  });

  it('sends the claim for the chosen unit', async () => {
    const claimed = link(2, 12, '1-302', 'requested');
    claim.mockResolvedValue(claimed);
    const onClaimed = jest.fn();
    render(<OwnerUnits mine={[]} units={[unit(12, '1-302')]} onClaimed={onClaimed} />);
    expect(screen.getByText(/租户不能投票/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('claim-submit'));
    expect(screen.getByText('请选择房屋')).toBeTruthy();
    fireEvent.click(screen.getByTestId('claim-unit'));
    fireEvent.click(screen.getByText('2号楼 1-302'));
    fireEvent.click(screen.getByTestId('claim-submit'));
    await waitFor(() => expect(onClaimed).toHaveBeenCalledWith(claimed));
    expect(claim).toHaveBeenCalledWith(12);
  });
});
