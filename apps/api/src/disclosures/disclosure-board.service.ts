import { HttpStatus, Injectable } from '@nestjs/common';
import { DISCLOSURE_STALE_DAYS, shanghaiDate } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { DisclosureClock } from './disclosure.clock';

const DAY_MS = 86_400_000;
const UNIT_COLUMNS: Record<string, string> = { district: 'district_id', street: 'street_id', community: 'community_id', grid: 'grid_id' };
export const DISCLOSURE_FLAGS = ['current', 'stale', 'missing', 'no_company'] as const;
export type DisclosureFlag = (typeof DISCLOSURE_FLAGS)[number];

/** missing: the serving company has no approved version; stale: its public version is over a year old. */
export function disclosureFlag(company: boolean, approvedAt: Date | null, now: Date): DisclosureFlag {
  if (!company) return 'no_company';
  if (!approvedAt) return 'missing';
  return now.getTime() - approvedAt.getTime() > DISCLOSURE_STALE_DAYS * DAY_MS ? 'stale' : 'current';
}

/**
 * The 五公开 column of the supervisor board: every compound in the caller's scope with the state of
 * its public 五公开 at the injected clock's instant. Staff see their units' compounds, a company
 * the compounds it serves now (its own to-do list).
 */
@Injectable()
export class DisclosureBoardService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: DisclosureClock,
  ) {}

  async board(actor: Actor) {
    const now = this.clock.now();
    const params: unknown[] = [shanghaiDate(now)];
    const p = (v: unknown) => (params.push(v), `$${params.length}`);
    const scopes: string[] = [];
    for (const b of actor.bindings) {
      if (b.role === 'admin') scopes.push('TRUE');
      if ((b.role === 'community_staff' || b.role === 'street_staff' || b.role === 'supervisor') && b.orgUnitKind && UNIT_COLUMNS[b.orgUnitKind]) scopes.push(`c.${UNIT_COLUMNS[b.orgUnitKind]} = ${p(b.orgUnitId)}`);
      if (b.role === 'property_manager' && b.organizationId !== null) scopes.push(`k.organization_id = ${p(b.organizationId)}`);
    }
    if (scopes.length === 0) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'the 五公开 board is for staff and property companies');
    const rows: Array<{ id: number; name: string; community_id: number; community_name: string; org_id: number | null; org_name: string | null; version_id: number | null; version: number | null; approved_at: Date | null; pending: boolean }> =
      await this.db.query(
        `SELECT c.id, c.name, c.community_id, cm.name AS community_name, o.id AS org_id, o.name AS org_name,
                d.id AS version_id, d.version, d.reviewed_at AS approved_at,
                EXISTS (SELECT 1 FROM compound_disclosures x WHERE x.compound_id = c.id AND x.status = 'pending_review') AS pending
           FROM org_units c JOIN org_units cm ON cm.id = c.community_id
           LEFT JOIN LATERAL (SELECT organization_id FROM compound_contracts WHERE compound_id = c.id AND $1::date BETWEEN starts_on AND ends_on
                               ORDER BY starts_on DESC LIMIT 1) k ON TRUE
           LEFT JOIN organizations o ON o.id = k.organization_id
           LEFT JOIN LATERAL (SELECT id, version, reviewed_at FROM compound_disclosures WHERE compound_id = c.id AND organization_id = k.organization_id
                               AND status = 'approved' ORDER BY version DESC LIMIT 1) d ON TRUE
          WHERE c.kind = 'compound' AND (${scopes.join(' OR ')})
          ORDER BY c.id`,
        params,
      );
    const items = rows.map((r) => ({
      compound: { id: r.id, name: r.name }, community: { id: r.community_id, name: r.community_name },
      company: r.org_id === null ? null : { id: r.org_id, name: r.org_name as string },
      publicVersion: r.version_id === null ? null : { id: r.version_id, version: r.version as number, approvedAt: r.approved_at as Date },
      pendingReview: r.pending,
      flag: disclosureFlag(r.org_id !== null, r.approved_at, now),
    }));
    return { asOf: now, staleAfterDays: DISCLOSURE_STALE_DAYS, flagged: items.filter((i) => i.flag === 'stale' || i.flag === 'missing').length, items };
  }
}
