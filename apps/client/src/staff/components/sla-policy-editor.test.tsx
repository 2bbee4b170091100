import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { adminApi } from '../../api/admin.api';
import type { AdminCategory, SlaPolicy } from '../../api/api.types';
import { SlaPolicyEditor } from './sla-policy-editor';
import { durationText } from './sla-policy.util';

jest.mock('../../api/admin.api', () => ({ adminApi: { setSlaPolicy: jest.fn() } }));
const setSlaPolicy = adminApi.setSlaPolicy as jest.Mock;

const category: AdminCategory = {
  id: 7, code: 'manhole_cover_missing', name: '井盖缺失', groupName: '公共设施', icon: 'manhole', handlerKind: 'company', defaultPriority: 'emergency',
  departmentId: null, departmentName: null, publiclyListed: true, active: true, sortOrder: 1,
};
const emergency: SlaPolicy = {
  id: 1, categoryId: 7, categoryName: '井盖缺失', priority: 'emergency', clock: 'clock', dispatchMinutes: 10, acceptMinutes: 30, resolveMinutes: 120,
  surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.8, escalationMinutes: 30, maxPauseMinutes: 1440, updatedAt: '2026-11-01T00:00:00Z',
};

beforeEach(() => setSlaPolicy.mockReset().mockResolvedValue(emergency));

describe('SlaPolicyEditor (时限策略)', () => {
  it('shows each priority’s legs, its own policy or the default, in readable durations', () => {
    render(<SlaPolicyEditor categories={[category]} policies={[emergency]} onSaved={jest.fn()} />);
    expect(screen.getByTestId('policy-7:emergency').textContent).toBe('紧急 派单 10分 · 接单 30分 · 办结 2小时');
    expect(screen.getByTestId('policy-7:normal').textContent).toContain('办结 24小时（工作时间）（默认）');
  });

  it('refuses bad values with Chinese messages per field and saves nothing', () => {
    render(<SlaPolicyEditor categories={[category]} policies={[emergency]} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByTestId('policy-7:emergency'));
    fireEvent.change(screen.getByTestId('policy-dispatchMinutes'), { target: { value: '0' } });
    fireEvent.change(screen.getByTestId('policy-resolveMinutes'), { target: { value: '20' } });
    fireEvent.change(screen.getByTestId('policy-visitMinutes'), { target: { value: '99999' } });
    fireEvent.change(screen.getByTestId('policy-warnPercent'), { target: { value: '100' } });
    fireEvent.click(screen.getByTestId('policy-save'));
    const shown = Object.fromEntries(Array.from(document.querySelectorAll('[data-problem]'), (e) => [e.getAttribute('data-problem'), e.textContent]));
    expect(shown).toEqual({
      dispatchMinutes: '派单时限须为正整数（分钟）',
      resolveMinutes: '办结时限不应短于接单时限',
      visitMinutes: '电话回访窗口不能超过 8 周（80640 分钟）',
      warnPercent: '预警比例须为 10–99 之间的整数（%）',
    });
    expect(setSlaPolicy).not.toHaveBeenCalled();
  });

  it('saves a default priority as the category’s own policy, switched to working time', async () => {
    const onSaved = jest.fn();
    render(<SlaPolicyEditor categories={[category]} policies={[emergency]} onSaved={onSaved} />);
    fireEvent.click(screen.getByTestId('policy-7:urgent'));
    fireEvent.click(screen.getByTestId('clock-working'));
    fireEvent.change(screen.getByTestId('policy-acceptMinutes'), { target: { value: '90' } });
    fireEvent.click(screen.getByTestId('policy-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setSlaPolicy).toHaveBeenCalledWith({
      categoryId: 7, priority: 'urgent', clock: 'working', dispatchMinutes: 60, acceptMinutes: 90, resolveMinutes: 480, escalationMinutes: 120,
      maxPauseMinutes: 4320, surveyMinutes: 4320, visitMinutes: 10080, warnRatio: 0.8,
    });
  });
});

describe('durationText', () => {
  it('counts days only on clock time', () => {
    expect(durationText(4320, 'clock')).toBe('3天');
    expect(durationText(1530, 'working')).toBe('25小时30分（工作时间）');
  });
});
