import type { ExportFormat, OverdueReport, QuarterLists, QuarterRanking, SlaReport, SlaReportQuery } from './api.types';
import { queryString, request } from './http.client';

/** 督办报表 (supervisor, street and community staff, admin; 403 for anyone else). */
export const reportsApi = {
  /** SLA figures per group and bucket, with the totals over the whole period and scope. */
  sla: (q: SlaReportQuery) => request<SlaReport>('GET', '/reports/sla', { query: { ...q } }),
  /** 超期清单: legs open past their deadline now, longest overdue first. */
  overdue: (q: { scopeId?: number; limit?: number } = {}) => request<OverdueReport>('GET', '/reports/overdue', { query: { ...q } }),
  /** 星级评定: companies ranked by the published formula for a quarter ('2026Q4'). */
  ranking: (q: { quarter: string; scopeId?: number }) => request<QuarterRanking>('GET', '/reports/ranking', { query: { ...q } }),
  /** 红黑榜 of the caller's district: the current version and the history. */
  lists: (q: { quarter: string; scopeId?: number }) => request<QuarterLists>('GET', '/reports/lists', { query: { ...q } }),
};

/** The API path (after /api) of an export: the same query as the JSON report, plus the format. */
export function exportPath(
  report: 'sla' | 'ranking',
  q: (SlaReportQuery | { quarter: string; scopeId?: number }) & { format: ExportFormat },
): string {
  return `/reports/${report}/export${queryString({ ...q })}`;
}
