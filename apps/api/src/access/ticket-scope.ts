import type { HandlerKind, Role, TicketStatus } from '@red-butler/domain';
import type { Actor, Binding } from './actor';

/** The columns of a ticket that decide who may see and act on it. */
export interface TicketScopeFacts {
  status: TicketStatus;
  reporterId: number;
  districtId: number;
  streetId: number;
  communityId: number;
  gridId: number | null;
  handlerKind: HandlerKind | null;
  handlerOrgId: number | null;
  assigneeId: number | null;
}

const UNIT_COLUMN = {
  district: { fact: 'districtId', column: 'district_id' },
  street: { fact: 'streetId', column: 'street_id' },
  community: { fact: 'communityId', column: 'community_id' },
  grid: { fact: 'gridId', column: 'grid_id' },
} as const;

type UnitScopedKind = keyof typeof UNIT_COLUMN;
const isUnitScoped = (kind: string | null): kind is UnitScopedKind => !!kind && kind in UNIT_COLUMN;

/** Where a ticket or a compound sits in the org tree. */
export type UnitPlace = Pick<TicketScopeFacts, 'districtId' | 'streetId' | 'communityId' | 'gridId'>;

/** Whether a unit-scoped binding (district, street, community or grid) contains the place. */
export function unitBindingCovers(b: Binding, place: UnitPlace): boolean {
  return isUnitScoped(b.orgUnitKind) && place[UNIT_COLUMN[b.orgUnitKind].fact] === b.orgUnitId;
}

/**
 * Whether one binding covers the ticket. This function and `bindingSql` below are the two
 * spellings (in memory, in SQL) of one rule; the access tests check them against each other.
 */
function covers(b: Binding, actor: Actor, t: TicketScopeFacts): boolean {
  switch (b.role) {
    case 'admin':
      return true;
    case 'resident':
      return t.reporterId === actor.userId;
    case 'grid_worker':
    case 'community_staff':
    case 'street_staff':
    case 'supervisor':
      if (b.role === 'grid_worker' && t.reporterId === actor.userId) return true;
      return unitBindingCovers(b, t);
    case 'property_manager':
      return t.handlerKind === 'company' && t.handlerOrgId === b.organizationId;
    case 'property_worker':
      return t.handlerKind === 'company' && t.handlerOrgId === b.organizationId && t.assigneeId === actor.userId;
    case 'department_staff':
      return t.handlerKind === 'department' && t.handlerOrgId === b.organizationId;
    case 'owners_committee_member':
      return false; // 业委会委员 act on their compound's votes, not on tickets (a resident binding covers their own reports)
    case 'system':
      return false; // the workers' account holds no binding; listed only for completeness
  }
}

/** The caller's roles that reach this ticket; empty means it is out of scope (→ 404). */
export function rolesInScope(actor: Actor, t: TicketScopeFacts): Role[] {
  return [...new Set(actor.bindings.filter((b) => covers(b, actor, t)).map((b) => b.role))];
}

function bindingSql(b: Binding, actor: Actor, alias: string, param: (v: unknown) => string): string | null {
  switch (b.role) {
    case 'admin':
      return 'TRUE';
    case 'resident':
      return `${alias}.reporter_id = ${param(actor.userId)}`;
    case 'grid_worker':
    case 'community_staff':
    case 'street_staff':
    case 'supervisor': {
      const parts: string[] = [];
      if (b.role === 'grid_worker') parts.push(`${alias}.reporter_id = ${param(actor.userId)}`);
      if (isUnitScoped(b.orgUnitKind)) parts.push(`${alias}.${UNIT_COLUMN[b.orgUnitKind].column} = ${param(b.orgUnitId)}`);
      return parts.length ? parts.join(' OR ') : null;
    }
    case 'property_manager':
      return `(${alias}.handler_kind = 'company' AND ${alias}.handler_org_id = ${param(b.organizationId)})`;
    case 'property_worker':
      return `(${alias}.handler_kind = 'company' AND ${alias}.handler_org_id = ${param(b.organizationId)} AND ${alias}.assignee_id = ${param(actor.userId)})`;
    case 'department_staff':
      return `(${alias}.handler_kind = 'department' AND ${alias}.handler_org_id = ${param(b.organizationId)})`;
    case 'owners_committee_member':
    case 'system':
      return null;
  }
}

/** A WHERE fragment selecting the tickets the caller may see; appends its values to `params`. */
export function visibleTicketsSql(actor: Actor, alias: string, params: unknown[]): string {
  const param = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const parts = actor.bindings.map((b) => bindingSql(b, actor, alias, param)).filter((p): p is string => !!p);
  return parts.length ? `(${parts.map((p) => `(${p})`).join(' OR ')})` : 'FALSE';
}

/**
 * Residents' phone numbers are need-to-know: the reporter, the ticket's community (staff and grid
 * workers, who call back), and the handler once it has accepted the job.
 */
export function canSeeReporterPhone(actor: Actor, t: TicketScopeFacts): boolean {
  if (t.reporterId === actor.userId) return true;
  return actor.bindings.some((b) => {
    if (b.role === 'community_staff' || b.role === 'grid_worker') {
      return (
        (b.orgUnitKind === 'community' && b.orgUnitId === t.communityId) ||
        (b.orgUnitKind === 'grid' && b.orgUnitId === t.gridId)
      );
    }
    if (b.role === 'property_manager' || b.role === 'property_worker' || b.role === 'department_staff') {
      return (t.status === 'accepted' || t.status === 'resolved') && b.organizationId === t.handlerOrgId;
    }
    return false;
  });
}
