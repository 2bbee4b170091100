import { fireEvent, render, screen } from '@testing-library/react';
import type { PublicTicket } from '../../api/api.types';
import { formatTime } from '../../lib/format.util';
import { FollowedTicket } from './followed-ticket';

const view: PublicTicket = {
  id: 7, no: 'RB20261204000007', status: 'accepted', category: { id: 3, name: '路灯不亮', icon: 'light' }, summary: '3号楼路灯不亮，请联系***',
  followerCount: 4, following: true, mine: false, createdAt: '2026-12-01T02:00:00.000Z',
  steps: [
    { status: 'submitted', at: '2026-12-01T02:00:00.000Z' },
    { status: 'dispatched', at: '2026-12-01T03:00:00.000Z' },
    { status: 'accepted', at: '2026-12-01T04:00:00.000Z' },
  ],
};

describe('FollowedTicket (也遇到了: a followed ticket, read-only)', () => {
  it('shows the category, status in words, summary, the public steps and the 我也遇到了 count', () => {
    render(<FollowedTicket view={view} busy={false} onUnfollow={jest.fn()} />);
    expect(screen.getByText('路灯不亮')).toBeTruthy();
    expect(screen.getByText('3号楼路灯不亮，请联系***')).toBeTruthy();
    expect(screen.getByTestId('follower-count').textContent).toBe('4 人');
    const steps = screen.getAllByTestId('public-step');
    expect(steps).toHaveLength(3);
    expect(steps.map((s) => s.textContent)).toEqual([
      `${formatTime(view.steps[0].at)}待派单`, `${formatTime(view.steps[1].at)}待接单`, `${formatTime(view.steps[2].at)}处理中`,
    ]);
    expect(screen.getAllByText('处理中')).toHaveLength(2); // the status chip and the last step
    // No action bar, no timeline of people: only the one button.
    expect(screen.getAllByRole('button')).toHaveLength(1);
  });

  it('取消关注 calls back, and is gone when not following (the reporter) or disabled while busy', () => {
    const onUnfollow = jest.fn();
    const { rerender } = render(<FollowedTicket view={view} busy={false} onUnfollow={onUnfollow} />);
    fireEvent.click(screen.getByTestId('unfollow-button'));
    expect(onUnfollow).toHaveBeenCalledTimes(1);
    rerender(<FollowedTicket view={view} busy onUnfollow={onUnfollow} />);
    expect((screen.getByTestId('unfollow-button') as HTMLButtonElement).disabled).toBe(true);
    rerender(<FollowedTicket view={{ ...view, following: false }} busy={false} onUnfollow={onUnfollow} />);
    expect(screen.queryByTestId('unfollow-button')).toBeNull();
  });
});
