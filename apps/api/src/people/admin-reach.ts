import { HttpStatus } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';

/**
 * Whom an admin manages. An admin binding without a scope, or scoped to the district, reaches
 * everyone; one scoped to a street reaches the people whose bindings all lie in that street.
 */
export type AdminReach = { kind: 'all' } | { kind: 'streets'; streetIds: number[] };

export function adminReach(actor: Actor): AdminReach | null {
  // ActorService keeps street-scoped admin bindings out of `bindings` (see Actor.adminStreets), so
  // an admin binding here is district-wide.
  if (actor.bindings.some((b) => b.role === 'admin')) return { kind: 'all' };
  const streetIds = actor.adminStreets ?? [];
  return streetIds.length > 0 ? { kind: 'streets', streetIds } : null;
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
