import type { AppealDecision, AppealStatus } from '@red-butler/domain';
import type { Appeal, AppealPage } from './api.types';
import { request } from './http.client';
import { withIdempotencyKey } from './idempotent';

const post = (path: string, body: object) =>
  withIdempotencyKey(`POST ${path} ${JSON.stringify(body)}`, (key) => request<Appeal>('POST', path, { body, headers: { 'Idempotency-Key': key } }));

export const appealsApi = {
  /** 申诉 by the rated handler; without `ratingEventId` the API takes the latest 不满意 about it. */
  file: (ticketId: number, reason: string, ratingEventId?: number) =>
    post(`/tickets/${ticketId}/appeals`, ratingEventId ? { reason, ratingEventId } : { reason }),
  list: (status?: AppealStatus, cursor?: number) => request<AppealPage>('GET', '/appeals', { query: { status, cursor } }),
  /** 申诉裁定 by street staff or the district; a colleague's earlier decision answers 409 APPEAL_DECIDED. */
  decide: (id: number, decision: AppealDecision, note: string) =>
    post(`/appeals/${id}/decision`, { decision, note }),
};
