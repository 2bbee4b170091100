import { render, screen } from '@testing-library/react';
import type { RegisterImportResult as Result } from '../../api/api.types';
import { RegisterImportResult } from './register-import-result';

const preview: Result = {
  dryRun: true, encoding: 'gbk', compound: { id: 31, name: '云凤花园' },
  summary: { rows: 3, valid: 1, created: 0, updated: 0, unchanged: 0, refused: 2 },
  rows: [
    { line: 2, building: '2号楼', unitNo: '1-301', status: 'valid' },
    { line: 3, building: '2号楼', unitNo: '1-302', status: 'refused', reason: { code: 'INVALID', field: 'area', message: '建筑面积: must be greater than 0' } },
    { line: 4, building: '99号楼', unitNo: '1-101', status: 'refused', reason: { code: 'NOT_FOUND', field: 'building', message: '楼栋: no building' } },
  ],
};

describe('RegisterImportResult', () => {
  it('previews the file with each refused row and its reason in Chinese', () => {
    render(<RegisterImportResult result={preview} />);
    expect(screen.getByTestId('register-summary').textContent).toBe('预览：共 3 户，可导入 1 户，有误 2 户');
    expect(screen.getByText('建筑面积不正确')).toBeTruthy();
    expect(screen.getByText('楼栋在本小区不存在')).toBeTruthy();
    expect(screen.getByText(/有误的文件不会导入任何一行/)).toBeTruthy();
  });

  it('reports what the import wrote (a re-import changes nothing)', () => {
    render(<RegisterImportResult result={{ ...preview, dryRun: false, rows: [], summary: { rows: 8, valid: 0, created: 0, updated: 0, unchanged: 8, refused: 0 } }} />);
    expect(screen.getByTestId('register-summary').textContent).toBe('已导入：新增 0 户，更新 0 户，未变 8 户');
  });
});
