import { render, screen } from '@testing-library/react';
import { ParticipationTable } from './participation-table';

describe('ParticipationTable', () => {
  it('shows each community’s residents, points earned and spent, and activities', () => {
    render(
      <ParticipationTable
        data={{
          from: '2026-06-01', to: '2026-06-30',
          items: [
            { communityId: 3, communityName: '安居苑社区', residents: 12, earned: 860, spent: 300, activitiesHeld: 4, attendances: 37 },
            { communityId: 4, communityName: '海珀兰轩社区', residents: 0, earned: 0, spent: 0, activitiesHeld: 0, attendances: 0 },
          ],
        }}
      />,
    );
    expect(screen.getByText('安居苑社区')).toBeTruthy();
    expect(screen.getByText(/参与居民 12 人 · 获得 860 分 · 兑换 300 分 · 活动 4 场（签到 37 人次）/)).toBeTruthy();
    expect(screen.getByText('2026-06-01 至 2026-06-30')).toBeTruthy();
  });
});
