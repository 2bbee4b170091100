import type { MessageThreads, MessageUnread, SubscribeAnswer, SubscribeConsents } from './api.types';
import { request } from './http.client';

/** 消息 and WeChat subscribe consent (apps/api/src/notifications). */
export const messagesApi = {
  threads: (cursor?: number) => request<MessageThreads>('GET', '/messages', { query: { cursor } }),
  unread: () => request<MessageUnread>('GET', '/messages/unread'),
  /** Idempotent: reading a ticket's messages twice marks 0 the second time. */
  readTicket: (ticketId: number) => request<{ marked: number }>('POST', `/messages/tickets/${ticketId}/read`),
  readOne: (id: number) => request<{ id: number; read: boolean }>('POST', `/notifications/${id}/read`),
  readAll: () => request<{ marked: number }>('POST', '/notifications/read-all'),
  consents: () => request<SubscribeConsents>('GET', '/messages/consent'),
  recordConsents: (answers: SubscribeAnswer[]) => request<SubscribeConsents>('PUT', '/messages/consent', { body: { answers } }),
};
