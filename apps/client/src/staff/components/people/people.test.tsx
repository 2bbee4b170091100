import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApiError } from '../../../api/api-error';
import type { AuditEntry, Compound, HouseholdBinding, Organization, UserAccount } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { householdsApi, peopleApi } from '../../../api/people.api';
import { AuditList } from './audit-list';
import { HouseholdRequests } from './household-requests';
import { PersonDetail } from './person-detail';
import { PersonForm } from './person-form';
import { scopeChoice } from './scope-options.util';

jest.mock('../../../api/people.api', () => ({
  peopleApi: { create: jest.fn(), grant: jest.fn(), revoke: jest.fn(), deactivate: jest.fn(), reactivate: jest.fn(), resetPassword: jest.fn(), invite: jest.fn() },
  householdsApi: { decide: jest.fn() },
}));
jest.mock('../../../api/org.api', () => ({ orgApi: { compounds: jest.fn(), companies: jest.fn(), departments: jest.fn() } }));

const compound = {
  id: 31, code: 'hupan', name: '湖畔嘉苑', address: null, lat: null, lng: null, communityId: 21, communityName: '安居苑社区',
  streetId: 11, streetName: '北京中路街道', districtId: 1, districtName: '金凤区', buildings: [{ id: 41, name: '6号楼' }],
} as Compound;
const company = { id: 51, name: '塞上阳光物业' } as Organization;
const department = { id: 61, name: '消防' } as Organization;

const user: UserAccount = {
  id: 9, username: 'zhang.lijuan', displayName: '张丽娟', phone: '13812345678', active: true, hasPassword: true, createdAt: '2027-03-01T00:00:00.000Z',
  roles: [
    { id: 101, role: 'grid_worker', roleLabel: '网格员', orgUnit: { id: 71, name: '安居苑一网格', kind: 'grid' }, organization: null },
    { id: 102, role: 'resident', roleLabel: '居民', orgUnit: null, organization: null },
  ],
  pendingCode: null,
};

const pick = async (testId: string, label: string) => {
  fireEvent.click(screen.getByTestId(testId));
  fireEvent.click(await screen.findByText(label));
};

beforeEach(() => {
  jest.clearAllMocks();
  (orgApi.compounds as jest.Mock).mockResolvedValue([compound]);
  (orgApi.companies as jest.Mock).mockResolvedValue([company]);
  (orgApi.departments as jest.Mock).mockResolvedValue([department]);
});

describe('scopeChoice', () => {
  it('offers each role the scopes the API accepts', () => {
    const choice = (role: Parameters<typeof scopeChoice>[0]) => scopeChoice(role, [compound], [company], [department]);
    expect(choice('community_staff')).toEqual({ field: 'orgUnitId', options: [{ value: 21, label: '安居苑社区' }] });
    expect(choice('street_staff').options).toEqual([{ value: 11, label: '北京中路街道' }]);
    expect(choice('supervisor').options.map((o) => o.label)).toEqual(['金凤区', '北京中路街道']);
    expect(choice('admin')).toMatchObject({ field: 'orgUnitId', optional: true });
    expect(choice('property_manager')).toEqual({ field: 'organizationId', options: [{ value: 51, label: '塞上阳光物业' }] });
    expect(choice('department_staff').options).toEqual([{ value: 61, label: '消防' }]);
    expect(choice('resident')).toEqual({ field: null, options: [] });
    expect(choice('grid_worker')).toEqual({ field: 'orgUnitId', options: [] });
  });
});

describe('PersonForm (新建人员)', () => {
  it('creates the account with its role and scope and hands back the invitation', async () => {
    const created = { user: { ...user, hasPassword: false }, code: { code: 'K7WQ-M3PX', purpose: 'invite', expiresAt: '2027-03-04T00:00:00.000Z' } };
    (peopleApi.create as jest.Mock).mockResolvedValue(created);
    const onCreated = jest.fn();
    render(<PersonForm onCreated={onCreated} />);
    fireEvent.change(screen.getByTestId('person-username'), { target: { value: ' zhang.lijuan ' } });
    fireEvent.change(screen.getByTestId('person-name'), { target: { value: '张丽娟' } });
    await waitFor(() => expect(orgApi.compounds).toHaveBeenCalled());
    await pick('person-role-role', '社区工作人员');
    await pick('person-role-scope', '安居苑社区');
    fireEvent.click(screen.getByTestId('person-create'));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(peopleApi.create).toHaveBeenCalledWith({ username: 'zhang.lijuan', displayName: '张丽娟', roles: [{ role: 'community_staff', orgUnitId: 21 }] });
  });

  it('asks for a role and scope before calling the API, and shows the API’s refusal', async () => {
    render(<PersonForm onCreated={jest.fn()} />);
    fireEvent.change(screen.getByTestId('person-username'), { target: { value: 'li.ming' } });
    fireEvent.change(screen.getByTestId('person-name'), { target: { value: '李明' } });
    fireEvent.click(screen.getByTestId('person-create'));
    expect(screen.getByText('请选择角色和范围')).toBeTruthy();
    expect(peopleApi.create).not.toHaveBeenCalled();
    (peopleApi.create as jest.Mock).mockRejectedValue(new ApiError('FORBIDDEN', 403, 'roles[0].orgUnitId: outside your street'));
    await pick('person-role-role', '居民');
    fireEvent.click(screen.getByTestId('person-create'));
    expect(await screen.findByText('没有权限进行此操作')).toBeTruthy();
  });
});

