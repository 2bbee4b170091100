import type { NoticeStatus } from '@red-butler/domain';
import type { CompanyExit, CompanyTrail, CompoundTrail, DowngradeBody, ExitBody, IssueNoticeBody, SupervisionNotice, SupervisionNoticePage, VerifyNoticeBody } from './api.types';
import { request } from './http.client';

/** 督导整改: notices to property companies, answers, verification, 降级 and the trails. */
export const noticesApi = {
  issue: (body: IssueNoticeBody) => request<SupervisionNotice>('POST', '/supervision/notices', { body }),
  list: (status?: NoticeStatus) => request<SupervisionNoticePage>('GET', '/supervision/notices', { query: { status } }),
  detail: (id: number) => request<SupervisionNotice>('GET', `/supervision/notices/${id}`),
  answer: (id: number, body: string, photoIds: string[]) => request<SupervisionNotice>('POST', `/supervision/notices/${id}/answers`, { body: { body, photoIds } }),
  verify: (id: number, body: VerifyNoticeBody) => request<SupervisionNotice>('POST', `/supervision/notices/${id}/verification`, { body }),
  downgrade: (id: number, body: DowngradeBody = { steps: 1 }) => request<SupervisionNotice>('POST', `/supervision/notices/${id}/downgrades`, { body }),
  /** 清退 (district supervisors): the contract ends the day before effectiveOn; lists the open tickets to re-dispatch. */
  exit: (body: ExitBody) => request<CompanyExit>('POST', '/supervision/exits', { body }),
  companyTrail: (organizationId: number) => request<CompanyTrail>('GET', `/supervision/companies/${organizationId}/trail`),
  compoundTrail: (compoundId: number) => request<CompoundTrail>('GET', `/supervision/compounds/${compoundId}/trail`),
};
