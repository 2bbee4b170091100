import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CompanyTrail } from './company-trail.service';
import { canReadCompanyTrail } from './supervision-scope';

/** Who reads which trail: in full (staff in scope, the company), or in summary (a compound's residents). */
@Injectable()
export class TrailsService {
  constructor(
    private readonly db: DataSource,
    private readonly trail: CompanyTrail,
  ) {}

  async company(actor: Actor, organizationId: number) {
    // Streets and districts the company serves or served, or that its trail names.
    const [org]: Array<{ name: string; street_ids: number[]; district_ids: number[] }> = await this.db.query(
      `SELECT o.name,
              coalesce(array_agg(DISTINCT c.street_id) FILTER (WHERE c.id IS NOT NULL), '{}') AS street_ids,
              coalesce(array_agg(DISTINCT c.district_id) FILTER (WHERE c.id IS NOT NULL), '{}') || coalesce(array_agg(DISTINCT o.district_id) FILTER (WHERE o.district_id IS NOT NULL), '{}') AS district_ids
         FROM organizations o
         LEFT JOIN org_units c ON c.id IN (SELECT compound_id FROM compound_contracts WHERE organization_id = o.id
                                          UNION SELECT unnest(compound_ids) FROM company_trail WHERE organization_id = o.id)
        WHERE o.id = $1 AND o.kind = 'property_company' GROUP BY o.id`,
      [organizationId],
    );
    if (!org || !canReadCompanyTrail(actor, organizationId, org.street_ids, org.district_ids)) throw ApiException.notFound('company');
    return { company: { id: organizationId, name: org.name }, entries: await this.trail.full(organizationId) };
  }

  /** Residents of the compound (and staff over it): summaries only, no names or internal notes. */
  async compound(actor: Actor, compoundId: number) {
    const [c]: Array<{ id: number; name: string; district_id: number; street_id: number; community_id: number; grid_id: number }> = await this.db.query(
      `SELECT id, name, district_id, street_id, community_id, grid_id FROM org_units WHERE id = $1 AND kind = 'compound'`,
      [compoundId],
    );
    const place: Record<string, number> = c ? { district: c.district_id, street: c.street_id, community: c.community_id, grid: c.grid_id } : {};
    const sees = c && (actor.compoundId === c.id || actor.bindings.some((b) => b.role === 'admin' || (b.role !== 'resident' && b.orgUnitKind !== null && place[b.orgUnitKind] === b.orgUnitId)));
    if (!sees) throw ApiException.notFound('compound');
    return { compound: { id: c.id, name: c.name }, entries: await this.trail.summaryForCompound(c.id) };
  }
}
