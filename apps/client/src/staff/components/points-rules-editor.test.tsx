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
    render(<PointsRulesEditor scopes={[{ id: 3, name: '丽子园社区', kind: 'community' }]} rules={[district]} onSaved={onSaved} />);
    expect(screen.queryByTestId('rule-scope')).toBeNull();
    expect(screen.getByText('现行：5 分/小时，每日上限 100 分（金凤区）')).toBeTruthy();
    expect(screen.getAllByText('未设置，不计分')).toHaveLength(2);
    fireEvent.change(screen.getByTestId('rule-activity_hour-points'), { target: { value: '10' } });
    fireEvent.change(screen.getByTestId('rule-activity_hour-cap'), { target: { value: '30' } });
    fireEvent.click(screen.getByTestId('rule-activity_hour-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setRule).toHaveBeenCalledWith({ orgUnitId: 3, kind: 'activity_hour', points: 10, dailyCap: 30 });
  });

  it('lets an admin pick 全区 or a community; the inputs follow the scope and the rule is saved for it', async () => {
    setRule.mockReset().mockResolvedValue({ items: [] });
    const own: PointsRule = { ...district, id: 2, orgUnitId: 3, orgUnitName: '丽子园社区', orgUnitKind: 'community', points: 8, dailyCap: 40 };
    const onSaved = jest.fn();
    render(
      <PointsRulesEditor
        scopes={[{ id: 1, name: '金凤区', kind: 'district' }, { id: 3, name: '丽子园社区', kind: 'community' }, { id: 4, name: '长城花园社区', kind: 'community' }]}
        rules={[own, district]} onSaved={onSaved} />,
    );
    // 全区 first: the district's own rule, not a community's.
    expect(screen.getByTestId('rule-scope').textContent).toContain('全区（金凤区）');
    expect((screen.getByTestId('rule-activity_hour-points') as HTMLInputElement).value).toBe('5');
    fireEvent.change(screen.getByTestId('rule-report_confirmed-points'), { target: { value: '3' } });
    fireEvent.change(screen.getByTestId('rule-report_confirmed-cap'), { target: { value: '9' } });
    fireEvent.click(screen.getByTestId('rule-report_confirmed-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(setRule).toHaveBeenLastCalledWith({ orgUnitId: 1, kind: 'report_confirmed', points: 3, dailyCap: 9 });

    // A community with its own rule shows it; one without inherits the district's.
    fireEvent.click(screen.getByTestId('rule-scope'));
    fireEvent.click(screen.getByText('丽子园社区'));
    expect((screen.getByTestId('rule-activity_hour-points') as HTMLInputElement).value).toBe('8');
    fireEvent.click(screen.getByTestId('rule-scope'));
    fireEvent.click(screen.getByText('长城花园社区'));
    expect(screen.getByText('现行：5 分/小时，每日上限 100 分（金凤区）')).toBeTruthy();
    fireEvent.change(screen.getByTestId('rule-activity_hour-points'), { target: { value: '6' } });
    fireEvent.click(screen.getByTestId('rule-activity_hour-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(2));
    expect(setRule).toHaveBeenLastCalledWith({ orgUnitId: 4, kind: 'activity_hour', points: 6, dailyCap: 100 });
  });
});
