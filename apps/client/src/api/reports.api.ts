import type { OverdueReport, SlaReport, SlaReportQuery } from './api.types';
import { request } from './http.client';

/** 督办报表 (supervisor, street and community staff, admin; 403 for anyone else). */
export const reportsApi = {
  /** SLA figures per group and bucket, with the totals over the whole period and scope. */
  sla: (q: SlaReportQuery) => request<SlaReport>('GET', '/reports/sla', { query: { ...q } }),
  /** 超期清单: legs open past their deadline now, longest overdue first. */
  overdue: (q: { scopeId?: number; limit?: number } = {}) => request<OverdueReport>('GET', '/reports/overdue', { query: { ...q } }),
};
