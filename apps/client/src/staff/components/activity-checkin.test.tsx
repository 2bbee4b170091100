import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Activity } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { ActivityCheckIn } from './activity-checkin';

jest.mock('../../api/points.api', () => ({ pointsApi: { checkIn: jest.fn() } }));
const checkIn = pointsApi.checkIn as jest.Mock;

const activity: Activity = {
  id: 4, communityId: 3, communityName: '安居苑社区', title: '集体劳动', place: '南门', startsAt: '2026-06-01T01:00:00Z', hours: 2, capacity: 10, signedUp: 2,
  signups: [
    { userId: 11, displayName: '李建国', signedUpAt: '2026-05-30T01:00:00Z', attendedAt: null },
    { userId: 12, displayName: '张桂芳', signedUpAt: '2026-05-30T02:00:00Z', attendedAt: '2026-06-01T01:10:00Z' },
  ],
};

describe('ActivityCheckIn (签到)', () => {
  it('checks in a signed-up resident; one already checked in has no button', async () => {
    const after = { ...activity, signups: activity.signups.map((s) => ({ ...s, attendedAt: '2026-06-01T01:20:00Z' })) };
    checkIn.mockResolvedValue(after);
    const onChanged = jest.fn();
    render(<ActivityCheckIn activity={activity} onChanged={onChanged} />);
    expect(screen.queryByTestId('checkin-12')).toBeNull();
    fireEvent.click(screen.getByTestId('checkin-11'));
    await waitFor(() => expect(onChanged).toHaveBeenCalledWith(after));
    expect(checkIn).toHaveBeenCalledWith(4, 11);
  });
});
