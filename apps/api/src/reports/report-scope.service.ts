import { HttpStatus, Injectable } from '@nestjs/common';
import type { OrgUnitKind, Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { REPORT_SCOPE_KINDS, WHOLE_SYSTEM, type ReportScope, type ReportScopeKind } from './report-scope';

/** Who reads reports: the supervising desks over their own unit, and admins over everything. */
export const REPORT_ROLES: readonly Role[] = ['supervisor', 'street_staff', 'community_staff', 'admin'];

interface UnitRow {
  id: number;
  kind: OrgUnitKind;
  name: string;
  district_id: number | null;
  street_id: number | null;
  community_id: number | null;
  grid_id: number | null;
}

const isScopeKind = (kind: OrgUnitKind): kind is ReportScopeKind => (REPORT_SCOPE_KINDS as readonly string[]).includes(kind);

/** Whether `unit` is the bound unit itself or lies below it (ancestor ids are copied on every unit). */
function within(unit: UnitRow, boundId: number): boolean {
  return [unit.id, unit.district_id, unit.street_id, unit.community_id, unit.grid_id].includes(boundId);
}

/**
 * Turns the caller and an optional `scopeId` into the unit a report covers. A unit outside the
 * caller's own is answered like a missing one (404), as tickets are: the caller learns nothing
 * about units they may not report on.
 */
@Injectable()
export class ReportScopeService {
  constructor(private readonly db: DataSource) {}

  async resolve(actor: Actor, scopeId: number | undefined): Promise<ReportScope> {
    const bindings = actor.bindings.filter((b) => REPORT_ROLES.includes(b.role));
    const isAdmin = bindings.some((b) => b.role === 'admin');
    const boundIds = [...new Set(bindings.map((b) => b.orgUnitId).filter((id): id is number => id !== null))];
    if (!isAdmin && boundIds.length === 0) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only supervisors, street and community staff and admins read reports');
    }
    if (scopeId === undefined) return isAdmin ? WHOLE_SYSTEM : this.ownUnit(boundIds);
    const [unit] = await this.units([scopeId]);
    if (!unit || !(isAdmin || boundIds.some((id) => within(unit, id)))) throw ApiException.notFound('scope');
    return this.asScope(unit);
  }

  /** The caller's own unit; several unrelated units (two bindings) must be chosen between. */
  private async ownUnit(boundIds: number[]): Promise<ReportScope> {
    const units = await this.units(boundIds);
    const widest = units.filter((u) => !units.some((other) => other.id !== u.id && within(u, other.id)));
    if (widest.length !== 1) throw ApiException.validation('scopeId', 'you are bound to several units: choose one with scopeId');
    return this.asScope(widest[0]);
  }

  private asScope(unit: UnitRow): ReportScope {
    if (!isScopeKind(unit.kind)) throw ApiException.validation('scopeId', `a report covers a district, street, community, grid or compound, not a ${unit.kind}`);
    return { id: unit.id, kind: unit.kind, name: unit.name };
  }

  private units(ids: number[]): Promise<UnitRow[]> {
    return this.db.query(
      'SELECT id, kind, name, district_id, street_id, community_id, grid_id FROM org_units WHERE id = ANY($1::int[]) ORDER BY id',
      [ids],
    );
  }
}
