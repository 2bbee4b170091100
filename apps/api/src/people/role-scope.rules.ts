import { ROLES, type OrganizationKind, type OrgUnitKind, type Role } from '@red-butler/domain';

/** Roles an admin may grant: `system` belongs to the workers and is never granted. */
export type GrantableRole = Exclude<Role, 'system'>;
export const GRANTABLE_ROLES = ROLES.filter((r): r is GrantableRole => r !== 'system');

/**
 * The scope each role must be bound to: the same rules every access check assumes (a community
 * staff member is bound to a community, a property manager to a property company). `none: true`
 * allows (admin) or requires (resident) a binding without scope.
 */
export const ROLE_SCOPES: Record<GrantableRole, { units?: OrgUnitKind[]; organization?: OrganizationKind; none?: boolean }> = {
  resident: { none: true },
  grid_worker: { units: ['grid'] },
  community_staff: { units: ['community'] },
  street_staff: { units: ['street'] },
  supervisor: { units: ['district', 'street'] },
  admin: { none: true, units: ['district', 'street'] },
  owners_committee_member: { units: ['compound'] },
  property_manager: { organization: 'property_company' },
  property_worker: { organization: 'property_company' },
  department_staff: { organization: 'department' },
};
