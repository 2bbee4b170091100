import type { Rating } from '@red-butler/domain';
import type {
  Created, DispatchTarget, DuplicateCandidate, FollowingPage, FollowResult, ListQuery, SuperviseResult, PublicTicket, NearbyQuery, NearbyTicket, NewTicket, TicketDetail, TicketPage,
} from './api.types';
import { request } from './http.client';
import { withIdempotencyKey } from './idempotent';

/** A ticket action, with an Idempotency-Key so that a retry after a lost answer is not done twice. */
const post = <T = TicketDetail>(id: number, action: string, body: unknown = {}) => {
  const path = `/tickets/${id}/${action}`;
  return withIdempotencyKey(`POST ${path} ${JSON.stringify(body)}`, (key) =>
    request<T>('POST', path, { body, headers: { 'Idempotency-Key': key } }),
  );
};

export const ticketsApi = {
  list: (q: ListQuery = {}) =>
    request<TicketPage>('GET', '/tickets', {
      query: { ...q, status: q.status?.join(',') },
    }),
  detail: (id: number) => request<TicketDetail>('GET', `/tickets/${id}`),
  /** The key makes a retry (after a lost response) return the ticket made the first time. */
  create: (ticket: NewTicket, idempotencyKey: string) =>
    request<Created>('POST', '/tickets', { body: ticket, headers: { 'Idempotency-Key': idempotencyKey } }),
  /** The companies 派单 accepts for this ticket: contracted for its compound today, or 国企兜底. */
  dispatchTargets: (id: number) => request<{ items: DispatchTarget[] }>('GET', `/tickets/${id}/dispatch-targets`).then((r) => r.items),
  dispatch: (id: number, body: { companyId?: number; departmentId?: number; note?: string }) => post(id, 'dispatch', body),
  escalate: (id: number, body: { departmentId: number; reason: string }) => post(id, 'escalate', body),
  /** The company loses sight of a returned ticket: the API may answer `{id, returned: true}`. */
  return: (id: number, reason: string) => post<TicketDetail | { id: number; returned: true }>(id, 'return', { reason }),
  accept: (id: number, assigneeId?: number) => post(id, 'accept', assigneeId ? { assigneeId } : {}),
  progress: (id: number, note: string, photoIds: string[]) => post(id, 'progress', { note, photoIds }),
  resolve: (id: number, note: string, photoIds: string[]) => post(id, 'resolve', { note, photoIds }),
  rate: (id: number, rating: Rating, comment?: string) => post(id, 'rate', comment ? { rating, comment } : { rating }),
  cancel: (id: number, reason?: string) => post(id, 'cancel', reason ? { reason } : {}),
  reject: (id: number, reason: string) => post(id, 'reject', { reason }),
  merge: (id: number, intoTicketId: number) => post(id, 'merge', { intoTicketId }),
  /** 挂起: stops the handler's resolve clock (waiting for parts, resident away). */
  pause: (id: number, reason: string) => post(id, 'pause', { reason }),
  resume: (id: number) => post(id, 'resume'),
  /** 挂起审批 by the community, where the policy needs its approval. */
  pauseDecision: (id: number, approve: boolean, note?: string) => post(id, 'pause-decision', note ? { approve, note } : { approve }),
  /** 电话回访 recorded by the community or a grid worker; no rating when nobody answered. */
  visit: (id: number, body: { reached: boolean; rating?: Rating; comment?: string }) => post(id, 'visit', body),
  /** While reporting: open tickets of the category within 100 m or in the building (last 30 days). */
  nearby: (q: NearbyQuery) => request<{ items: NearbyTicket[] }>('GET', '/tickets/nearby', { query: { ...q } }),
  /**
   * 也遇到了: follow a neighbour's ticket instead of filing it again. `where` is the nearby search's
   * point or building: the API lets a resident follow only what that search shows (or their compound's).
   */
  follow: (id: number, where: { lat?: number; lng?: number; buildingId?: number } = {}) => request<FollowResult>('POST', `/tickets/${id}/follow`, { body: where }),
  unfollow: (id: number) => request<FollowResult>('DELETE', `/tickets/${id}/follow`),
  /** A followed ticket in its public shape: what a follower sees when the full detail is 404 to them. */
  publicView: (id: number) => request<PublicTicket>('GET', `/tickets/${id}/public`),
  /** 我关注的: the tickets the caller follows, latest followed first, keyset-paged. */
  following: (cursor?: string, limit = 20) => request<FollowingPage>('GET', '/tickets/following', { query: { cursor, limit } }),
  /** 改派: another worker of the handling organization; `version` refuses a decision made on a stale screen. */
  reassign: (id: number, assigneeId: number, version?: number) => post(id, 'reassign', version === undefined ? { assigneeId } : { assigneeId, version }),
  /** 督办: a reminder on the timeline and to the holder; once per ticket per hour (429 SUPERVISE_TOO_SOON). */
  supervise: (id: number, note?: string) => request<SuperviseResult>('POST', `/tickets/${id}/supervise`, { body: note ? { note } : {} }),
  duplicates: (id: number) => request<{ items: DuplicateCandidate[] }>('GET', `/tickets/${id}/duplicates`),
};
