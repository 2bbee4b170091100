import type { Role } from '@red-butler/domain';
import type { Actor, Binding } from '../access/actor';

/** The columns of an appeal (and its ticket) that decide who may see and decide it. */
export interface AppealScopeFacts {
  handlerOrgId: number;
  streetId: number;
  districtId: number;
}

/** 责任单位的申诉人: the manager of the rated company, or staff of the rated department. */
export function handlerDeskOrgs(actor: Actor): number[] {
  return actor.bindings
    .filter(
      (b) =>
        (b.role === 'property_manager' && b.organizationKind === 'property_company') ||
        (b.role === 'department_staff' && b.organizationKind === 'department'),
    )
    .map((b) => b.organizationId as number);
}

/** 裁定: street staff of the ticket's street, or street staff and supervisors bound to its district. */
function decides(b: Binding, a: AppealScopeFacts): boolean {
  if (b.role !== 'street_staff' && b.role !== 'supervisor') return false;
  return (b.orgUnitKind === 'street' && b.orgUnitId === a.streetId) || (b.orgUnitKind === 'district' && b.orgUnitId === a.districtId);
}

/** The role through which the caller decides this appeal; null if they may not. */
export function decidingRole(actor: Actor, a: AppealScopeFacts): Role | null {
  return actor.bindings.find((b) => decides(b, a))?.role ?? null;
}

export function canDecideAppeal(actor: Actor, a: AppealScopeFacts): boolean {
  return decidingRole(actor, a) !== null;
}

/** Who sees an appeal in `GET /api/appeals`: the appealing organization, the deciders, admins. */
export function canSeeAppeal(actor: Actor, a: AppealScopeFacts): boolean {
  if (actor.bindings.some((b) => b.role === 'admin')) return true;
  return handlerDeskOrgs(actor).includes(a.handlerOrgId) || canDecideAppeal(actor, a);
}

/**
 * The same rule as SQL over `rating_appeals a JOIN tickets t`; null when the caller has no role
 * that lists appeals (→ 403). Appends its values to `params`.
 */
export function visibleAppealsSql(actor: Actor, params: unknown[]): string | null {
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  if (actor.bindings.some((b) => b.role === 'admin')) return 'TRUE';
  const parts: string[] = [];
  const orgs = handlerDeskOrgs(actor);
  if (orgs.length) parts.push(`a.handler_org_id = ANY(${param(orgs)}::int[])`);
  for (const b of actor.bindings) {
    if (b.role !== 'street_staff' && b.role !== 'supervisor') continue;
    if (b.orgUnitKind === 'street') parts.push(`t.street_id = ${param(b.orgUnitId)}`);
    if (b.orgUnitKind === 'district') parts.push(`t.district_id = ${param(b.orgUnitId)}`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : null;
}
