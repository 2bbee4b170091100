import type { ListQuery, TicketSummary } from '../api/api.types';
import { ticketsApi } from '../api/tickets.api';
import { usePagedList } from './use-paged-list.hook';

/** A ticket list (queue, inbox, 我的工单) with its filters, scrolling on page by page. */
export function useTicketList(query: ListQuery | null, limit = 20) {
  return usePagedList<TicketSummary>(
    JSON.stringify({ query, limit }),
    query ? (cursor) => ticketsApi.list({ ...query, limit, cursor }) : null,
  );
}
