import { HttpStatus } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';

/**
 * Whom an admin manages. An admin binding without a scope, or scoped to the district, reaches
 * everyone; one scoped to a street reaches the people whose bindings all lie in that street.
 */
export type AdminReach = { kind: 'all' } | { kind: 'streets'; streetIds: number[] };

export function adminReach(actor: Actor): AdminReach | null {
  const admin = actor.bindings.filter((b) => b.role === 'admin');
  if (admin.length === 0) return null;
  if (admin.some((b) => b.orgUnitId === null || b.orgUnitKind === 'district')) return { kind: 'all' };
  const streetIds = admin.filter((b) => b.orgUnitKind === 'street').map((b) => b.orgUnitId as number);
  // An admin binding on a unit below a street (not granted by this API) reaches nobody.
  return { kind: 'streets', streetIds };
}

export function requireAdmin(actor: Actor, what: string): AdminReach {
  const reach = adminReach(actor);
  if (!reach) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', `only admins ${what}`);
  return reach;
}

/**
 * SQL (over `alias` = users) true when a street admin reaches the user: at least one binding in
 * the streets and none outside them. A resident binding carries no scope and counts for neither
 * (a 网格员 who is also a resident stays the street's); company and department bindings are
 * district-wide (a company serves several streets), so only a district admin manages those people.
 */
export function userInReachSql(reach: AdminReach, alias: string, params: unknown[]): string {
  if (reach.kind === 'all') return 'TRUE';
  params.push(reach.streetIds);
  const p = `$${params.length}::int[]`;
  const inStreet = `(ou.id = ANY(${p}) OR ou.street_id = ANY(${p}))`;
  return `(EXISTS (SELECT 1 FROM role_bindings rb JOIN org_units ou ON ou.id = rb.org_unit_id WHERE rb.user_id = ${alias}.id AND ${inStreet})
      AND NOT EXISTS (SELECT 1 FROM role_bindings rb LEFT JOIN org_units ou ON ou.id = rb.org_unit_id
                       WHERE rb.user_id = ${alias}.id AND NOT (rb.role = 'resident' AND rb.org_unit_id IS NULL AND rb.organization_id IS NULL)
                         AND NOT coalesce(${inStreet}, false)))`;
}
