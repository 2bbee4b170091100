import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { AdminOrgUnit } from '../../../api/api.types';
import { districtApi } from '../../../api/district.api';
import DistrictDataPage from './index';

jest.mock('../../../api/district.api', () => ({
  districtApi: { units: jest.fn(), editUnit: jest.fn(), history: jest.fn(), companies: jest.fn(), contracts: jest.fn(), departments: jest.fn() },
}));
jest.mock('../../../api/org.api', () => ({ orgApi: { categories: jest.fn().mockResolvedValue([]) } }));
jest.mock('../../../hooks/use-me.hook', () => ({ useSignedIn: () => ({ id: 1, roles: ['admin'] }) }));

const api = districtApi as jest.Mocked<typeof districtApi>;
const unit = (over: Partial<AdminOrgUnit>): AdminOrgUnit => ({
  id: 1, kind: 'district', code: 'jinfeng', name: '金凤区', parentId: null, households: null, entrances: null, floorAreaM2: null, address: null, children: 1, ...over,
});
const compound = unit({ id: 7, kind: 'compound', code: 'c', name: '明园小区', parentId: 5, households: 486, floorAreaM2: '42600.00', children: 0 });

beforeEach(() => jest.clearAllMocks());

describe('辖区基础数据 screen', () => {
  it('drills down the tree, saves only the changed field, and shows the history with old → new', async () => {
    api.units.mockImplementation(async (parentId?: number) => (parentId === undefined ? { parent: null, items: [unit({})] } : { parent: unit({}), items: [compound] }));
    api.editUnit.mockResolvedValue({ ...compound, households: 490 });
    api.history.mockResolvedValue({ items: [
      { id: 3, field: 'households', from: '486', to: '490', source: 'edit', at: '2026-12-04T02:00:00Z', actor: { id: 1, displayName: '区管理员' } },
      { id: 1, field: 'created', from: null, to: '满城北街街道 / 中强巷社区 / 第一网格 / 明园小区', source: 'import', at: '2026-12-01T02:00:00Z', actor: { id: 1, displayName: '区管理员' } },
    ] });
    render(<DistrictDataPage />);
    fireEvent.click(await screen.findByText('区 金凤区（编号 1）'));
    fireEvent.click(screen.getByText('查看下级（1）'));
    fireEvent.click(await screen.findByText('小区 明园小区（编号 7）'));
    fireEvent.change(screen.getByTestId('unit-edit-7-households'), { target: { value: '490' } });
    fireEvent.click(screen.getByTestId('unit-edit-7-save'));
    await waitFor(() => expect(api.editUnit).toHaveBeenCalledWith(7, { households: 490 }));

    fireEvent.click(screen.getByTestId('history-org_unit-7').querySelector('button') as Element);
    expect(await screen.findByText('户数：486 → 490')).toBeTruthy();
    expect(api.history).toHaveBeenCalledWith('org_unit', 7);
    expect(screen.getByText(/区管理员（导入）/)).toBeTruthy();
  });
});
