import type { AuditPage, AuditQuery, HouseholdBinding, HouseholdBindings, TokenResponse, UserAccount, UserListQuery, UserPage, UserWithCode } from './api.types';
import { queryString, request } from './http.client';

export interface GrantInput {
  role: UserAccount['roles'][number]['role'];
  orgUnitId?: number;
  organizationId?: number;
}

/** 人员管理 (admins), the redemption of a one-time code (anyone), and 操作日志. */
export const peopleApi = {
  list: (query: UserListQuery = {}) => request<UserPage>('GET', '/admin/users', { query: query as Record<string, string | number | undefined> }),
  get: (id: number) => request<UserAccount>('GET', `/admin/users/${id}`),
  create: (body: { username: string; displayName: string; phone?: string; roles: GrantInput[] }) => request<UserWithCode>('POST', '/admin/users', { body }),
  grant: (id: number, grant: GrantInput) => request<UserAccount>('POST', `/admin/users/${id}/roles`, { body: grant }),
  revoke: (bindingId: number) => request<UserAccount>('DELETE', `/admin/role-bindings/${bindingId}`),
  deactivate: (id: number) => request<UserAccount>('POST', `/admin/users/${id}/deactivate`),
  reactivate: (id: number) => request<UserAccount>('POST', `/admin/users/${id}/reactivate`),
  resetPassword: (id: number) => request<UserWithCode>('POST', `/admin/users/${id}/reset-password`),
  invite: (id: number) => request<UserWithCode>('POST', `/admin/users/${id}/invite`),
  /** Sets the password with the code and signs in; anonymous: a wrong code is a 401 to show, not a bounce. */
  redeem: (username: string, code: string, newPassword: string) =>
    request<TokenResponse>('POST', '/auth/redeem-code', { body: { username, code, newPassword }, anonymous: true }),
  audit: (query: AuditQuery = {}) => request<AuditPage>('GET', '/admin/audit', { query: query as Record<string, string | number | undefined> }),
  auditExportPath: (query: AuditQuery = {}) => `/admin/audit/export${queryString(query as Record<string, string | number | undefined>)}`,
};

export interface HouseholdInput {
  compoundId: number;
  buildingId: number;
  room?: string;
  tenure: HouseholdBinding['tenure'];
}

/** 绑定房屋: residents ask, community staff decide. */
export const householdsApi = {
  request: (body: HouseholdInput) => request<HouseholdBinding>('POST', '/me/household-bindings', { body }),
  mine: () => request<HouseholdBindings>('GET', '/me/household-bindings'),
  pending: (compoundId: number) => request<HouseholdBindings>('GET', `/compounds/${compoundId}/household-bindings`),
  decide: (id: number, decision: 'approved' | 'refused', reason?: string) =>
    request<HouseholdBinding>('POST', `/household-bindings/${id}/decision`, { body: reason ? { decision, reason } : { decision } }),
};
