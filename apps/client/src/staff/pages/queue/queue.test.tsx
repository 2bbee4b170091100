import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useReachBottom } from '@tarojs/taro';
import type { ListQuery, Me, TicketSummary } from '../../../api/api.types';
import { orgApi } from '../../../api/org.api';
import { ticketsApi } from '../../../api/tickets.api';
import { session } from '../../../state/session.store';
import QueuePage from './index';

jest.mock('../../../api/tickets.api', () => ({ ticketsApi: { list: jest.fn() } }));
jest.mock('../../../api/org.api', () => ({ orgApi: { categories: jest.fn() } }));

const list = ticketsApi.list as jest.Mock;
const me: Me = {
  id: 3, displayName: '社区', phone: null, roles: ['community_staff'], compound: null, building: null,
  scopes: [{ role: 'community_staff', roleLabel: '社区工作人员', orgUnit: { id: 10, kind: 'community', name: '安居苑社区' }, organization: null }],
};
const ticket = (id: number): TicketSummary => ({
  id, no: `HG${id}`, status: 'submitted', priority: 'normal', channel: 'mini_program', category: { id: 4, code: 'street_light_out', name: '路灯不亮', icon: 'light' },
  description: `第${id}件`, reporter: { id: 1, displayName: '居民', phone: null }, caller: null, hotline: null, communityId: 10, communityName: '安居苑社区',
  compound: { id: 30, name: '湖畔嘉苑' }, building: null, location: null, planPoint: null, address: null, handler: null, assignee: null, mergedIntoId: null, returnCount: 0,
  reopenCount: 0, rating: null, ratingComment: null, version: 1, createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-01T00:00:00Z', dispatchedAt: null,
  acceptedAt: null, resolvedAt: null, closedAt: null, dueAt: null, overdue: false,
});
/** 250 tickets served 20 at a time by a (due, id) cursor, as the API does. */
const server = (q: ListQuery) => {
  const start = q.cursor ? Number(String(q.cursor).split('.')[2]) : 0;
  const ids = Array.from({ length: 250 }, (_, i) => i + 1).slice(start, start + (q.limit ?? 20));
  const last = ids[ids.length - 1];
  return Promise.resolve({ items: ids.map(ticket), nextCursor: last < 250 ? `d.-.${last}` : null });
};
const reachBottom = () => act(() => (useReachBottom as jest.Mock).mock.calls.at(-1)[0]());

beforeEach(() => {
  jest.clearAllMocks();
  list.mockImplementation(server);
  (orgApi.categories as jest.Mock).mockResolvedValue([]);
  act(() => session.set({ me }));
});

describe('待派单: an infinite list by deadline', () => {
  it('loads the next page on reaching the bottom, past the old 100-ticket cap, with no duplicates', async () => {
    const { container } = render(<QueuePage />);
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(20));
    expect(list.mock.calls[0][0]).toMatchObject({ status: ['submitted'], sort: 'due', limit: 20, cursor: undefined });
    for (let page = 2; page <= 13; page += 1) {
      reachBottom();
      await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(Math.min(250, page * 20)));
    }
    const ids = Array.from(container.querySelectorAll('[data-ticket-id]')).map((e) => Number(e.getAttribute('data-ticket-id')));
    expect(new Set(ids).size).toBe(250);
    expect(list.mock.calls.at(-1)[0].cursor).toBe('d.-.240');
    // The end: no more fetches however often the bottom is reached.
    const calls = list.mock.calls.length;
    reachBottom();
    expect(list.mock.calls.length).toBe(calls);
    expect(screen.queryByText('加载更多')).toBeNull();
  });

  it('one fetch at a time: reaching the bottom twice while a page loads asks once', async () => {
    const { container } = render(<QueuePage />);
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(20));
    let release: () => void = () => undefined;
    list.mockImplementationOnce((q: ListQuery) => new Promise((resolve) => (release = () => resolve(server(q)))));
    reachBottom();
    reachBottom();
    expect(list).toHaveBeenCalledTimes(2);
    await act(async () => release());
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(40));
  });

  it('a search starts again from the first page with the words in the query', async () => {
    const { container } = render(<QueuePage />);
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(20));
    reachBottom();
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(40));
    fireEvent.change(screen.getByTestId('filter-text'), { target: { value: '井盖' } });
    fireEvent.click(screen.getByTestId('filter-search'));
    await waitFor(() => expect(list.mock.calls.at(-1)[0]).toMatchObject({ text: '井盖', status: ['submitted'], sort: 'due', cursor: undefined }));
    await waitFor(() => expect(container.querySelectorAll('[data-ticket-id]').length).toBe(20));
  });
});
