import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { votesApi } from '../../api/votes.api';
import { openVote } from '../../components/vote-card/vote.fixture';
import { PaperBallotForm } from './paper-ballot-form';

jest.mock('../../api/votes.api', () => ({ votesApi: { cast: jest.fn(), register: jest.fn() } }));
const cast = votesApi.cast as jest.Mock;
const register = votesApi.register as jest.Mock;

describe('PaperBallotForm (书面表决票 / 现场投票)', () => {
  beforeEach(() => {
    cast.mockReset();
    register.mockResolvedValue({
      compound: { id: 31, name: '云凤花园' },
      items: [
        { id: 15, building: { id: 2, name: '8号楼' }, unitNo: '1-102', areaM2: '76.15', sold: false, ownerName: null, verifiedOwners: 0 },
        { id: 17, building: { id: 4, name: '11号楼' }, unitNo: '3-1201', areaM2: '143.27', sold: true, ownerName: '冯*强', verifiedOwners: 0 },
      ],
    });
  });

  it('needs a unit and an option first', async () => {
    render(<PaperBallotForm vote={{ ...openVote, canRecordPaper: true }} onCast={jest.fn()} />);
    fireEvent.click(screen.getByTestId('paper-submit'));
    expect(screen.getByText('请选择房屋')).toBeTruthy();
    expect(cast).not.toHaveBeenCalled();
  });

  it('enters an on-site ballot for a unit of the register (the developer’s unsold unit named as such)', async () => {
    cast.mockResolvedValue({ voteId: 5, unitId: 15, option: 1, label: '不同意', channel: 'on_site', castBy: 3, castAt: '2027-03-02T01:00:00.000Z', revision: 1, replaced: false });
    const onCast = jest.fn();
    render(<PaperBallotForm vote={{ ...openVote, canRecordPaper: true }} onCast={onCast} />);
    await waitFor(() => expect(register).toHaveBeenCalledWith(31));
    fireEvent.click(screen.getByTestId('paper-unit'));
    expect(await screen.findByText('开发建设单位')).toBeTruthy();
    fireEvent.click(screen.getByText('8号楼 1-102'));
    fireEvent.click(screen.getByTestId('paper-option'));
    fireEvent.click(screen.getAllByText('不同意').pop() as HTMLElement);
    fireEvent.click(screen.getByTestId('paper-channel'));
    fireEvent.click(screen.getByText('现场投票'));
    fireEvent.click(screen.getByTestId('paper-submit'));
    await waitFor(() => expect(onCast).toHaveBeenCalled());
    expect(cast).toHaveBeenCalledWith(5, 15, 1, 'on_site');
  });
});
