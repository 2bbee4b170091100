import { fireEvent, render, screen } from '@testing-library/react';
import type { ActivitySummary } from '../../api/api.types';
import { ActivityCard } from './activity-card';

const activity: ActivitySummary = {
  id: 4, communityId: 3, communityName: '安居苑社区', title: '湖畔嘉苑环境集体劳动', place: '湖畔嘉苑南门', startsAt: '2026-06-01T01:00:00Z',
  hours: 2, capacity: 10, signedUp: 3, signedUpByMe: false, attendedAt: null,
};

describe('ActivityCard', () => {
  it('shows time, place, hours and seats; a resident signs up', () => {
    const onSignUp = jest.fn();
    render(<ActivityCard activity={activity} onSignUp={onSignUp} />);
    expect(screen.getByText('2 小时')).toBeTruthy();
    expect(screen.getByText('名额 3 / 10')).toBeTruthy();
    fireEvent.click(screen.getByText('报名'));
    expect(onSignUp).toHaveBeenCalledWith(activity);
  });

  it('says where the resident stands: signed up, checked in, or full', () => {
    const { rerender } = render(<ActivityCard activity={{ ...activity, signedUpByMe: true }} onSignUp={jest.fn()} />);
    expect(screen.getByText('已报名')).toBeTruthy();
    rerender(<ActivityCard activity={{ ...activity, signedUpByMe: true, attendedAt: '2026-06-01T03:00:00Z' }} onSignUp={jest.fn()} />);
    expect(screen.getByText('已签到')).toBeTruthy();
    rerender(<ActivityCard activity={{ ...activity, signedUp: 10 }} onSignUp={jest.fn()} />);
    expect(screen.getByText('名额已满')).toBeTruthy();
  });
});
