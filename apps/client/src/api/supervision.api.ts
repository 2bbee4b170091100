import type { VisitTask } from './api.types';
import { request } from './http.client';

type Items<T> = { items: T[] };

export const supervisionApi = {
  /** 电话回访 tasks, soonest due first. */
  visits: () => request<Items<VisitTask>>('GET', '/visits').then((r) => r.items),
};
