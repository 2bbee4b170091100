import { Injectable } from '@nestjs/common';
import type { HandlerKind } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';

export interface SuggestedHandler {
  kind: HandlerKind;
  id: number;
  name: string;
  /** contract: the compound's company; custody: 社区托管; fallback: 国企兜底; department: the category's owner. */
  reason: 'contract' | 'custody' | 'fallback' | 'department';
}

const UNIT_COLUMNS: Record<string, string> = {
  district: 'district_id',
  street: 'street_id',
  community: 'community_id',
  grid: 'grid_id',
};

@Injectable()
export class OrgService {
  constructor(private readonly db: DataSource) {}

  categories() {
    return this.db.query(
      `SELECT c.id, c.code, c.name, c.group_name AS "group", c.icon, c.handler_kind AS "handlerKind",
              c.default_priority AS "defaultPriority", c.keywords,
              CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'name', d.name, 'shortName', d.short_name) END AS department
         FROM categories c LEFT JOIN organizations d ON d.id = c.department_id
        WHERE c.active ORDER BY c.sort_order, c.id`,
    );
  }

  /**
   * Compounds for pickers. Residents pick any compound (names are public); unit-scoped staff see
   * those inside their units; property staff the compounds their company serves now.
   */
  async compounds(actor: Actor, q?: string) {
    const params: unknown[] = [];
    const param = (v: unknown) => (params.push(v), `$${params.length}`);
    const seesAll = actor.bindings.some((b) => b.role === 'admin' || b.role === 'resident');
    const conditions: string[] = [];
    if (!seesAll) {
      const scopes = actor.bindings.flatMap((b) => {
        if (b.orgUnitKind && UNIT_COLUMNS[b.orgUnitKind]) return [`c.${UNIT_COLUMNS[b.orgUnitKind]} = ${param(b.orgUnitId)}`];
        if (b.organizationKind === 'property_company') {
          return [`EXISTS (SELECT 1 FROM compound_contracts k WHERE k.compound_id = c.id AND k.organization_id = ${param(b.organizationId)} AND current_date BETWEEN k.starts_on AND k.ends_on)`];
        }
        if (b.organizationKind === 'department') {
          return [`c.district_id = (SELECT district_id FROM organizations WHERE id = ${param(b.organizationId)})`];
        }
        return [];
      });
      conditions.push(scopes.length ? `(${scopes.join(' OR ')})` : 'FALSE');
    }
    if (q) conditions.push(`c.name ILIKE ${param(`%${q.replace(/[%_\\]/g, '\\$&')}%`)}`);
    return this.db.query(
      `SELECT c.id, c.code, c.name, c.address, c.lat, c.lng, c.households,
              c.community_id AS "communityId", cm.name AS "communityName", c.street_id AS "streetId", s.name AS "streetName",
              c.district_id AS "districtId", dt.name AS "districtName",
              coalesce((SELECT json_agg(json_build_object('id', b.id, 'name', b.name) ORDER BY b.id)
                          FROM org_units b WHERE b.parent_id = c.id AND b.kind = 'building'), '[]') AS buildings
         FROM org_units c
         JOIN org_units cm ON cm.id = c.community_id
         JOIN org_units s ON s.id = c.street_id
         JOIN org_units dt ON dt.id = c.district_id
        WHERE c.kind = 'compound' ${conditions.length ? `AND ${conditions.join(' AND ')}` : ''}
        ORDER BY c.id`,
      params,
    );
  }

  organizations(kind: 'property_company' | 'department') {
    return this.db.query(
      `SELECT id, code, name, short_name AS "shortName", phone, is_fallback AS "isFallback"
         FROM organizations WHERE kind = $1 ORDER BY id`,
      [kind],
    );
  }

  /** Assignee picker: the workers of a company (or staff of a department) the caller manages. */
  async members(actor: Actor, organizationId: number) {
    const manages = actor.bindings.some(
      (b) => b.organizationId === organizationId && (b.role === 'property_manager' || b.role === 'department_staff'),
    );
    if (!manages && !actor.bindings.some((b) => b.role === 'admin')) throw ApiException.notFound('organization');
    return this.db.query(
      `SELECT u.id, u.display_name AS "displayName", b.role
         FROM role_bindings b JOIN users u ON u.id = b.user_id
        WHERE b.organization_id = $1 AND b.role IN ('property_worker', 'department_staff', 'property_manager') AND u.active
        ORDER BY u.id`,
      [organizationId],
    );
  }

  /**
   * The companies a ticket of the compound may be dispatched to: those under contract (or 社区托管)
   * today, and the district's state-owned fallback (国企兜底). A company outside this list would read
   * the resident's phone once it accepted, so dispatch refuses it (COMPANY_NOT_CONTRACTED).
   */
  async dispatchTargets(compoundId: number, districtId: number): Promise<Array<{ id: number; name: string; shortName: string | null; reason: 'contract' | 'custody' | 'fallback' }>> {
    return this.db.query(
      `SELECT DISTINCT ON (o.id) o.id, o.name, o.short_name AS "shortName", s.reason
         FROM (SELECT k.organization_id AS id, k.kind::text AS reason, 1 AS rank
                 FROM compound_contracts k
                WHERE k.compound_id = $1 AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN k.starts_on AND k.ends_on
               UNION ALL
               SELECT o.id, 'fallback', 2 FROM organizations o WHERE o.kind = 'property_company' AND o.is_fallback AND o.district_id = $2) s
         JOIN organizations o ON o.id = s.id AND o.kind = 'property_company'
        ORDER BY o.id, s.rank`,
      [compoundId, districtId],
    );
  }

  /** Who the community should dispatch to: the category's department, the contract, or the fallback. */
  async suggestHandler(categoryId: number, compoundId: number, districtId: number): Promise<SuggestedHandler | null> {
    const rows: Array<SuggestedHandler & { rank: number }> = await this.db.query(
      `SELECT * FROM (
         SELECT 'department'::text AS kind, d.id, d.name, 'department'::text AS reason, 1 AS rank
           FROM categories c JOIN organizations d ON d.id = c.department_id
          WHERE c.id = $1 AND c.handler_kind = 'department'
         UNION ALL
         SELECT 'company', o.id, o.name, k.kind::text, 2
           FROM compound_contracts k JOIN organizations o ON o.id = k.organization_id
          WHERE k.compound_id = $2 AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN k.starts_on AND k.ends_on
         UNION ALL
         SELECT 'company', o.id, o.name, 'fallback', 3
           FROM organizations o WHERE o.kind = 'property_company' AND o.is_fallback AND o.district_id = $3
       ) s ORDER BY rank, id LIMIT 1`,
      [categoryId, compoundId, districtId],
    );
    if (!rows[0]) return null;
    const { kind, id, name, reason } = rows[0];
    return { kind, id, name, reason };
  }
}
