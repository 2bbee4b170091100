import { HttpStatus } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { unitBindingCovers, type UnitPlace } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';

export interface CommunityPlace extends UnitPlace {
  id: number;
  name: string;
}

const COLUMN: Record<string, string> = { district: 'district_id', street: 'street_id', community: 'id' };

export async function loadCommunity(db: DataSource | EntityManager, id: number): Promise<CommunityPlace | null> {
  const rows: Array<{ id: number; name: string; district_id: number; street_id: number }> = await db.query(
    `SELECT id, name, district_id, street_id FROM org_units WHERE id = $1 AND kind = 'community'`,
    [id],
  );
  const r = rows[0];
  return r ? { id: r.id, name: r.name, districtId: r.district_id, streetId: r.street_id, communityId: r.id, gridId: null } : null;
}

const isAdmin = (actor: Actor) => actor.bindings.some((b) => b.role === 'admin');

/** Community staff of the community (or of a street/district above it), and admins, run its points. */
export function runsPointsOf(actor: Actor, c: CommunityPlace): boolean {
  return isAdmin(actor) || actor.bindings.some((b) => b.role === 'community_staff' && unitBindingCovers(b, c));
}

/** The community of the resident's home compound: where they earn, shop and sign up. */
export async function homeCommunity(db: DataSource | EntityManager, actor: Actor): Promise<number | null> {
  if (actor.compoundId === null) return null;
  const rows: Array<{ community_id: number }> = await db.query(`SELECT community_id FROM org_units WHERE id = $1`, [actor.compoundId]);
  return rows[0]?.community_id ?? null;
}

/**
 * Loads a community-owned object and decides: staff of its community, or a resident living there
 * (when `residents` allows), may touch it; anyone else gets 404 as if it did not exist, so ids of
 * other communities' items reveal nothing.
 */
export async function communityAccess(db: DataSource | EntityManager, actor: Actor, communityId: number, residents: boolean) {
  const c = await loadCommunity(db, communityId);
  const staff = c !== null && runsPointsOf(actor, c);
  const resident = !staff && residents && (await homeCommunity(db, actor)) === communityId;
  return { community: c as CommunityPlace, staff, resident, visible: staff || resident };
}

export function staffOnly(staff: boolean): void {
  if (!staff) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the community’s staff may do this');
}

/**
 * Communities whose points the caller runs (staff) or oversees (street staff, supervisors), as SQL
 * over `org_units c` (kind community); appends its values to `params`.
 */
export function communitiesSql(actor: Actor, params: unknown[], roles: readonly string[]): string {
  if (isAdmin(actor)) return 'TRUE';
  const parts: string[] = [];
  for (const b of actor.bindings) {
    const column = COLUMN[b.orgUnitKind as string];
    if (!roles.includes(b.role) || !column) continue;
    params.push(b.orgUnitId);
    parts.push(`c.${column} = $${params.length}`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

export const STAFF_ROLES = ['community_staff'] as const;
export const OVERSEER_ROLES = ['community_staff', 'street_staff', 'supervisor'] as const;
