import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { votesApi } from '../../api/votes.api';
import { openVote } from '../vote-card/vote.fixture';
import { BallotForm } from './ballot-form';

jest.mock('../../api/votes.api', () => ({ votesApi: { cast: jest.fn() } }));
const cast = votesApi.cast as jest.Mock;

describe('BallotForm (the owner votes per unit)', () => {
  beforeEach(() => cast.mockReset());

  it('offers every option for each of my units and marks the current choice', () => {
    render(<BallotForm vote={openVote} onCast={jest.fn()} />);
    expect(screen.getByText('2号楼 1-301')).toBeTruthy();
    expect(screen.getByTestId('my-choice').textContent).toBe('已选“不同意”（小程序）');
    expect(screen.getAllByText('同意')).toHaveLength(2);
  });

  it('casts the ballot for that unit and reports it', async () => {
    const ballot = { voteId: 5, unitId: 11, option: 0, label: '同意', channel: 'mini_program', castBy: 2, castAt: '2027-03-02T01:00:00.000Z', revision: 1, replaced: false };
    cast.mockResolvedValue(ballot);
    const onCast = jest.fn();
    render(<BallotForm vote={openVote} onCast={onCast} />);
    fireEvent.click(screen.getAllByText('同意')[0]);
    await waitFor(() => expect(onCast).toHaveBeenCalledWith(ballot));
    expect(cast).toHaveBeenCalledWith(5, 11, 0);
  });

  it('shows why a ballot was refused (the window closed meanwhile)', async () => {
    cast.mockRejectedValue(new ApiError('VOTE_NOT_OPEN', 409, 'closed'));
    render(<BallotForm vote={openVote} onCast={jest.fn()} />);
    fireEvent.click(screen.getAllByText('不同意')[0]);
    expect(await screen.findByText('不在投票时间内，不能投票')).toBeTruthy();
  });

  it('a unit added to the register after approval is shown without buttons, with the reason', () => {
    const vote = { ...openVote, myUnits: [...openVote.myUnits, { unitId: 17, label: '7号楼 1-102', inElectorate: false, ballot: null }] };
    render(<BallotForm vote={vote} onCast={jest.fn()} />);
    expect(screen.getByTestId('not-in-electorate').textContent).toBe('本次表决公告时名册中还没有这户，不能参加本次表决');
    // Two units in the electorate: two 同意 buttons, none for the added unit.
    expect(screen.getAllByText('同意')).toHaveLength(2);
    expect(document.querySelector('[data-unit="17"] [data-option]')).toBeNull();
  });
});
