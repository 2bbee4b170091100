import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { isCommunityStaffOf, isOverseerOf, livesIn, organisesVotesOf, type CompoundPlace } from '../owners/compound-scope';
import type { VoteStatus } from '@red-butler/domain';

/** How the caller relates to a compound's votes: organiser (业委会/community), overseer (street/district), resident. */
export interface VoteAccess {
  organiser: boolean;
  reviewer: boolean;
  overseer: boolean;
  resident: boolean;
}

export async function voteAccess(db: DataSource | EntityManager, actor: Actor, c: CompoundPlace): Promise<VoteAccess> {
  const organiser = organisesVotesOf(actor, c);
  const overseer = isOverseerOf(actor, c);
  return { organiser, reviewer: isCommunityStaffOf(actor, c), overseer, resident: organiser || overseer ? false : await livesIn(db, actor, c) };
}

/** Residents see a vote once the community approved it; drafts and rejected ones stay with the organisers. */
export function seesVote(a: VoteAccess, status: VoteStatus): boolean {
  if (a.organiser || a.overseer) return true;
  return a.resident && (status === 'scheduled' || status === 'closed');
}

/**
 * The same rule in SQL over `owner_votes v JOIN org_units c ON c.id = v.compound_id`; appends its
 * values to `params`. Residents: their home compound and the compounds of their verified units.
 */
export function visibleVotesSql(actor: Actor, params: unknown[]): string {
  const p = (v: unknown) => (params.push(v), `$${params.length}`);
  if (actor.bindings.some((b) => b.role === 'admin')) return 'TRUE';
  const parts: string[] = [];
  for (const b of actor.bindings) {
    if (b.role === 'owners_committee_member' && b.orgUnitId !== null) parts.push(`v.compound_id = ${p(b.orgUnitId)}`);
    if (b.role !== 'community_staff' && b.role !== 'street_staff' && b.role !== 'supervisor') continue;
    const column = { district: 'district_id', street: 'street_id', community: 'community_id', grid: 'grid_id' }[b.orgUnitKind as string];
    if (column) parts.push(`c.${column} = ${p(b.orgUnitId)}`);
  }
  const published = `v.status IN ('scheduled', 'closed')`;
  if (actor.compoundId !== null) parts.push(`(${published} AND v.compound_id = ${p(actor.compoundId)})`);
  parts.push(`(${published} AND v.compound_id IN (SELECT u.compound_id FROM unit_owners o JOIN register_units u ON u.id = o.unit_id
                 WHERE o.user_id = ${p(actor.userId)} AND o.status = 'verified'))`);
  return `(${parts.join(' OR ')})`;
}
