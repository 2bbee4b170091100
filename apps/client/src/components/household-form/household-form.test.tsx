import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { ApiError } from '../../api/api-error';
import type { Compound } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { householdsApi } from '../../api/people.api';
import { HouseholdForm } from './household-form';

jest.mock('../../api/people.api', () => ({ householdsApi: { request: jest.fn() } }));
jest.mock('../../api/org.api', () => ({ orgApi: { compounds: jest.fn() } }));

const compound = { id: 31, name: '湖畔嘉苑', buildings: [{ id: 41, name: '6号楼' }, { id: 42, name: '7号楼' }] } as Compound;
const pick = async (testId: string, label: string) => {
  fireEvent.click(screen.getByTestId(testId));
  fireEvent.click(await screen.findByText(label));
};

describe('HouseholdForm (绑定房屋)', () => {
  beforeEach(() => {
    jest.clearAllMocks();
    (orgApi.compounds as jest.Mock).mockResolvedValue([compound]);
  });

  it('sends compound, building, trimmed 房号 and owner/tenant', async () => {
    const made = { id: 5, status: 'requested' };
    (householdsApi.request as jest.Mock).mockResolvedValue(made);
    const onRequested = jest.fn();
    render(<HouseholdForm onRequested={onRequested} />);
    await pick('household-compound', '湖畔嘉苑');
    await pick('household-building', '7号楼');
    fireEvent.change(screen.getByTestId('household-room'), { target: { value: ' 2-601 ' } });
    await pick('household-tenure', '业主');
    fireEvent.click(screen.getByTestId('household-submit'));
    await waitFor(() => expect(onRequested).toHaveBeenCalledWith(made));
    expect(householdsApi.request).toHaveBeenCalledWith({ compoundId: 31, buildingId: 42, room: '2-601', tenure: 'owner' });
  });

  it('asks for what is missing, then shows the API’s refusal in Chinese', async () => {
    render(<HouseholdForm onRequested={jest.fn()} />);
    fireEvent.click(screen.getByTestId('household-submit'));
    expect(screen.getByText('请选择小区和楼栋')).toBeTruthy();
    await pick('household-compound', '湖畔嘉苑');
    await pick('household-building', '6号楼');
    fireEvent.change(screen.getByTestId('household-room'), { target: { value: '1-101' } });
    await pick('household-tenure', '租户');
    (householdsApi.request as jest.Mock).mockRejectedValue(new ApiError('HOUSEHOLD_REQUEST_EXISTS', 409, 'exists'));
    fireEvent.click(screen.getByTestId('household-submit'));
    expect(await screen.findByText('已提交过该小区的绑定申请，请等待社区审核')).toBeTruthy();
  });
});
