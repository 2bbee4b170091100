import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { DistrictImportResult } from '../../../api/api.types';
import { districtApi } from '../../../api/district.api';
import { downloadReport } from '../../../platform/report-download';
import { pickSheet } from '../../../platform/sheet-picker';
import DistrictImportPage from './index';

jest.mock('../../../api/district.api', () => ({
  districtApi: { import: jest.fn(), templatePath: (kind: string, format: string) => `/admin/district-import/template?kind=${kind}&format=${format}` },
}));
jest.mock('../../../platform/sheet-picker', () => ({ pickSheet: jest.fn() }));
jest.mock('../../../platform/report-download', () => ({ EXPORT_FORMATS: ['xlsx', 'csv'], downloadReport: jest.fn().mockResolvedValue(undefined) }));
jest.mock('../../../hooks/use-me.hook', () => ({ useSignedIn: () => ({ id: 1, roles: ['admin'] }) }));

const upload = districtApi.import as jest.Mock;
const pick = pickSheet as jest.Mock;

const preview = (refused: boolean): DistrictImportResult => ({
  kind: 'companies', dryRun: true, format: 'xlsx', encoding: null,
  summary: { rows: 3, created: 1, updated: 1, unchanged: refused ? 0 : 1, refused: refused ? 1 : 0 },
  rows: [
    { line: 2, key: '91640106MA76A00013 银川中房物业服务有限公司', status: 'created', changes: [{ field: 'created', from: null, to: '…' }] },
    { line: 3, key: '91640106MA76A00021 宁夏塞上阳光物业', status: 'updated', changes: [{ field: 'phone', from: '0951-1', to: '0951-5100002' }] },
    refused
      ? { line: 4, key: '91640106MA76A0003X', status: 'refused', changes: [], reason: { code: 'INVALID', field: 'uscc', column: '统一社会信用代码', message: 'the check character (the 18th) does not match' } }
      : { line: 4, key: '91640106MA76A00048 银川阅海物业', status: 'unchanged', changes: [] },
  ],
});

beforeEach(() => jest.clearAllMocks());

describe('辖区数据导入 screen', () => {
  it('downloads the template of the chosen kind, previews the file row by row, then imports the same file on confirm', async () => {
    pick.mockResolvedValue({ path: 'blob:companies', name: '物业公司.xlsx' });
    upload.mockResolvedValueOnce(preview(false)).mockResolvedValueOnce({ ...preview(false), dryRun: false });
    render(<DistrictImportPage />);
    fireEvent.click(screen.getByText('物业公司'));
    fireEvent.click(screen.getByTestId('district-import-template').querySelector('[data-format="csv"]') as Element);
    await waitFor(() => expect(downloadReport).toHaveBeenCalledWith('/admin/district-import/template?kind=companies&format=csv', '物业公司导入模板.csv'));

    fireEvent.click(screen.getByTestId('district-import-choose'));
    await screen.findByTestId('district-import-result');
    expect(upload).toHaveBeenLastCalledWith('companies', 'blob:companies', '物业公司.xlsx', true);
    expect(screen.getByTestId('district-import-summary').textContent).toBe('共 3 行：新增 1，更新 1，无变化 1，未通过 0');
    const lines = Array.from(document.querySelectorAll('[data-import-line]'), (e) => e.textContent);
    expect(lines).toContain('第3行 更新91640106MA76A00021 宁夏塞上阳光物业 电话 0951-1 → 0951-5100002');

    fireEvent.click(screen.getByTestId('district-import-confirm'));
    await waitFor(() => expect(upload).toHaveBeenLastCalledWith('companies', 'blob:companies', '物业公司.xlsx', false));
    await waitFor(() => expect(screen.queryByTestId('district-import-confirm')).toBeNull());
    expect(screen.getByText('导入结果')).toBeTruthy();
  });

  it('a preview with a refused row shows the row, its column and reason first, and offers no import', async () => {
    pick.mockResolvedValue({ path: 'blob:bad', name: 'bad.csv' });
    upload.mockResolvedValueOnce(preview(true));
    render(<DistrictImportPage />);
    fireEvent.click(screen.getByTestId('district-import-choose'));
    await screen.findByTestId('district-import-result');
    const first = document.querySelector('[data-import-line]') as Element;
    expect(first.getAttribute('data-import-status')).toBe('refused');
    expect(first.textContent).toContain('第4行 未通过');
    expect(first.textContent).toContain('统一社会信用代码格式不正确');
    expect(screen.queryByTestId('district-import-confirm')).toBeNull();
    expect(screen.getByTestId('district-import-blocked').textContent).toBe('有 1 行未通过：请修改文件后重新选择');
  });

  it('names the missing columns of a wrong file in Chinese', async () => {
    const { ApiError } = jest.requireActual('../../../api/api-error');
    pick.mockResolvedValue({ path: 'blob:x', name: 'x.csv' });
    upload.mockRejectedValueOnce(new ApiError('VALIDATION_FAILED', 400, 'file: missing column(s) 街道、社区 — is this the org template?', [{ field: 'file' }]));
    render(<DistrictImportPage />);
    fireEvent.click(screen.getByTestId('district-import-choose'));
    expect((await screen.findByTestId('district-import-problem')).textContent).toBe('文件缺少必填列：街道、社区（请使用下载的模板）');
  });
});
