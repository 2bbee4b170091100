import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { unitBindingCovers, type UnitPlace } from '../access/ticket-scope';

/** A compound with its place in the org tree: the facts every register and vote check needs. */
export interface CompoundPlace extends UnitPlace {
  id: number;
  name: string;
}

export async function loadCompound(db: DataSource | EntityManager, id: number): Promise<CompoundPlace | null> {
  const rows: Array<{ id: number; name: string; district_id: number; street_id: number; community_id: number; grid_id: number | null }> = await db.query(
    `SELECT id, name, district_id, street_id, community_id, grid_id FROM org_units WHERE id = $1 AND kind = 'compound'`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, districtId: r.district_id, streetId: r.street_id, communityId: r.community_id, gridId: r.grid_id } : null;
}

const isAdmin = (actor: Actor) => actor.bindings.some((b) => b.role === 'admin');

/** 社区: community staff whose community (or a street/district above it) holds the compound; reviews votes, keeps the register. */
export function isCommunityStaffOf(actor: Actor, c: CompoundPlace): boolean {
  return isAdmin(actor) || actor.bindings.some((b) => b.role === 'community_staff' && unitBindingCovers(b, c));
}

/** 业委会委员 bound to this compound. */
export function isCommitteeOf(actor: Actor, c: CompoundPlace): boolean {
  return actor.bindings.some((b) => b.role === 'owners_committee_member' && b.orgUnitId === c.id);
}

/** Staff who may read the compound's votes and register (masked): community, street, district, admins. */
export function isOverseerOf(actor: Actor, c: CompoundPlace): boolean {
  if (isCommunityStaffOf(actor, c)) return true;
  return actor.bindings.some((b) => (b.role === 'street_staff' || b.role === 'supervisor') && unitBindingCovers(b, c));
}

/** Who may draft a vote or enter paper/on-site ballots: the compound's 业委会 or its community staff. */
export function organisesVotesOf(actor: Actor, c: CompoundPlace): boolean {
  return isCommitteeOf(actor, c) || isCommunityStaffOf(actor, c);
}

/** The role recorded on the trail for an organiser's step. */
export function organiserRole(actor: Actor, c: CompoundPlace) {
  if (isCommitteeOf(actor, c)) return 'owners_committee_member' as const;
  return isAdmin(actor) && !actor.bindings.some((b) => b.role === 'community_staff') ? ('admin' as const) : ('community_staff' as const);
}

/** A resident of the compound (their home) or a verified owner of one of its units sees its votes and notices. */
export async function livesIn(db: DataSource | EntityManager, actor: Actor, c: CompoundPlace): Promise<boolean> {
  if (actor.compoundId === c.id) return true;
  const rows: unknown[] = await db.query(
    `SELECT 1 FROM unit_owners o JOIN register_units u ON u.id = o.unit_id WHERE o.user_id = $1 AND o.status = 'verified' AND u.compound_id = $2 LIMIT 1`,
    [actor.userId, c.id],
  );
  return rows.length > 0;
}
