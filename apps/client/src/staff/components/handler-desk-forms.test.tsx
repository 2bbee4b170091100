import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { TicketDetail } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { PauseDecisionForm } from './pause-decision-form';
import { ReassignForm } from './reassign-form';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { reassign: jest.fn(async () => ({})), pauseDecision: jest.fn(async () => ({})) } }));
jest.mock('../../api/org.api', () => ({ orgApi: { members: jest.fn() } }));

const base = { id: 5, version: 7, handler: { kind: 'company', id: 11, name: '塞上阳光物业' }, assignee: { id: 21, displayName: '王师傅' } };

describe('改派 and 挂起审批 forms', () => {
  beforeEach(() => jest.clearAllMocks());

  it('改派 offers the other workers only and sends the version the manager saw', async () => {
    (orgApi.members as jest.Mock).mockResolvedValue([
      { id: 21, displayName: '王师傅', role: 'property_worker' },
      { id: 22, displayName: '张师傅', role: 'property_worker' },
    ]);
    const onDone = jest.fn();
    render(<ReassignForm ticket={base as unknown as TicketDetail} onDone={onDone} />);
    expect(screen.getByText('当前处理人：王师傅')).toBeTruthy();
    expect((screen.getByTestId('confirm') as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByTestId('reassign-select'));
    await waitFor(() => expect(screen.getByText('张师傅')).toBeTruthy());
    expect(screen.queryAllByText('王师傅')).toHaveLength(0); // the current one is not offered (only in 当前处理人)
    fireEvent.click(screen.getByText('张师傅'));
    fireEvent.click(screen.getByTestId('confirm'));
    await waitFor(() => expect(ticketsApi.reassign).toHaveBeenCalledWith(5, 22, 7));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('updated'));
  });

  it('挂起审批 shows the request and sends approve or refuse with the note', async () => {
    const ticket = { ...base, pauseRequest: { id: 3, reason: '等待配件到货', requestedBy: '塞上阳光物业经理', requestedAt: '2026-03-01T02:00:00Z' } } as unknown as TicketDetail;
    render(<PauseDecisionForm ticket={ticket} onDone={jest.fn()} />);
    expect(screen.getByTestId('pause-decision').textContent).toContain('等待配件到货');
    fireEvent.change(screen.getByTestId('note'), { target: { value: ' 请先联系居民 ' } });
    fireEvent.click(screen.getByTestId('refuse'));
    await waitFor(() => expect(ticketsApi.pauseDecision).toHaveBeenCalledWith(5, false, '请先联系居民'));
    fireEvent.click(screen.getByTestId('approve'));
    await waitFor(() => expect(ticketsApi.pauseDecision).toHaveBeenLastCalledWith(5, true, '请先联系居民'));
  });
});
