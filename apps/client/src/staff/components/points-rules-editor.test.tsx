import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { PointsRule } from '../../api/api.types';
import { pointsApi } from '../../api/points.api';
import { PointsRulesEditor } from './points-rules-editor';

jest.mock('../../api/points.api', () => ({ pointsApi: { setRule: jest.fn() } }));
const setRule = pointsApi.setRule as jest.Mock;

const district: PointsRule = { id: 1, orgUnitId: 1, orgUnitName: '金凤区', orgUnitKind: 'district', kind: 'activity_hour', points: 5, dailyCap: 100, updatedAt: '2026-06-01T00:00:00Z' };

describe('PointsRulesEditor (积分规则)', () => {
  it('shows the rule in force (the district’s until the community sets its own) and saves the community’s', async () => {
    setRule.mockResolvedValue({ items: [] });
    const onSaved = jest.fn();
    render(<PointsRulesEditor communityId={3} rules={[district]} onSaved={onSaved} />);
    expect(screen.getByText('现行：5 分/小时，每日上限 100 分（金凤区）')).toBeTruthy();
    expect(screen.getAllByText('未设置，不计分')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('rule-activity_hour-points'), { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('rule-activity_hour-cap'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('rule-activity_hour-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setRule).toHaveBeenCalledWith({ orgUnitId: 3, kind: 'activity_hour', points: 10, dailyCap: 30 });
  });
});
