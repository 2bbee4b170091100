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
}

export function hasRole(actor: Actor, role: Role): boolean {
  return actor.bindings.some((b) => b.role === role);
}
