import type { Role } from '@red-butler/domain';
import type { Actor, Binding } from '../access/actor';

/** An issuing desk: street staff for their street, supervisors (and street-bound supervisors) for their unit. */
export interface IssuerDesk {
  role: Role;
  unitId: number;
  kind: 'district' | 'street';
}

/** The columns of a notice that decide who may see and act on it. */
export interface NoticeScopeFacts {
  organizationId: number;
  compoundIds: number[];
  streetIds: number[];
  districtId: number;
  issuerUnitId: number;
}

function deskOf(b: Binding): IssuerDesk | null {
  if (b.role !== 'supervisor' && b.role !== 'street_staff') return null;
  if (b.orgUnitKind !== 'district' && b.orgUnitKind !== 'street') return null;
  return { role: b.role, unitId: b.orgUnitId as number, kind: b.orgUnitKind };
}

export function issuerDesks(actor: Actor): IssuerDesk[] {
  return actor.bindings.map(deskOf).filter((d): d is IssuerDesk => d !== null);
}

/** The property companies whose manager the caller is (they answer notices). */
export function companyDesks(actor: Actor): number[] {
  return actor.bindings.filter((b) => b.role === 'property_manager' && b.organizationKind === 'property_company').map((b) => b.organizationId as number);
}

const isAdmin = (actor: Actor) => actor.bindings.some((b) => b.role === 'admin');

/** Staff whose street or district holds one of the notice's compounds read it in full. */
function staffCovers(d: IssuerDesk, n: NoticeScopeFacts): boolean {
  return d.kind === 'district' ? d.unitId === n.districtId : n.streetIds.includes(d.unitId);
}

export function canReadNotice(actor: Actor, n: NoticeScopeFacts): boolean {
  if (isAdmin(actor)) return true;
  if (companyDesks(actor).includes(n.organizationId)) return true;
  return issuerDesks(actor).some((d) => staffCovers(d, n));
}

/**
 * 核验 and the consequences: the issuing desk (the street that issued, or the district's
 * supervisors, who oversee every street's notices).
 */
export function verifyingDesk(actor: Actor, n: NoticeScopeFacts): IssuerDesk | null {
  return issuerDesks(actor).find((d) => d.unitId === n.issuerUnitId || (d.kind === 'district' && d.unitId === n.districtId)) ?? null;
}

/** The same read rule as SQL over `supervision_notices n`; appends its values to `params`. */
export function visibleNoticesSql(actor: Actor, params: unknown[]): string {
  if (isAdmin(actor)) return 'TRUE';
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  const parts: string[] = [];
  const orgs = companyDesks(actor);
  if (orgs.length) parts.push(`n.organization_id = ANY(${param(orgs)}::int[])`);
  for (const d of issuerDesks(actor)) {
    parts.push(d.kind === 'district' ? `n.district_id = ${param(d.unitId)}` : `${param(d.unitId)} = ANY(n.street_ids)`);
  }
  return parts.length ? `(${parts.join(' OR ')})` : 'FALSE';
}

/** Who reads a company's full trail: its own manager, staff of a street it serves or of its district. */
export function canReadCompanyTrail(actor: Actor, organizationId: number, servedStreetIds: number[], districtIds: number[]): boolean {
  if (isAdmin(actor) || companyDesks(actor).includes(organizationId)) return true;
  return issuerDesks(actor).some((d) => (d.kind === 'district' ? districtIds.includes(d.unitId) : servedStreetIds.includes(d.unitId)));
}
