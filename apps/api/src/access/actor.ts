import type { OrganizationKind, OrgUnitKind, Role } from '@red-butler/domain';

/** One role binding with the kind of its scope resolved, so checks need no further queries. */
export interface Binding {
  role: Role;
  orgUnitId: number | null;
  orgUnitKind: OrgUnitKind | null;
  organizationId: number | null;
  organizationKind: OrganizationKind | null;
}

/** The authenticated caller of a request. */
export interface Actor {
  userId: number;
  displayName: string;
  phone: string | null;
  compoundId: number | null;
  buildingId: number | null;
  bindings: Binding[];
  /**
   * Streets this person administers as a street-scoped admin. Such a binding is kept out of
   * `bindings` on purpose: every other check reads an `admin` binding as district-wide power
   * (tickets, policies, keys, rankings), and a street admin only manages that street's people
   * (people/admin-reach.ts) and reads their audit trail.
   */
  adminStreets?: number[];
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.bindings.some((b) => b.role === role);
}
