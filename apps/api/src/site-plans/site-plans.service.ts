import { HttpStatus, Injectable } from '@nestjs/common';
import { OPEN_STATUSES, validateSitePlan } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { unitBindingCovers, visibleTicketsSql } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import { livesIn, loadCompound, type CompoundPlace } from '../owners/compound-scope';
import { loadSitePlan, type StoredPlan } from './site-plan.store';

const AREA_STAFF = ['grid_worker', 'community_staff', 'street_staff', 'supervisor'];
const MAX_PINS = 500;

interface PinRow {
  id: number;
  no: string;
  status: string;
  category_id: number;
  category_name: string;
  category_icon: string;
  plan_x: number;
  plan_y: number;
  building_id: number | null;
  building_name: string | null;
  due_at: Date | null;
  overdue: boolean;
  warned: boolean;
  created_at: Date;
}

/** 小区平面图: read by whoever may report in (or serves) the compound, written by admins. */
@Injectable()
export class SitePlansService {
  constructor(private readonly db: DataSource) {}

  /**
   * Who reads a compound's plan: its residents (home or verified owner), the area staff above it
   * (grid, community, street, district supervisors), the company serving it under a current contract,
   * and admins. Anyone else gets the same 404 as for a compound that does not exist.
   */
  private async readable(actor: Actor, id: number): Promise<CompoundPlace> {
    const c = await loadCompound(this.db, id);
    if (!c) throw ApiException.notFound('compound');
    if (hasRole(actor, 'admin')) return c;
    if (actor.bindings.some((b) => AREA_STAFF.includes(b.role) && unitBindingCovers(b, c))) return c;
    const companies = actor.bindings.filter((b) => b.role === 'property_manager' && b.organizationId !== null).map((b) => b.organizationId);
    if (companies.length > 0) {
      const rows: unknown[] = await this.db.query(
        `SELECT 1 FROM compound_contracts k WHERE k.compound_id = $1 AND k.organization_id = ANY($2::int[])
            AND (now() AT TIME ZONE 'Asia/Shanghai')::date BETWEEN k.starts_on AND k.ends_on LIMIT 1`,
        [id, companies],
      );
      if (rows.length > 0) return c;
    }
    if (hasRole(actor, 'resident') && (await livesIn(this.db, actor, c))) return c;
    throw ApiException.notFound('compound');
  }

  async read(actor: Actor, compoundId: number): Promise<StoredPlan> {
    await this.readable(actor, compoundId);
    const stored = await loadSitePlan(this.db, compoundId);
    if (!stored) throw ApiException.notFound('site plan');
    return stored;
  }

  async save(actor: Actor, compoundId: number, body: unknown): Promise<StoredPlan> {
    if (!hasRole(actor, 'admin')) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only admins edit site plans');
    if (!(await loadCompound(this.db, compoundId))) throw ApiException.notFound('compound');
    const { plan, problem } = validateSitePlan(body);
    if (problem) throw ApiException.validation(problem.field, problem.message);
    const ids = plan.buildings.map((b) => b.buildingId);
    const rows: Array<{ id: number }> = await this.db.query(
      `SELECT id FROM org_units WHERE id = ANY($1::int[]) AND kind = 'building' AND parent_id = $2`,
      [ids.filter((id) => id <= 2_147_483_647), compoundId],
    );
    const known = new Set(rows.map((r) => r.id));
    const stranger = ids.findIndex((id) => !known.has(id));
    if (stranger >= 0) throw ApiException.invalidReference(`buildings[${stranger}].buildingId`, 'no such building in the compound');
    const [saved]: Array<{ revision: number; updated_at: Date }> = await this.db.query(
      `INSERT INTO compound_plans (compound_id, data, revision, updated_by, updated_at) VALUES ($1, $2, 1, $3, now())
       ON CONFLICT (compound_id) DO UPDATE SET data = EXCLUDED.data, revision = compound_plans.revision + 1,
         updated_by = EXCLUDED.updated_by, updated_at = now()
       RETURNING revision, updated_at`,
      [compoundId, plan, actor.userId],
    );
    return { compoundId, revision: saved.revision, updatedAt: saved.updated_at, plan };
  }

  /**
   * Open tickets of the compound that the caller may see and that carry a plan point, for the
   * staff's pin map. `warned`: a deadline's warning went out and it is not yet overdue.
   */
  async pins(actor: Actor, compoundId: number) {
    const c = await this.readable(actor, compoundId);
    const params: unknown[] = [compoundId, OPEN_STATUSES];
    const scope = visibleTicketsSql(actor, 't', params);
    const rows: PinRow[] = await this.db.query(
      `SELECT t.id, t.no, t.status, t.category_id, c.name AS category_name, c.icon AS category_icon, t.plan_x, t.plan_y,
              t.building_id, b.name AS building_name, t.created_at, dl.due_at,
              coalesce(dl.overdue, false) AS overdue, coalesce(dl.warned, false) AS warned
         FROM tickets t
         JOIN categories c ON c.id = t.category_id
         LEFT JOIN org_units b ON b.id = t.building_id
         LEFT JOIN LATERAL (
           SELECT min(d.due_at) AS due_at, bool_or(d.breached_at IS NOT NULL) AS overdue,
                  bool_or(d.warned_at IS NOT NULL AND d.breached_at IS NULL) AS warned
             FROM ticket_deadlines d WHERE d.ticket_id = t.id AND d.status = 'open' AND d.leg <> 'survey') dl ON TRUE
        WHERE t.compound_id = $1 AND t.status = ANY($2::ticket_status[]) AND t.plan_x IS NOT NULL AND ${scope}
        ORDER BY t.id DESC
        LIMIT ${MAX_PINS}`,
      params,
    );
    return {
      compound: { id: c.id, name: c.name },
      items: rows.map((r) => ({
        id: r.id,
        no: r.no,
        status: r.status,
        category: { id: r.category_id, name: r.category_name, icon: r.category_icon },
        planPoint: { x: r.plan_x, y: r.plan_y },
        building: r.building_id ? { id: r.building_id, name: r.building_name } : null,
        overdue: r.overdue,
        warned: r.warned,
        dueAt: r.due_at,
        createdAt: r.created_at,
      })),
    };
  }
}
