import { HttpStatus } from '@nestjs/common';
import type { OrgUnitKind } from '@red-butler/domain';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';

/** The part of the district an admin maintains: all of it, or one street (or community, grid) and below. */
export interface AdminScope {
  districtId: number;
  /** null: the whole district (an admin bound to it, or unbound); else the unit the admin is bound to. */
  unit: { id: number; kind: OrgUnitKind; name: string } | null;
}

export const UNIT_DEPTH: Record<OrgUnitKind, number> = { district: 0, street: 1, community: 2, grid: 3, compound: 4, building: 5 };

/** The ancestor columns of org_units, one per kind that can hold others. */
export const ANCESTOR_COLUMN: Partial<Record<OrgUnitKind, string>> = { district: 'district_id', street: 'street_id', community: 'community_id', grid: 'grid_id', compound: 'compound_id' };

const forbidden = (message: string) => new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', message);

/**
 * Who maintains the district's reference data: admins. An unbound admin or one bound to the district
 * has the whole district (a deployment with several districts must bind its admins); an admin bound to
 * a street maintains the units below it (ActorService keeps such a binding in `actor.adminStreets`,
 * out of `bindings`, so it grants nothing district-wide). Everyone else: 403.
 */
export async function adminScope(em: EntityManager, actor: Actor): Promise<AdminScope> {
  const bindings = actor.bindings.filter((b) => b.role === 'admin');
  const streets = actor.adminStreets ?? [];
  if (bindings.length === 0 && streets.length === 0) throw forbidden('only admins maintain the district’s org tree, companies, contracts and departments');
  const wide = bindings.find((b) => b.orgUnitId === null || b.orgUnitKind === 'district');
  if (wide) {
    if (wide.orgUnitId !== null) return { districtId: wide.orgUnitId, unit: null };
    const districts: Array<{ id: number }> = await em.query(`SELECT id FROM org_units WHERE kind = 'district' ORDER BY id LIMIT 2`);
    if (districts.length !== 1) throw forbidden('several districts exist: bind the admin to one of them');
    return { districtId: districts[0].id, unit: null };
  }
  const [u]: Array<{ id: number; name: string; district_id: number }> = await em.query(`SELECT id, name, district_id FROM org_units WHERE id = $1`, [streets[0]]);
  return { districtId: u.district_id, unit: { id: u.id, kind: 'street', name: u.name } };
}

/** District-wide objects (companies, departments, categories) are for district admins only. */
export function requireDistrictWide(scope: AdminScope): void {
  if (scope.unit) throw forbidden(`companies and departments are kept by the district’s admins; you maintain ${scope.unit.name} only`);
}

/** A unit row with its ancestor columns, as org_units stores it. */
export interface UnitRow {
  id: number;
  kind: OrgUnitKind;
  name: string;
  parent_id: number | null;
  district_id: number | null;
  street_id: number | null;
  community_id: number | null;
  grid_id: number | null;
  compound_id: number | null;
}

/** Whether the admin maintains the unit: inside the district and strictly below the admin's own unit. */
export function scopeCovers(scope: AdminScope, u: Pick<UnitRow, 'kind' | 'district_id'> & Partial<UnitRow>): boolean {
  if (u.district_id !== scope.districtId) return false;
  if (!scope.unit) return true;
  const column = ANCESTOR_COLUMN[scope.unit.kind] as keyof UnitRow;
  return UNIT_DEPTH[u.kind] > UNIT_DEPTH[scope.unit.kind] && u[column] === scope.unit.id;
}
