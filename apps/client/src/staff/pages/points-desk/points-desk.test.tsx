import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { Compound, Me, PointsRule } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { pointsApi } from '../../../api/points.api';
import { session } from '../../../state/session.store';
import PointsDeskPage from './index';

jest.mock('../../../api/points.api', () => ({
  pointsApi: { rules: jest.fn(), activities: jest.fn(), items: jest.fn(), redemptions: jest.fn(), setRule: jest.fn() },
}));
jest.mock('../../../api/org.api', () => ({ orgApi: { compounds: jest.fn() } }));
const api = pointsApi as unknown as Record<'rules' | 'activities' | 'items' | 'redemptions' | 'setRule', jest.Mock>;

const admin: Me = { id: 1, displayName: '系统管理员', phone: null, roles: ['admin'], compound: null, building: null, scopes: [{ role: 'admin', roleLabel: '管理员', orgUnit: null, organization: null }] };
const compound = (id: number, communityId: number, communityName: string): Compound => ({
  id, code: `c${id}`, name: `小区${id}`, address: null, lat: null, lng: null, communityId, communityName, streetId: 5, streetName: '北京中路街道', districtId: 1, districtName: '金凤区', buildings: [],
});
const districtRule: PointsRule = { id: 1, orgUnitId: 1, orgUnitName: '金凤区', orgUnitKind: 'district', kind: 'survey_answered', points: 2, dailyCap: 10, updatedAt: '2026-06-01T00:00:00Z' };

beforeEach(() => {
  Object.values(api).forEach((m) => m.mockReset());
  api.rules.mockResolvedValue({ items: [districtRule] });
  api.activities.mockResolvedValue({ items: [] });
  api.items.mockResolvedValue({ items: [] });
  api.redemptions.mockResolvedValue({ items: [] });
  api.setRule.mockResolvedValue({ items: [] });
  (orgApi.compounds as jest.Mock).mockResolvedValue([compound(30, 10, '安居苑社区'), compound(31, 10, '安居苑社区'), compound(32, 20, '长城社区')]);
  act(() => session.set({ me: admin }));
});

describe('the 积分 desk for an admin', () => {
  it('offers 全区 and each community as the rules scope, and saves a district-wide rule', async () => {
    render(<PointsDeskPage />);
    await waitFor(() => expect(screen.getByTestId('rule-scope')).toBeTruthy());
    expect(screen.getByTestId('rule-scope').textContent).toContain('全区（金凤区）');
    expect(screen.queryByText('仅社区工作人员可用')).toBeNull();
    fireEvent.click(screen.getByTestId('rule-scope'));
    expect(screen.getByText('安居苑社区')).toBeTruthy();
    expect(screen.getByText('长城社区')).toBeTruthy();
    fireEvent.click(screen.getAllByText('全区（金凤区）').slice(-1)[0]);
    fireEvent.change(screen.getByTestId('rule-survey_answered-points'), { target: { value: '3' } });
    fireEvent.click(screen.getByTestId('rule-survey_answered-save'));
    await waitFor(() => expect(api.setRule).toHaveBeenCalledWith({ orgUnitId: 1, kind: 'survey_answered', points: 3, dailyCap: 10 }));
  });
});
