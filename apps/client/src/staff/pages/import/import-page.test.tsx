import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { HotlineImportResult } from '../../../api/api.types';
import { importHotline } from '../../../api/imports.api';
import { pickCsv } from '../../../platform/csv-picker';
import ImportPage from './index';

jest.mock('../../../api/imports.api', () => ({ importHotline: jest.fn() }));
jest.mock('../../../platform/csv-picker', () => ({ pickCsv: jest.fn() }));
jest.mock('../../../hooks/use-me.hook', () => ({ useSignedIn: () => ({ id: 1, roles: ['community_staff'] }) }));

const upload = importHotline as jest.Mock;
const pick = pickCsv as jest.Mock;

const preview: HotlineImportResult = {
  dryRun: true,
  encoding: 'gbk',
  summary: { rows: 4, created: 0, wouldCreate: 1, skipped: 2, refused: 1 },
  rows: [
    { line: 2, hotlineCaseNo: 'NX-0031', status: 'would_create' },
    { line: 3, hotlineCaseNo: 'NX-0031', status: 'skipped', reason: { code: 'REPEATED_IN_FILE', field: '工单编号', message: '工单编号: same case as line 2' } },
    { line: 4, hotlineCaseNo: 'NX-0040', status: 'skipped', reason: { code: 'ALREADY_IMPORTED', field: '工单编号', message: '…' }, ticket: { id: 9, no: 'HG261124000009' } },
    { line: 5, hotlineCaseNo: 'NX-0057', status: 'refused', reason: { code: 'OUT_OF_SCOPE', field: '小区', message: '…' } },
  ],
};

beforeEach(() => jest.clearAllMocks());

describe('12345 import screen', () => {
  it('previews the chosen file first, refused rows on top with the reason in Chinese, then imports on confirm', async () => {
    pick.mockResolvedValue({ path: 'blob:export', name: 'export.csv' });
    upload.mockResolvedValueOnce(preview).mockResolvedValueOnce({
      ...preview, dryRun: false, summary: { ...preview.summary, created: 1, wouldCreate: 0 },
      rows: preview.rows.map((r) => (r.status === 'would_create' ? { ...r, status: 'created', ticket: { id: 10, no: 'HG261125000010' } } : r)),
    });
    render(<ImportPage />);
    fireEvent.click(screen.getByTestId('import-choose'));
    await screen.findByTestId('import-result');
    expect(upload).toHaveBeenLastCalledWith('blob:export', 'export.csv', true);
    expect(screen.getByTestId('import-summary').textContent).toBe('共 4 行：将创建 1，跳过 2，未导入 1');
    const lines = Array.from(document.querySelectorAll('[data-import-line]'), (e) => e.textContent);
    expect(lines[0]).toBe('第5行 未导入NX-0057 小区不在您的辖区');
    expect(lines).toContain('第3行 跳过NX-0031 文件内重复（同第2行）');
    expect(lines).toContain('第4行 跳过NX-0040 → HG261124000009 工单编号已录入过');

    fireEvent.click(screen.getByTestId('import-confirm'));
    await waitFor(() => expect(upload).toHaveBeenLastCalledWith('blob:export', 'export.csv', false));
    await waitFor(() => expect(screen.getByTestId('import-summary').textContent).toBe('共 4 行：已创建 1，跳过 2，未导入 1'));
    expect(screen.queryByTestId('import-confirm')).toBeNull();
  });

  it('shows a whole-file refusal in Chinese and offers no import', async () => {
    const { ApiError } = jest.requireActual('../../../api/api-error');
    pick.mockResolvedValue({ path: 'blob:bad', name: 'bad.xlsx' });
    upload.mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', 400, 'file: not a CSV text file', [{ field: 'file', message: '…' }]));
    render(<ImportPage />);
    fireEvent.click(screen.getByTestId('import-choose'));
    expect((await screen.findByTestId('import-problem')).textContent).toBe('无法读取文件：请上传热线平台导出的 CSV 文件（且至少有一行工单）');
    upload.mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', 400, 'file: missing column(s) 小区, 诉求内容', [{ field: '小区' }, { field: '诉求内容' }]));
    fireEvent.click(screen.getByTestId('import-choose'));
    await waitFor(() => expect(screen.getByTestId('import-problem').textContent).toBe('文件缺少必填列：小区、诉求内容（列名见导入说明）'));
    expect(screen.queryByTestId('import-confirm')).toBeNull();
  });
});
