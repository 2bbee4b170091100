import type { OrgUnitKind } from '@red-butler/domain';

/** The org-unit kinds a report can be scoped to: each is an ancestor column copied onto every ticket. */
export const REPORT_SCOPE_KINDS = ['district', 'street', 'community', 'grid', 'compound'] as const satisfies readonly OrgUnitKind[];
export type ReportScopeKind = (typeof REPORT_SCOPE_KINDS)[number];

/** What a report covers: one org unit and everything below it, or (admins) everything. */
export type ReportScope = { id: number; kind: ReportScopeKind; name: string } | { id: null; kind: 'all'; name: string };

export const WHOLE_SYSTEM: ReportScope = { id: null, kind: 'all', name: '全部' };

/**
 * The scope as a WHERE fragment on a ticket (`on: 'ticket'`) or on a compound row of org_units
 * (`on: 'compound'`, for the households served). Appends its value to `params`.
 */
export function scopeSql(scope: ReportScope, alias: string, on: 'ticket' | 'compound', params: unknown[]): string {
  if (scope.kind === 'all') return 'TRUE';
  params.push(scope.id);
  // A compound row keeps its ancestors' ids, not its own, in the *_id columns.
  const column = on === 'compound' && scope.kind === 'compound' ? 'id' : `${scope.kind}_id`;
  return `${alias}.${column} = $${params.length}`;
}
