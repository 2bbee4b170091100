import type { Compound, Organization, RoleBindingView } from '../../../api/api.types';

type Role = RoleBindingView['role'];

export interface ScopeChoice {
  /** which field of the grant the choice fills; null: the role takes no scope */
  field: 'orgUnitId' | 'organizationId' | null;
  options: Array<{ value: number; label: string }>;
  /** the role may also be held without a scope (a district-wide admin) */
  optional?: boolean;
}

const unique = (list: Array<{ value: number; label: string }>) => list.filter((o, i) => list.findIndex((x) => x.value === o.value) === i);

/**
 * The scopes a role may be bound to, from the lists the client already has (compounds carry their
 * community, street and district). The API checks the same rule and answers 400 naming the field.
 */
export function scopeChoice(role: Role, compounds: Compound[], companies: Organization[], departments: Organization[]): ScopeChoice {
  const streets = unique(compounds.map((c) => ({ value: c.streetId, label: c.streetName })));
  const districts = unique(compounds.map((c) => ({ value: c.districtId, label: c.districtName })));
  switch (role) {
    case 'community_staff':
      return { field: 'orgUnitId', options: unique(compounds.map((c) => ({ value: c.communityId, label: c.communityName }))) };
    case 'street_staff':
      return { field: 'orgUnitId', options: streets };
    case 'supervisor':
      return { field: 'orgUnitId', options: [...districts, ...streets] };
    case 'admin':
      return { field: 'orgUnitId', options: streets, optional: true };
    case 'owners_committee_member':
      return { field: 'orgUnitId', options: compounds.map((c) => ({ value: c.id, label: c.name })) };
    case 'property_manager':
    case 'property_worker':
      return { field: 'organizationId', options: companies.map((o) => ({ value: o.id, label: o.name })) };
    case 'department_staff':
      return { field: 'organizationId', options: departments.map((o) => ({ value: o.id, label: o.name })) };
    case 'grid_worker':
      // Grids are not in the compound list: the grid's number is typed (the API names a wrong one).
      return { field: 'orgUnitId', options: [] };
    default:
      return { field: null, options: [] };
  }
}

export const GRANTABLE: Array<{ value: Exclude<Role, 'system'>; label: string }> = [
  { value: 'community_staff', label: '社区工作人员' },
  { value: 'grid_worker', label: '网格员' },
  { value: 'street_staff', label: '街道工作人员' },
  { value: 'property_manager', label: '物业项目经理' },
  { value: 'property_worker', label: '物业维修工' },
  { value: 'department_staff', label: '职能部门' },
  { value: 'supervisor', label: '督办' },
  { value: 'owners_committee_member', label: '业委会委员' },
  { value: 'resident', label: '居民' },
  { value: 'admin', label: '管理员' },
];

export function scopeText(b: RoleBindingView): string {
  const where = b.orgUnit?.name ?? b.organization?.name;
  return where ? `${b.roleLabel} · ${where}` : b.role === 'admin' ? `${b.roleLabel} · 全区` : b.roleLabel;
}
