import { HttpStatus, Injectable } from '@nestjs/common';
import type { OrgUnitKind } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { adminScope, ANCESTOR_COLUMN, requireDistrictWide, scopeCovers, UNIT_DEPTH, type AdminScope } from './admin-scope';
import { ChangeLog, diff, type Value } from './change-log';
import { COMPANY_COLUMNS } from './company-rows';
import { overlappingContract } from './contract-rows';
import { setOwnedCategories } from './department-rows';
import type { EditCompanyDto, EditContractDto, EditDepartmentDto, EditOrgUnitDto } from './district-edit.dto';
import { UNIT_COLUMNS } from './org-rows';
import { normaliseUscc, usccProblem, USCC_PROBLEM_TEXT } from './uscc.util';

/** Which kinds a unit may hang under (a compound may sit directly in a community that has no grids). */
const PARENT_KINDS: Partial<Record<OrgUnitKind, OrgUnitKind[]>> = {
  street: ['district'], community: ['street'], grid: ['community'], compound: ['grid', 'community'], building: ['compound'],
};

type Unit = { id: number; kind: OrgUnitKind; name: string; parent_id: number | null; district_id: number; street_id: number | null; community_id: number | null; grid_id: number | null; compound_id: number | null };

/**
 * Edits of the district's reference data after an import, each in one transaction with its history
 * rows (org_changes, source `edit`). Objects outside the admin's reach are 404, as everywhere.
 */
@Injectable()
export class DistrictEditService {
  constructor(private readonly db: DataSource) {}

  /**
   * One transaction per edit, under the district's import lock: the checks that span rows (a sibling's
   * name, an overlapping contract, a code taken) hold until the commit, against edits and imports alike.
   */
  private run<T>(actor: Actor, work: (em: EntityManager, scope: AdminScope, log: ChangeLog) => Promise<T>, lock = true): Promise<T> {
    return this.db.transaction(async (em) => {
      const scope = await adminScope(em, actor);
      if (lock) await em.query(`SELECT pg_advisory_xact_lock(hashtext('district-import'), $1)`, [scope.districtId]);
      return work(em, scope, new ChangeLog(em, actor.userId, 'edit'));
    });
  }

