import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { adminApi } from '../../api/admin.api';
import type { Open311Key } from '../../api/api.types';
import { Open311KeysPanel } from './open311-keys-panel';

jest.mock('../../api/admin.api', () => ({ adminApi: { issueOpen311Key: jest.fn(), revokeOpen311Key: jest.fn() } }));
const issue = adminApi.issueOpen311Key as jest.Mock;
const revoke = adminApi.revokeOpen311Key as jest.Mock;

const hotline: Open311Key = {
  id: 3, name: '金凤区12345热线', keyPrefix: 'o311_ab12', reporterId: 40, createdBy: 1, createdAt: '2026-11-02T02:00:00Z', lastUsedAt: '2026-12-01T06:30:00Z',
  revokedAt: null, requestCount: 12, scope: 'full', purpose: '12345热线回访来电市民的报事办理情况',
};
const old: Open311Key = { ...hotline, id: 4, name: '旧客户端', scope: 'public', purpose: null, lastUsedAt: null, revokedAt: '2026-11-20T01:00:00Z', requestCount: 0 };

beforeEach(() => jest.clearAllMocks());

describe('Open311KeysPanel (接口密钥)', () => {
  it('lists each key with its scope, stated purpose and last use; a revoked key cannot be revoked again', () => {
    render(<Open311KeysPanel keys={[hotline, old]} onChanged={jest.fn()} />);
    const first = document.querySelector('[data-key="3"]')?.textContent ?? '';
    expect(first).toContain('权限：完整数据（精确位置与描述）');
    expect(first).toContain('用途：12345热线回访来电市民的报事办理情况');
    expect(first).toContain('请求 12 次');
    expect(first).not.toContain('从未使用');
    expect(document.querySelector('[data-key="4"]')?.textContent).toContain('最近使用 从未使用');
    expect(screen.queryByTestId('revoke-4')).toBeNull();
    expect(screen.getByTestId('revoked-4')).toBeTruthy();
  });

  it('asks for a purpose before a full-scope key, then shows the issued key once', async () => {
    issue.mockResolvedValue({ id: 5, name: '区城管平台', key: 'o311_secret_once', keyPrefix: 'o311_secr', reporterId: 41, createdAt: '2026-12-04T00:00:00Z' });
    const onChanged = jest.fn();
    render(<Open311KeysPanel keys={[]} onChanged={onChanged} />);
    fireEvent.change(screen.getByTestId('key-name'), { target: { value: '区城管平台' } });
    fireEvent.click(screen.getByTestId('key-scope-full'));
    fireEvent.click(screen.getByTestId('key-issue'));
    expect(screen.getByText('完整数据权限须写明用途（至少4个字）')).toBeTruthy();
    expect(issue).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('key-purpose'), { target: { value: '城管案件协同处置' } });
    fireEvent.click(screen.getByTestId('key-issue'));
    await screen.findByTestId('issued-key');
    expect(issue).toHaveBeenCalledWith({ name: '区城管平台', scope: 'full', purpose: '城管案件协同处置' });
    expect(screen.getByTestId('issued-key').textContent).toContain('o311_secret_once');
    expect(onChanged).toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('copy-key'));
    expect(Taro.setClipboardData).toHaveBeenCalledWith({ data: 'o311_secret_once' });
    fireEvent.click(screen.getByTestId('hide-key'));
    expect(screen.queryByTestId('issued-key')).toBeNull();
  });

  it('revokes after confirmation', async () => {
    revoke.mockResolvedValue({ id: 3, revokedAt: '2026-12-04T00:00:00Z' });
    const onChanged = jest.fn();
    render(<Open311KeysPanel keys={[hotline]} onChanged={onChanged} />);
    fireEvent.click(screen.getByTestId('revoke-3'));
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(Taro.showModal).toHaveBeenCalled();
    expect(revoke).toHaveBeenCalledWith(3);
  });
});
