import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { votesApi } from '../../api/votes.api';
import { openVote } from '../../components/vote-card/vote.fixture';
import { VoteDraftForm } from './vote-draft-form';

jest.mock('../../api/votes.api', () => ({ votesApi: { draft: jest.fn() } }));
const draft = votesApi.draft as jest.Mock;
const now = () => new Date('2027-03-01T00:00:00.000Z');

describe('VoteDraftForm (发起表决)', () => {
  beforeEach(() => draft.mockReset());

  it('sends the question, the options line by line, the matter and a window of the chosen days', async () => {
    draft.mockResolvedValue(openVote);
    const onDrafted = jest.fn();
    render(<VoteDraftForm compounds={[{ value: 31, label: '云凤花园' }]} onDrafted={onDrafted} now={now} />);
    fireEvent.change(screen.getByTestId('draft-question'), { target: { value: '是否筹集维修资金更换5号楼电梯' } });
    fireEvent.change(screen.getByTestId('draft-options'), { target: { value: '同意\n\n 不同意 \n' } });
    fireEvent.click(screen.getByTestId('draft-matter'));
    fireEvent.click(screen.getByText('筹集建筑物及其附属设施的维修资金'));
    fireEvent.click(screen.getByTestId('draft-days'));
    fireEvent.click(screen.getByText('10天'));
    fireEvent.click(screen.getByTestId('draft-submit'));
    await waitFor(() => expect(onDrafted).toHaveBeenCalledWith(openVote));
    expect(draft).toHaveBeenCalledWith({
      compoundId: 31, question: '是否筹集维修资金更换5号楼电梯', options: ['同意', '不同意'], matter: 'raise_maintenance_fund',
      opensAt: '2027-03-01T00:00:00.000Z', closesAt: '2027-03-11T00:00:00.000Z',
    });
  });

  it('refuses a vote with fewer than two options', () => {
    render(<VoteDraftForm compounds={[{ value: 31, label: '云凤花园' }]} onDrafted={jest.fn()} now={now} />);
    fireEvent.change(screen.getByTestId('draft-question'), { target: { value: '是否同意' } });
    fireEvent.change(screen.getByTestId('draft-options'), { target: { value: '同意' } });
    fireEvent.click(screen.getByTestId('draft-submit'));
    expect(screen.getByText('至少需要两个选项')).toBeTruthy();
    expect(draft).not.toHaveBeenCalled();
  });
});
