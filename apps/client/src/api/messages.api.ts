import type { MessageThreads, MessageUnread, SubscribeAnswer, SubscribeConsents } from './api.types';
import { request } from './http.client';

/** 消息 and WeChat subscribe consent (apps/api/src/notifications). */
export const messagesApi = {
  threads: (cursor?: number) => request<MessageThreads>('GET', '/messages', { query: { cursor } }),
  unread: () => request<MessageUnread>('GET', '/messages/unread'),
  /** Idempotent: reading a ticket's messages twice marks 0 the second time. */
  // An empty JSON object, not no body: the API refuses an empty body sent as application/json.
  readTicket: (ticketId: number) => request<{ marked: number }>('POST', `/messages/tickets/${ticketId}/read`, { body: {} }),
  readOne: (id: number) => request<{ id: number; read: boolean }>('POST', `/notifications/${id}/read`, { body: {} }),
  readAll: () => request<{ marked: number }>('POST', '/notifications/read-all', { body: {} }),
  consents: () => request<SubscribeConsents>('GET', '/messages/consent'),
  recordConsents: (answers: SubscribeAnswer[]) => request<SubscribeConsents>('PUT', '/messages/consent', { body: { answers } }),
};
