import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useReachBottom } from '@tarojs/taro';
import type { FollowedTicket, Me } from '../../api/api.types';
import { orgApi } from '../../api/org.api';
import { ticketsApi } from '../../api/tickets.api';
import { session } from '../../state/session.store';
import MyTicketsPage from './index';

jest.mock('../../api/tickets.api', () => ({ ticketsApi: { list: jest.fn(), following: jest.fn() } }));
jest.mock('../../api/org.api', () => ({ orgApi: { categories: jest.fn() } }));

const me: Me = { id: 2, displayName: '李建国', phone: null, roles: ['resident'], compound: null, building: null, scopes: [] };
const followed = (id: number): FollowedTicket => ({
  id, no: `HG${id}`, status: 'accepted', category: { id: 4, name: '路灯不亮', icon: 'light' }, summary: `邻居报的第${id}件`, distanceM: null,
  sameBuilding: false, followerCount: 3, following: true, mine: false, createdAt: '2026-03-01T00:00:00Z',
});

beforeEach(() => {
  jest.clearAllMocks();
  (ticketsApi.list as jest.Mock).mockResolvedValue({ items: [], nextCursor: null });
  (orgApi.categories as jest.Mock).mockResolvedValue([]);
  act(() => session.set({ me }));
});

describe('我的工单', () => {
  it('我关注的: the followed tickets in their public shape, paged on reaching the bottom', async () => {
    (ticketsApi.following as jest.Mock)
      .mockResolvedValueOnce({ items: [followed(9), followed(8)], nextCursor: '1700000000000.8' })
      .mockResolvedValueOnce({ items: [followed(3)], nextCursor: null });
    const { container } = render(<MyTicketsPage />);
    fireEvent.click(screen.getByText('我关注的'));
    await waitFor(() => expect(container.querySelectorAll('[data-followed-id]').length).toBe(2));
    expect(screen.getAllByText('3 人也遇到了')).toHaveLength(2);
    act(() => (useReachBottom as jest.Mock).mock.calls.at(-1)[0]());
    await waitFor(() => expect(container.querySelectorAll('[data-followed-id]').length).toBe(3));
    expect((ticketsApi.following as jest.Mock).mock.calls.map((c) => c[0])).toEqual([undefined, '1700000000000.8']);
  });

  it('我报的: a search is sent with the status chip, from the first page', async () => {
    render(<MyTicketsPage />);
    await waitFor(() => expect(ticketsApi.list).toHaveBeenCalled());
    fireEvent.click(screen.getByText('办理中'));
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: '井盖' } });
    fireEvent.click(screen.getByTestId('filter-search'));
    await waitFor(() =>
      expect((ticketsApi.list as jest.Mock).mock.calls.at(-1)[0]).toMatchObject({ text: '井盖', status: ['submitted', 'dispatched', 'accepted'], cursor: undefined }),
    );
    expect(ticketsApi.following).not.toHaveBeenCalled();
  });
});
