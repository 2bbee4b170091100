import type { Vote } from '../../api/api.types';

/** A vote of 云凤花园 as the API sends it, for component tests. */
export const openVote: Vote = {
  id: 5,
  compound: { id: 31, name: '云凤花园' },
  question: '是否解聘上海永绿物业公司',
  options: ['同意', '不同意'],
  matter: 'ordinary',
  purpose: 'dismiss_company',
  purposeCompany: { id: 8, name: '上海永绿物业公司' },
  opensAt: '2027-03-01T00:00:00.000Z',
  closesAt: '2027-03-08T00:00:00.000Z',
  status: 'scheduled',
  phase: 'open',
  draftedBy: { id: 3, displayName: '马建军' },
  createdAt: '2027-02-27T02:00:00.000Z',
  reviewedBy: { id: 4, displayName: '白雪梅' },
  reviewedAt: '2027-02-28T02:00:00.000Z',
  reviewNote: null,
  closedAt: null,
  result: null,
  noticeId: null,
  canReview: false,
  canRecordPaper: false,
  myUnits: [
    { unitId: 11, label: '2号楼 1-301', inElectorate: true, ballot: null },
    { unitId: 13, label: '5号楼 2-601', inElectorate: true, ballot: { option: 1, channel: 'mini_program', castAt: '2027-03-02T01:00:00.000Z', revision: 1 } },
  ],
  participation: null,
};
