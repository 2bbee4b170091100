import type { BallotChannel } from '@red-butler/domain';
import type { Ballot, CompoundNotices, NewVote, OwnerLinks, Register, Vote, VoteList } from './api.types';
import { request } from './http.client';

/** 业主大会 votes, the compound's 公示栏 and register (apps/api/src/votes, apps/api/src/owners). */
export const votesApi = {
  list: (compoundId?: number) => request<VoteList>('GET', '/votes', { query: { compoundId } }),
  get: (id: number) => request<Vote>('GET', `/votes/${id}`),
  draft: (vote: NewVote) => request<Vote>('POST', '/votes', { body: vote }),
  /** 社区审核; a colleague's earlier review answers 409 VOTE_STATE_CHANGED. */
  review: (id: number, decision: 'approve' | 'reject', note?: string) =>
    request<Vote>('POST', `/votes/${id}/review`, { body: note ? { decision, note } : { decision } }),
  /** The owner's own ballot (mini_program) or a paper/on-site one entered by staff; a later one replaces it. */
  cast: (id: number, unitId: number, option: number, channel?: BallotChannel) =>
    request<Ballot>('POST', `/votes/${id}/ballots`, { body: channel ? { unitId, option, channel } : { unitId, option } }),
  notices: (compoundId: number) => request<CompoundNotices>('GET', `/compounds/${compoundId}/notices`),
  register: (compoundId: number) => request<Register>('GET', `/compounds/${compoundId}/register`),
  myUnits: () => request<OwnerLinks>('GET', '/me/units'),
};
