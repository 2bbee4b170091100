import type {
  Disclosure, DisclosureBoard, DisclosureBody, DisclosureReviewQueue, DisclosureVersions, NewNotice, NoticeDraft, NoticeDrafts, PublicDisclosure,
} from './api.types';
import { request } from './http.client';

/** 五公开 and the 业委会's 公示栏 drafts (apps/api/src/disclosures). */
export const disclosuresApi = {
  current: (compoundId: number) => request<PublicDisclosure>('GET', `/compounds/${compoundId}/disclosure`),
  versions: (compoundId: number) => request<DisclosureVersions>('GET', `/compounds/${compoundId}/disclosures`),
  create: (compoundId: number, body: DisclosureBody) => request<Disclosure>('POST', `/compounds/${compoundId}/disclosures`, { body }),
  /** A stale revision (a colleague saved meanwhile) answers 409 DISCLOSURE_STATE_CHANGED. */
  edit: (id: number, revision: number, body: DisclosureBody) => request<Disclosure>('PUT', `/disclosures/${id}`, { body: { ...body, revision } }),
  submit: (id: number, revision: number) => request<Disclosure>('POST', `/disclosures/${id}/submit`, { body: { revision } }),
  review: (id: number, decision: 'approve' | 'reject', note?: string) =>
    request<Disclosure>('POST', `/disclosures/${id}/review`, { body: note ? { decision, note } : { decision } }),
  board: () => request<DisclosureBoard>('GET', '/disclosure-board'),
  reviews: () => request<DisclosureReviewQueue>('GET', '/disclosure-reviews'),
  draftNotice: (compoundId: number, body: NewNotice) => request<NoticeDraft>('POST', `/compounds/${compoundId}/notice-drafts`, { body }),
  noticeDrafts: (compoundId: number) => request<NoticeDrafts>('GET', `/compounds/${compoundId}/notice-drafts`),
  reviewNotice: (id: number, decision: 'approve' | 'reject', note?: string) =>
    request<NoticeDraft>('POST', `/notice-drafts/${id}/review`, { body: note ? { decision, note } : { decision } }),
};
