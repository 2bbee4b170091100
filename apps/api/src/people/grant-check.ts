import { HttpStatus } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ApiException } from '../common/api.exception';
import type { AdminReach } from './admin-reach';
import type { GrantRoleDto } from './people.dto';
import { ROLE_SCOPES } from './role-scope.rules';

export interface CheckedGrant {
  role: GrantRoleDto['role'];
  orgUnitId: number | null;
  organizationId: number | null;
}

const outside = (field: string, message: string) =>
  new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', `${field}: ${message}`, [{ field, message }]);

/**
 * The scope must suit the role (ROLE_SCOPES) and lie within the granting admin's reach: a street
 * admin grants only inside their street, never a company/department role nor a district-wide
 * admin or supervisor. `prefix` names the field in a list (`roles[1].`).
 */
export async function checkGrant(em: EntityManager, reach: AdminReach, dto: GrantRoleDto, prefix = ''): Promise<CheckedGrant> {
  const rule = ROLE_SCOPES[dto.role];
  const unitField = `${prefix}orgUnitId`;
  const orgField = `${prefix}organizationId`;
  const wanted = rule.organization ? `a ${rule.organization}` : rule.units ? `a ${rule.units.join(' or ')}` : 'no scope';
  if (dto.orgUnitId !== undefined && dto.organizationId !== undefined) throw ApiException.validation(orgField, 'a role has one scope: an org unit or an organization, not both');
  if (dto.organizationId !== undefined) {
    if (!rule.organization) throw ApiException.validation(orgField, `${dto.role} is not bound to an organization (it takes ${wanted})`);
    const [org]: Array<{ kind: string }> = await em.query('SELECT kind FROM organizations WHERE id = $1', [dto.organizationId]);
    if (!org) throw ApiException.invalidReference(orgField, 'no such organization');
    if (org.kind !== rule.organization) throw ApiException.validation(orgField, `${dto.role} must be bound to ${wanted}, not a ${org.kind}`);
    if (reach.kind === 'streets') throw outside(orgField, 'company and department roles are granted by a district admin');
    return { role: dto.role, orgUnitId: null, organizationId: dto.organizationId };
  }
  if (dto.orgUnitId !== undefined) {
    if (!rule.units) throw ApiException.validation(unitField, `${dto.role} is not bound to an org unit (it takes ${wanted})`);
    const [unit]: Array<{ id: number; kind: string; street_id: number | null }> = await em.query('SELECT id, kind, street_id FROM org_units WHERE id = $1', [dto.orgUnitId]);
    if (!unit) throw ApiException.invalidReference(unitField, 'no such org unit');
    if (!(rule.units as string[]).includes(unit.kind)) throw ApiException.validation(unitField, `${dto.role} must be bound to ${wanted}, not a ${unit.kind}`);
    if (reach.kind === 'streets' && !reach.streetIds.some((s) => s === unit.id || s === unit.street_id)) throw outside(unitField, 'outside your street');
    return { role: dto.role, orgUnitId: dto.orgUnitId, organizationId: null };
  }
  if (!rule.none) throw ApiException.validation(rule.organization ? orgField : unitField, `${dto.role} must be bound to ${wanted}`);
  if (reach.kind === 'streets' && dto.role !== 'resident') throw outside(unitField, `a street admin cannot grant ${dto.role} district-wide; name a unit of your street`);
  return { role: dto.role, orgUnitId: null, organizationId: null };
}
