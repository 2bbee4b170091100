import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { adminApi } from '../../api/admin.api';
import { ApiError } from '../../api/api-error';
import type { AdminCategory, Organization } from '../../api/api.types';
import { CategoryEditor } from './category-editor';

jest.mock('../../api/admin.api', () => ({ adminApi: { setCategory: jest.fn(), createCategory: jest.fn() } }));
const setCategory = adminApi.setCategory as jest.Mock;
const createCategory = adminApi.createCategory as jest.Mock;

const light: AdminCategory = {
  id: 2, code: 'street_light_out', name: '路灯不亮', groupName: '公共设施', icon: 'light', handlerKind: 'company', defaultPriority: 'normal',
  departmentId: null, departmentName: null, publiclyListed: true, active: true, sortOrder: 2,
};
const building: AdminCategory = { ...light, id: 9, code: 'illegal_building', name: '违章搭建', groupName: '违法违规', icon: 'building', handlerKind: 'department', departmentId: 30, departmentName: '城管执法局', publiclyListed: false };
const departments: Organization[] = [
  { id: 30, code: 'chengguan', name: '城管执法局', shortName: '城管', phone: null, isFallback: false },
  { id: 31, code: 'fire', name: '消防救援大队', shortName: '消防', phone: null, isFallback: false },
];

beforeEach(() => {
  setCategory.mockReset().mockResolvedValue(light);
  createCategory.mockReset();
});

describe('CategoryEditor (报事类别)', () => {
  it('lists each category with its icon, handler and Open311 listing', () => {
    render(<CategoryEditor categories={[light, building]} departments={departments} onSaved={jest.fn()} />);
    expect(screen.getByTestId('category-2').textContent).toBe('💡 路灯不亮 公共设施 · 物业公司 · Open311公开');
    expect(screen.getByTestId('category-9').textContent).toBe('🏗️ 违章搭建 违法违规 · 职能部门：城管执法局');
  });

  it('edits name, icon, owning department and flags, and saves the whole category', async () => {
    const onSaved = jest.fn();
    render(<CategoryEditor categories={[light]} departments={departments} onSaved={onSaved} />);
    fireEvent.click(screen.getByTestId('category-2'));
    fireEvent.change(screen.getByTestId('category-name'), { target: { value: '楼道灯不亮 ' } });
    fireEvent.click(document.querySelector('[data-icon="stairs"]') as Element);
    fireEvent.click(screen.getByTestId('handler-department'));
    fireEvent.click(screen.getByTestId('category-save'));
    expect(screen.getByText('由职能部门办理的类别须选择主管部门')).toBeTruthy();
    expect(setCategory).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('category-department'));
    fireEvent.click(screen.getByText('消防救援大队'));
    fireEvent.click(screen.getByTestId('category-public'));
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(setCategory).toHaveBeenCalledWith(2, {
      name: '楼道灯不亮', groupName: '公共设施', icon: 'stairs', handlerKind: 'department', departmentId: 31, publiclyListed: false, active: true,
    });
  });

  it('refuses a one-character name', () => {
    render(<CategoryEditor categories={[light]} departments={departments} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByTestId('category-2'));
    fireEvent.change(screen.getByTestId('category-name'), { target: { value: '灯' } });
    fireEvent.click(screen.getByTestId('category-save'));
    expect(screen.getByText('类别名称须为2–50个字')).toBeTruthy();
    expect(setCategory).not.toHaveBeenCalled();
  });

  it('adds a category with its code and starting priority, refusing a bad code before asking the API', async () => {
    createCategory.mockResolvedValue({ ...light, id: 40, code: 'bike_shed_hazard' });
    const onSaved = jest.fn();
    render(<CategoryEditor categories={[light]} departments={departments} onSaved={onSaved} />);
    fireEvent.click(screen.getByTestId('category-new'));
    fireEvent.change(screen.getByTestId('category-code'), { target: { value: 'Bike Shed' } });
    fireEvent.change(screen.getByTestId('category-name'), { target: { value: '车棚隐患' } });
    fireEvent.change(screen.getByTestId('category-group'), { target: { value: '消防安全' } });
    fireEvent.click(screen.getByTestId('category-save'));
    expect(screen.getByText('类别编码须为3–64位小写字母、数字或下划线，以字母开头')).toBeTruthy();
    expect(createCategory).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('category-code'), { target: { value: 'bike_shed_hazard' } });
    fireEvent.click(screen.getByTestId('category-priority-urgent'));
    fireEvent.click(document.querySelector('[data-icon="stairs"]') as Element);
    fireEvent.click(screen.getByTestId('category-save'));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(createCategory).toHaveBeenCalledWith({
      code: 'bike_shed_hazard', name: '车棚隐患', groupName: '消防安全', icon: 'stairs', handlerKind: 'company', departmentId: null,
      defaultPriority: 'urgent', publiclyListed: false, active: true,
    });
    expect(setCategory).not.toHaveBeenCalled();
    expect(screen.queryByTestId('category-form')).toBeNull();
  });

  it('shows the API’s answer to a taken code in Chinese and keeps the form open', async () => {
    createCategory.mockRejectedValue(new ApiError('CATEGORY_CODE_EXISTS', 409, 'code: street_light_out is already taken'));
    render(<CategoryEditor categories={[light]} departments={departments} onSaved={jest.fn()} />);
    fireEvent.click(screen.getByTestId('category-new'));
    fireEvent.change(screen.getByTestId('category-code'), { target: { value: 'street_light_out' } });
    fireEvent.change(screen.getByTestId('category-name'), { target: { value: '路灯不亮' } });
    fireEvent.change(screen.getByTestId('category-group'), { target: { value: '公共设施' } });
    fireEvent.click(screen.getByTestId('category-save'));
    expect(await screen.findByText('该类别编码已被使用，请换一个编码')).toBeTruthy();
    expect(screen.getByTestId('category-form')).toBeTruthy();
  });
});