describe('PersonDetail (人员详情)', () => {
  it('shows roles with scopes; deactivation asks first, then marks the account', async () => {
    (peopleApi.deactivate as jest.Mock).mockResolvedValue({ ...user, active: false });
    render(<PersonDetail user={user} />);
    expect(screen.getByText('网格员 · 安居苑一网格')).toBeTruthy();
    expect(screen.getByText('居民')).toBeTruthy();
    fireEvent.click(screen.getByTestId('person-deactivate'));
    await waitFor(() => expect(peopleApi.deactivate).toHaveBeenCalledWith(9));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(await screen.findByText('张丽娟（已停用）')).toBeTruthy();
    expect(screen.getByTestId('person-reactivate')).toBeTruthy();
  });

  it('a reset shows the one-time code once, with its expiry', async () => {
    (peopleApi.resetPassword as jest.Mock).mockResolvedValue({
      user: { ...user, hasPassword: false, pendingCode: { purpose: 'reset', expiresAt: '2027-03-04T00:00:00.000Z' } },
      code: { code: 'ABCD-EFGH', purpose: 'reset', expiresAt: '2027-03-04T00:00:00.000Z' },
    });
    render(<PersonDetail user={user} />);
    fireEvent.click(screen.getByTestId('person-reset'));
    expect((await screen.findByTestId('issued-code-value')).textContent).toBe('ABCD-EFGH');
    expect(screen.getByText('重置码（仅显示一次）')).toBeTruthy();
    expect(screen.getByTestId('person-password').textContent).toBe('等待本人用验证码设置密码');
  });

  it('nothing happens when the confirmation is cancelled', async () => {
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<PersonDetail user={user} />);
    fireEvent.click(screen.getByTestId('person-deactivate'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(peopleApi.deactivate).not.toHaveBeenCalled();
  });
});

const request: HouseholdBinding = {
  id: 5, status: 'requested', tenure: 'owner', user: { id: 3, displayName: '周建华' }, compound: { id: 31, name: '湖畔嘉苑' }, building: { id: 41, name: '6号楼' },
  unit: { id: 12, unitNo: '2-602' }, room: null, reason: null, requestedAt: '2027-03-01T00:00:00.000Z', decidedAt: null,
};

describe('HouseholdRequests (居民绑定申请)', () => {
  it('approves in one tap', async () => {
    (householdsApi.decide as jest.Mock).mockResolvedValue({ ...request, status: 'approved' });
    const onDecided = jest.fn();
    render(<HouseholdRequests requests={[request]} onDecided={onDecided} />);
    expect(screen.getByText('湖畔嘉苑 6号楼 2-602')).toBeTruthy();
    fireEvent.click(screen.getByText('通过'));
    await waitFor(() => expect(onDecided).toHaveBeenCalled());
    expect(householdsApi.decide).toHaveBeenCalledWith(5, 'approved', undefined);
  });

  it('a refusal needs a reason, sent trimmed', async () => {
    (householdsApi.decide as jest.Mock).mockResolvedValue({ ...request, status: 'refused' });
    render(<HouseholdRequests requests={[request]} onDecided={jest.fn()} />);
    fireEvent.click(screen.getByText('不通过'));
    fireEvent.click(screen.getByText('确认不通过'));
    expect(screen.getByText('请填写不通过的原因')).toBeTruthy();
    expect(householdsApi.decide).not.toHaveBeenCalled();
    fireEvent.change(screen.getByTestId('refuse-reason'), { target: { value: ' 房产证姓名不符 ' } });
    fireEvent.click(screen.getByText('确认不通过'));
    await waitFor(() => expect(householdsApi.decide).toHaveBeenCalledWith(5, 'refused', '房产证姓名不符'));
  });

  it('says when a colleague decided first', async () => {
    (householdsApi.decide as jest.Mock).mockRejectedValue(new ApiError('HOUSEHOLD_REQUEST_DECIDED', 409, 'decided'));
    render(<HouseholdRequests requests={[request]} onDecided={jest.fn()} />);
    fireEvent.click(screen.getByText('通过'));
    expect(await screen.findByText('该申请已被处理，请刷新后查看')).toBeTruthy();
  });
});

describe('AuditList (操作日志)', () => {
  it('shows who, what, target and the result; failures stand out', () => {
    const entries: AuditEntry[] = [
      { id: 2, at: '2027-03-01T02:00:00.000Z', actor: { id: 1, displayName: '系统管理员' }, method: 'POST', route: '/api/admin/users', targetId: null, body: null, ip: '10.0.0.8', status: 400, errorCode: 'VALIDATION_FAILED', requestId: null },
      { id: 1, at: '2027-03-01T01:00:00.000Z', actor: { id: 1, displayName: '系统管理员' }, method: 'POST', route: '/api/admin/users/:id/deactivate', targetId: '9', body: null, ip: '10.0.0.8', status: 200, errorCode: null, requestId: null },
    ];
    const { container } = render(<AuditList entries={entries} />);
    expect(screen.getByText('失败 400 VALIDATION_FAILED')).toBeTruthy();
    expect(screen.getByText('提交 /api/admin/users/:id/deactivate #9')).toBeTruthy();
    expect(container.querySelectorAll('[data-outcome="failed"]')).toHaveLength(1);
  });

  it('says when nothing matches', () => {
    render(<AuditList entries={[]} />);
    expect(screen.getByText('没有符合条件的操作记录')).toBeTruthy();
  });
});
