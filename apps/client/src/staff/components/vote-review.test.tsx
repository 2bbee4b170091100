import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import { votesApi } from '../../api/votes.api';
import { openVote } from '../../components/vote-card/vote.fixture';
import { VoteReview } from './vote-review';

jest.mock('../../api/votes.api', () => ({ votesApi: { review: jest.fn() } }));
const review = votesApi.review as jest.Mock;
const draft = { ...openVote, status: 'pending_review' as const, phase: 'pending_review' as const, canReview: true };

describe('VoteReview (社区审核)', () => {
  beforeEach(() => review.mockReset());

  it('approves without a note', async () => {
    review.mockResolvedValue({ ...draft, status: 'scheduled', phase: 'open' });
    const onReviewed = jest.fn();
    render(<VoteReview vote={draft} onReviewed={onReviewed} />);
    fireEvent.click(screen.getByText('审核通过'));
    await waitFor(() => expect(onReviewed).toHaveBeenCalled());
    expect(review).toHaveBeenCalledWith(5, 'approve', undefined);
  });

  it('asks for a reason before rejecting, then sends it', async () => {
    review.mockResolvedValue({ ...draft, status: 'rejected', phase: 'rejected' });
    render(<VoteReview vote={draft} onReviewed={jest.fn()} />);
    fireEvent.click(screen.getByText('不通过'));
    expect(screen.getByText('请填写不通过的理由')).toBeTruthy();
    fireEvent.change(screen.getByTestId('review-note'), { target: { value: ' 请补充维修预算 ' } });
    fireEvent.click(screen.getByText('不通过'));
    await waitFor(() => expect(review).toHaveBeenCalledWith(5, 'reject', '请补充维修预算'));
  });

  it('tells the loser of a race that a colleague reviewed first', async () => {
    review.mockRejectedValue(new ApiError('VOTE_STATE_CHANGED', 409, 'reviewed'));
    render(<VoteReview vote={draft} onReviewed={jest.fn()} />);
    fireEvent.click(screen.getByText('审核通过'));
    expect(await screen.findByText('该表决已被他人处理，请刷新后查看')).toBeTruthy();
  });
});
