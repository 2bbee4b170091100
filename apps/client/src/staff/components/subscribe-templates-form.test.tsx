import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { adminApi } from '../../api/admin.api';
import type { SubscribeTemplateSetting } from '../../api/api.types';
import { SubscribeTemplatesForm } from './subscribe-templates-form';

jest.mock('../../api/admin.api', () => ({ adminApi: { setSubscribeTemplates: jest.fn() } }));
const setTemplates = adminApi.setSubscribeTemplates as jest.Mock;

const templates: SubscribeTemplateSetting[] = [
  { template: 'status', label: '工单状态通知', templateId: 'env-status-template', source: 'env', envDefault: 'env-status-template', updatedAt: null },
  { template: 'visit', label: '回访邀请', templateId: 'admin-visit-template', source: 'setting', envDefault: null, updatedAt: '2026-12-01T00:00:00Z' },
];

beforeEach(() => setTemplates.mockReset().mockResolvedValue(templates));

describe('SubscribeTemplatesForm (订阅消息模板)', () => {
  it('shows the id in force and where it comes from', () => {
    render(<SubscribeTemplatesForm templates={templates} onSaved={jest.fn()} />);
    expect(screen.getByTestId('template-status-current').textContent).toBe('现用：env-status-template（部署默认（环境变量））');
    expect(screen.getByTestId('template-visit-current').textContent).toBe('现用：admin-visit-template（后台设置）');
    expect((screen.getByTestId('template-visit') as HTMLInputElement).value).toBe('admin-visit-template');
  });

  it('refuses a malformed id in Chinese, then saves; a cleared field goes back to the default', async () => {
    const onSaved = jest.fn();
    render(<SubscribeTemplatesForm templates={templates} onSaved={onSaved} />);
    fireEvent.change(screen.getByTestId('template-status'), { target: { value: '模板 1' } });
    fireEvent.click(screen.getByTestId('templates-save'));
    expect(screen.getByText('模板ID应为微信公众平台中的8–64位字母、数字、_或-')).toBeTruthy();
    expect(setTemplates).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('template-status'), { target: { value: ' bDmywsp2oEHjwAadTGKk ' } });
    fireEvent.change(screen.getByTestId('template-visit'), { target: { value: '' } });
    fireEvent.click(screen.getByTestId('templates-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(templates));
    expect(setTemplates).toHaveBeenCalledWith({ status: 'bDmywsp2oEHjwAadTGKk', visit: null });
  });
});