  private async unit(em: EntityManager, scope: AdminScope, id: number, what = 'org unit', lock = false): Promise<Unit> {
    const [u]: Unit[] = await em.query(`SELECT ${UNIT_COLUMNS} FROM org_units WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!u || !scopeCovers(scope, u)) throw ApiException.notFound(what);
    return u;
  }

  /**
   * Rename, counts, area, address, or a move to another parent. A move rewrites the ancestor columns of
   * the unit and everything below it; tickets are not touched: each keeps the street, community and grid
   * it was filed in, so last year's figures of the old community stay where they were.
   */
  async editUnit(actor: Actor, id: number, dto: EditOrgUnitDto) {
    return this.run(actor, async (em, scope, log) => {
      const u = await this.unit(em, scope, id, 'org unit', true);
      if (u.kind === 'district') throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'the district itself is not edited here');
      if (dto.entrances !== undefined && dto.entrances !== null && u.kind !== 'building') throw ApiException.validation('entrances', '单元数 is kept for buildings only');
      let parent: Unit | null = null;
      if (dto.parentId !== undefined && dto.parentId !== u.parent_id) {
        parent = await this.unit(em, scope, dto.parentId, 'parent').catch(() => {
          throw ApiException.invalidReference('parentId', 'no such unit within your reach');
        });
        if (!(PARENT_KINDS[u.kind] ?? []).includes(parent.kind)) throw ApiException.invalidReference('parentId', `a ${u.kind} belongs under a ${(PARENT_KINDS[u.kind] ?? []).join(' or ')}`);
      }
      const name = dto.name ?? u.name;
      const parentId = parent?.id ?? u.parent_id;
      if (dto.name !== undefined || parent) {
        const [twin]: Array<{ id: number }> = await em.query(`SELECT id FROM org_units WHERE parent_id = $1 AND kind = $2 AND name = $3 AND id <> $4`, [parentId, u.kind, name, u.id]);
        if (twin) throw new ApiException(HttpStatus.CONFLICT, 'ORG_NAME_TAKEN', `name: another ${u.kind} under the same parent is already called “${name}”`, [{ field: 'name', message: 'taken' }]);
      }
      const values: Record<string, Value | undefined> = {
        name: dto.name, households: dto.households, entrances: dto.entrances, floor_area_m2: dto.floorAreaM2, address: dto.address, parent_id: parent?.id,
      };
      const changes = diff(u, values);
      await log.update('org_units', 'org_unit', u.id, changes.filter((c) => c.field !== 'parent_id'), values);
      if (parent) await this.move(em, log, u, parent);
      return this.unitView(em, u.id);
    });
  }

  private async move(em: EntityManager, log: ChangeLog, u: Unit, parent: Unit): Promise<void> {
    const above = (Object.keys(ANCESTOR_COLUMN) as OrgUnitKind[]).filter((k) => UNIT_DEPTH[k] < UNIT_DEPTH[u.kind]);
    const columns = above.map((k) => ANCESTOR_COLUMN[k] as string);
    const own = ANCESTOR_COLUMN[u.kind];
    // The unit and its subtree (every row naming it as its ancestor); a building has no subtree.
    const where = own ? `(${own} = $1 OR id = $1)` : 'id = $1';
    // A compound moved straight under a community has no grid: ancestors missing in the new parent become null.
    const params: unknown[] = [u.id, ...columns.map((c) => (c === `${parent.kind}_id` ? parent.id : (parent as unknown as Record<string, number | null>)[c]))];
    await em.query(`UPDATE org_units SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE ${where}`, params);
    await em.query(`UPDATE org_units SET parent_id = $2 WHERE id = $1`, [u.id, parent.id]);
    const changes = [{ field: 'parent_id', from: u.parent_id === null ? null : String(u.parent_id), to: String(parent.id) },
      ...columns.map((c, i) => ({ field: c, from: (u as unknown as Record<string, number | null>)[c]?.toString() ?? null, to: params[i + 1] === null || params[i + 1] === undefined ? null : String(params[i + 1]) }))
        .filter((c) => c.from !== c.to)];
    await log.record('org_unit', u.id, changes);
  }

  async editCompany(actor: Actor, id: number, dto: EditCompanyDto) {
    return this.run(actor, async (em, scope, log) => {
      requireDistrictWide(scope);
      const [c]: Array<Record<string, unknown>> = await em.query(`SELECT ${COMPANY_COLUMNS} FROM organizations WHERE id = $1 AND kind = 'property_company' AND district_id = $2 FOR UPDATE`, [id, scope.districtId]);
      if (!c) throw ApiException.notFound('company');
      let uscc: string | undefined;
      if (dto.uscc !== undefined) {
        uscc = normaliseUscc(dto.uscc);
        const problem = usccProblem(uscc);
        if (problem) throw ApiException.validation('uscc', USCC_PROBLEM_TEXT[problem]);
        const [other]: Array<{ id: number }> = await em.query(`SELECT id FROM organizations WHERE uscc = $1 AND id <> $2`, [uscc, id]);
        if (other) throw new ApiException(HttpStatus.CONFLICT, 'ORG_NAME_TAKEN', 'uscc: another organisation has this code', [{ field: 'uscc', message: 'taken' }]);
      }
      const values = { name: dto.name, short_name: dto.shortName, phone: dto.phone, is_fallback: dto.isFallback, uscc };
      await log.update('organizations', 'organization', id, diff(c, values), values);
      return (await em.query(`SELECT id, name, uscc, short_name AS "shortName", phone, is_fallback AS "isFallback" FROM organizations WHERE id = $1`, [id]))[0];
    });
  }

  /** Ending a contract is a date (结束日期), never a delete: the history of who served the compound stays. */
  async editContract(actor: Actor, id: number, dto: EditContractDto) {
    return this.run(actor, async (em, scope, log) => {
      const [k]: Array<{ id: number; compound_id: number; kind: string; starts_on: string; ends_on: string }> = await em.query(
        `SELECT id, compound_id, kind::text, starts_on::text, ends_on::text FROM compound_contracts WHERE id = $1 FOR UPDATE`, [id],
      );
      if (!k) throw ApiException.notFound('contract');
      await this.unit(em, scope, k.compound_id, 'contract');
      const startsOn = dto.startsOn ?? k.starts_on;
      const endsOn = dto.endsOn ?? k.ends_on;
      if (endsOn < startsOn) throw ApiException.validation('endsOn', 'the end date is before the start date');
      const clash = await overlappingContract({ em }, k.compound_id, startsOn, endsOn, k.id);
      if (clash) throw new ApiException(HttpStatus.CONFLICT, 'CONTRACT_OVERLAP', `endsOn: overlaps ${clash.name}’s contract ${clash.starts_on}–${clash.ends_on}`, [{ field: 'endsOn', message: 'overlap' }]);
      const values = { kind: dto.kind, starts_on: dto.startsOn, ends_on: dto.endsOn };
      await log.update('compound_contracts', 'contract', id, diff(k, values), values);
      return (await this.contractRows(em, 'k.id = $1', [id]))[0];
    });
  }

  async editDepartment(actor: Actor, id: number, dto: EditDepartmentDto) {
    return this.run(actor, async (em, scope, log) => {
      requireDistrictWide(scope);
      const [d]: Array<Record<string, unknown>> = await em.query(`SELECT id, name, short_name, phone FROM organizations WHERE id = $1 AND kind = 'department' AND district_id = $2 FOR UPDATE`, [id, scope.districtId]);
      if (!d) throw ApiException.notFound('department');
      const values = { name: dto.name, short_name: dto.shortName, phone: dto.phone };
      await log.update('organizations', 'organization', id, diff(d, values), values);
      if (dto.categoryIds) {
        const known: Array<{ id: number }> = await em.query(`SELECT id FROM categories WHERE id = ANY($1)`, [dto.categoryIds]);
        if (known.length !== new Set(dto.categoryIds).size) throw ApiException.invalidReference('categoryIds', 'unknown category');
        const moved = await setOwnedCategories({ em, log }, id, dto.categoryIds);
        if (moved.from !== moved.to) await log.record('organization', id, [{ field: 'categories', ...moved }]);
      }
      return (await this.departmentRows(em, 'o.id = $1', [id]))[0];
    });
  }

  // ---- reads for the admin screens ----

  /** Units as the admin screens show them, with their child counts: one query for a whole level. */
  private unitViews(em: EntityManager, where: string, params: unknown[]): Promise<unknown[]> {
    return em.query(
      `SELECT u.id, u.kind, u.code, u.name, u.parent_id AS "parentId", u.households, u.entrances, u.floor_area_m2 AS "floorAreaM2", u.address,
              (SELECT count(*)::int FROM org_units c WHERE c.parent_id = u.id) AS children
         FROM org_units u WHERE ${where}`, params,
    );
  }

  private unitView(em: EntityManager, id: number) {
    return this.unitViews(em, 'u.id = $1', [id]).then((r) => r[0]);
  }

  /**
   * The children of a unit (or the admin's own top: the district, or their street). One query, not one
   * per child: the transaction holds a single connection, and a street can have hundreds of children.
   */
  async units(actor: Actor, parentId?: number) {
    return this.run(actor, async (em, scope) => {
      if (parentId === undefined) return { parent: null, items: [await this.unitView(em, scope.unit?.id ?? scope.districtId)] };
      const parent = scope.unit?.id === parentId ? { id: parentId } : await this.unit(em, scope, parentId);
      return {
        parent: await this.unitView(em, parent.id),
        items: await this.unitViews(em, 'u.parent_id = $1 ORDER BY u.kind, u.name, u.id LIMIT 2000', [parent.id]),
      };
    }, false);
  }

  async companies(actor: Actor) {
    return this.run(actor, async (em, scope) => ({
      items: await em.query(
        `SELECT id, name, uscc, short_name AS "shortName", phone, is_fallback AS "isFallback" FROM organizations WHERE kind = 'property_company' AND district_id = $1 ORDER BY id`, [scope.districtId],
      ),
    }), false);
  }

  private contractRows(em: EntityManager, where: string, params: unknown[]) {
    return em.query(
      `SELECT k.id, k.kind::text AS kind, k.starts_on::text AS "startsOn", k.ends_on::text AS "endsOn",
              json_build_object('id', c.id, 'name', c.name) AS compound, json_build_object('id', o.id, 'name', o.name) AS company,
              json_build_object('id', cm.id, 'name', cm.name) AS community
         FROM compound_contracts k JOIN org_units c ON c.id = k.compound_id JOIN organizations o ON o.id = k.organization_id
         JOIN org_units cm ON cm.id = c.community_id
        WHERE ${where} ORDER BY c.name, k.starts_on, k.id LIMIT 1000`, params,
    );
  }

  async contracts(actor: Actor, compoundId?: number) {
    return this.run(actor, async (em, scope) => {
      if (compoundId !== undefined) {
        await this.unit(em, scope, compoundId, 'compound');
        return { items: await this.contractRows(em, 'k.compound_id = $1', [compoundId]) };
      }
      const column = scope.unit ? ANCESTOR_COLUMN[scope.unit.kind] : 'district_id';
      return { items: await this.contractRows(em, `c.${column} = $1`, [scope.unit?.id ?? scope.districtId]) };
    }, false);
  }

  private departmentRows(em: EntityManager, where: string, params: unknown[]) {
    return em.query(
      `SELECT o.id, o.name, o.short_name AS "shortName", o.phone,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.id) FROM categories c WHERE c.department_id = o.id), '[]') AS categories
         FROM organizations o WHERE o.kind = 'department' AND ${where} ORDER BY o.id`, params,
    );
  }

  async departments(actor: Actor) {
    return this.run(actor, async (em, scope) => ({ items: await this.departmentRows(em, 'o.district_id = $1', [scope.districtId]) }), false);
  }

  /** The change history of one object, newest first; only for objects the admin may edit. */
  async history(actor: Actor, entity: 'org_unit' | 'organization' | 'contract' | 'category', id: number) {
    return this.run(actor, async (em, scope) => {
      if (entity === 'org_unit') await this.unit(em, scope, id);
      else if (entity === 'contract') {
        const [k]: Array<{ compound_id: number }> = await em.query(`SELECT compound_id FROM compound_contracts WHERE id = $1`, [id]);
        if (!k) throw ApiException.notFound('contract');
        await this.unit(em, scope, k.compound_id, 'contract');
      } else {
        requireDistrictWide(scope);
        const table = entity === 'organization' ? `organizations WHERE id = $1 AND district_id = $2` : `categories WHERE id = $1 AND $2::int IS NOT NULL`;
        if ((await em.query(`SELECT 1 FROM ${table}`, [id, scope.districtId])).length === 0) throw ApiException.notFound(entity);
      }
      return {
        items: await em.query(
          `SELECT h.id, h.field, h.old_value AS "from", h.new_value AS "to", h.source, h.changed_at AS at,
                  json_build_object('id', u.id, 'displayName', u.display_name) AS actor
             FROM org_changes h JOIN users u ON u.id = h.actor_id WHERE h.entity = $1 AND h.entity_id = $2 ORDER BY h.id DESC LIMIT 500`,
          [entity, id],
        ),
      };
    }, false);
  }
}
