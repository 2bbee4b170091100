import type { BallotChannel, VoteMatter, VotePurpose, VoteStatus } from '@red-butler/domain';

/** A vote as the queries read it (owner_votes with its compound and people). */
export interface VoteRow {
  id: number;
  compound_id: number;
  compound_name: string;
  question: string;
  options: string[];
  matter: VoteMatter;
  purpose: VotePurpose | null;
  purpose_company_id: number | null;
  purpose_company_name: string | null;
  opens_at: Date;
  closes_at: Date;
  status: VoteStatus;
  drafted_by: number;
  drafter_name: string;
  created_at: Date;
  reviewed_by: number | null;
  reviewer_name: string | null;
  reviewed_at: Date | null;
  review_note: string | null;
  closed_at: Date | null;
  result: Record<string, unknown> | null;
  notice_id: number | null;
}

export const VOTE_SELECT = `
  SELECT v.id, v.compound_id, c.name AS compound_name, v.question, v.options, v.matter, v.purpose, v.purpose_company_id,
         pc.name AS purpose_company_name, v.opens_at, v.closes_at, v.status, v.drafted_by, du.display_name AS drafter_name,
         v.created_at, v.reviewed_by, ru.display_name AS reviewer_name, v.reviewed_at, v.review_note, v.closed_at, v.result,
         (SELECT n.id FROM compound_notices n WHERE n.vote_id = v.id AND n.kind = 'vote_result') AS notice_id
    FROM owner_votes v
    JOIN org_units c ON c.id = v.compound_id
    JOIN users du ON du.id = v.drafted_by
    LEFT JOIN users ru ON ru.id = v.reviewed_by
    LEFT JOIN organizations pc ON pc.id = v.purpose_company_id`;

/** What a caller sees the vote as: the stored status, with the window read against the clock. */
export type VotePhase = 'pending_review' | 'rejected' | 'upcoming' | 'open' | 'closing' | 'closed';

export function votePhase(r: Pick<VoteRow, 'status' | 'opens_at' | 'closes_at'>, now: Date): VotePhase {
  if (r.status !== 'scheduled') return r.status;
  if (now < r.opens_at) return 'upcoming';
  return now < r.closes_at ? 'open' : 'closing';
}

export interface MyUnitBallot {
  unitId: number;
  label: string;
  /** False when the unit joined the register after the vote's electorate was frozen: it has no vote here. */
  inElectorate: boolean;
  ballot: { option: number; channel: BallotChannel; castAt: Date; revision: number } | null;
}

export function voteView(r: VoteRow, now: Date, extra: { canReview: boolean; canRecordPaper: boolean; myUnits: MyUnitBallot[]; participation: { units: number; totalUnits: number } | null }) {
  return {
    id: r.id,
    compound: { id: r.compound_id, name: r.compound_name },
    question: r.question,
    options: r.options,
    matter: r.matter,
    purpose: r.purpose,
    purposeCompany: r.purpose_company_id === null ? null : { id: r.purpose_company_id, name: r.purpose_company_name as string },
    opensAt: r.opens_at,
    closesAt: r.closes_at,
    status: r.status,
    phase: votePhase(r, now),
    draftedBy: { id: r.drafted_by, displayName: r.drafter_name },
    createdAt: r.created_at,
    reviewedBy: r.reviewed_by === null ? null : { id: r.reviewed_by, displayName: r.reviewer_name as string },
    reviewedAt: r.reviewed_at,
    reviewNote: r.review_note,
    closedAt: r.closed_at,
    result: r.result,
    noticeId: r.notice_id,
    ...extra,
  };
}
export type VoteView = ReturnType<typeof voteView>;
