import type {
  AdminCategory, CategoryUpdate, NewCategory, NewOpen311Key, NewSlaPolicy, Open311Key, Open311KeyIssued, SlaPolicy, SubscribeTemplateSetting,
  SubscribeTemplatesUpdate, WorkingCalendarData,
} from './api.types';
import { request } from './http.client';

type Items<T> = { items: T[] };

/** Admin settings: 时限 policies, the working calendar, categories, Open311 keys, subscribe templates. */
export const adminApi = {
  slaPolicies: () => request<Items<SlaPolicy>>('GET', '/admin/sla-policies').then((r) => r.items),
  setSlaPolicy: (policy: NewSlaPolicy) => request<SlaPolicy>('PUT', '/admin/sla-policies', { body: policy }),
  calendar: () => request<WorkingCalendarData>('GET', '/admin/calendar'),
  setCalendar: (calendar: WorkingCalendarData) => request<WorkingCalendarData>('PUT', '/admin/calendar', { body: calendar }),
  categories: () => request<Items<AdminCategory>>('GET', '/admin/categories').then((r) => r.items),
  setCategory: (id: number, update: CategoryUpdate) => request<AdminCategory>('PUT', `/admin/categories/${id}`, { body: update }),
  createCategory: (category: NewCategory) => request<AdminCategory>('POST', '/admin/categories', { body: category }),
  open311Keys: () => request<Items<Open311Key>>('GET', '/admin/open311-keys').then((r) => r.items),
  issueOpen311Key: (key: NewOpen311Key) => request<Open311KeyIssued>('POST', '/admin/open311-keys', { body: key }),
  revokeOpen311Key: (id: number) => request<{ id: number; revokedAt: string }>('DELETE', `/admin/open311-keys/${id}`),
  subscribeTemplates: () => request<Items<SubscribeTemplateSetting>>('GET', '/admin/subscribe-templates').then((r) => r.items),
  setSubscribeTemplates: (update: SubscribeTemplatesUpdate) =>
    request<Items<SubscribeTemplateSetting>>('PUT', '/admin/subscribe-templates', { body: update }).then((r) => r.items),
};
