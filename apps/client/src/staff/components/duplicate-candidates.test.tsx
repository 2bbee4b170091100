import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import type { DuplicateCandidate, TicketDetail, TicketSummary } from '../../api/api.types';
import { ticketsApi } from '../../api/tickets.api';
import { DuplicateCandidates } from './duplicate-candidates';
import { MergeForm } from './merge-form';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { duplicates: jest.fn(), merge: jest.fn(), list: jest.fn() } }));
const duplicates = ticketsApi.duplicates as jest.Mock;
const merge = ticketsApi.merge as jest.Mock;
const list = ticketsApi.list as jest.Mock;

const ticket = { id: 5, allowedActions: ['dispatch', 'merge', 'reject', 'escalate'], category: { id: 2 }, communityId: 10 } as unknown as TicketDetail;
const summary = (id: number, description: string) =>
  ({ id, no: `HG26112000000${id}`, status: 'dispatched', description, compound: { id: 30, name: '湖畔嘉苑' }, building: null, createdAt: '2026-11-20T02:00:00Z' }) as unknown as TicketSummary;
const candidate = (id: number, over: Partial<DuplicateCandidate> = {}) =>
  ({ ...summary(id, '3号楼门口路灯不亮'), distanceM: 40, sameBuilding: false, followerCount: 2, ...over }) as DuplicateCandidate;

beforeEach(() => {
  jest.clearAllMocks();
  merge.mockResolvedValue({});
});

describe('DuplicateCandidates (dispatch screen)', () => {
  it('shows the candidates around the ticket and merges into the chosen one after confirming', async () => {
    duplicates.mockResolvedValue({ items: [candidate(7), candidate(8, { distanceM: null, sameBuilding: true, building: { id: 31, name: '3号楼' }, followerCount: 0 })] });
    const onDone = jest.fn();
    render(<DuplicateCandidates ticket={ticket} onDone={onDone} />);
    expect(await screen.findByText('疑似重复（100米内或同一楼栋）')).toBeTruthy();
    expect(duplicates).toHaveBeenCalledWith(5);
    expect(screen.getByText('约40米')).toBeTruthy();
    expect(screen.getByText('同一楼栋')).toBeTruthy();
    expect(screen.getByText(/2人也遇到了/)).toBeTruthy();
    fireEvent.click(screen.getByTestId('merge-into-8'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith('updated'));
    expect(Taro.showModal).toHaveBeenCalled();
    expect(merge).toHaveBeenCalledWith(5, 8);
  });

  it('does not merge when the staff member cancels the confirmation', async () => {
    duplicates.mockResolvedValue({ items: [candidate(7)] });
    (Taro.showModal as jest.Mock).mockResolvedValueOnce({ confirm: false, cancel: true });
    render(<DuplicateCandidates ticket={ticket} onDone={jest.fn()} />);
    fireEvent.click(await screen.findByTestId('merge-into-7'));
    await waitFor(() => expect(Taro.showModal).toHaveBeenCalled());
    expect(merge).not.toHaveBeenCalled();
  });

  it('shows nothing without candidates, and no merge button when merging is not allowed', async () => {
    duplicates.mockResolvedValue({ items: [] });
    const { unmount } = render(<DuplicateCandidates ticket={ticket} onDone={jest.fn()} />);
    await waitFor(() => expect(duplicates).toHaveBeenCalled());
    expect(screen.queryByTestId('duplicate-candidates')).toBeNull();
    unmount();

    duplicates.mockResolvedValue({ items: [candidate(7)] });
    render(<DuplicateCandidates ticket={{ ...ticket, allowedActions: ['accept'] }} onDone={jest.fn()} />);
    await screen.findByTestId('duplicate-candidates');
    expect(screen.queryByTestId('merge-into-7')).toBeNull();
  });
});

describe('MergeForm', () => {
  it('offers the nearby candidates first, then the community’s other open tickets of the kind', async () => {
    duplicates.mockResolvedValue({ items: [candidate(8)] });
    list.mockResolvedValue({ items: [summary(5, '本单'), summary(6, '社区另一条'), summary(8, '3号楼门口路灯不亮')], nextCursor: null });
    const { container } = render(<MergeForm ticket={ticket} onDone={jest.fn()} />);
    await screen.findByText('社区另一条');
    const order = Array.from(container.querySelectorAll('[data-candidate]')).map((e) => e.getAttribute('data-candidate'));
    expect(order).toEqual(['8', '6']);
    expect(screen.getByText(/疑似重复，约40米/)).toBeTruthy();
    fireEvent.click(screen.getByText('社区另一条'));
    fireEvent.click(screen.getByTestId('confirm'));
    await waitFor(() => expect(merge).toHaveBeenCalledWith(5, 6));
  });
});
