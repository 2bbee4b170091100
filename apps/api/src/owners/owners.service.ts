import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { isCommunityStaffOf, isOverseerOf, isCommitteeOf, livesIn, loadCompound, type CompoundPlace } from './compound-scope';
import { maskName } from './owner-key.util';
import type { UnitOwnerStatus } from './unit-owner.entity';

interface UnitRow { id: number; compound_id: number; building_id: number; building_name: string; unit_no: string; area_m2: string; sold: boolean; owner_name: string | null; owners: number }

const UNIT_SELECT = `
  SELECT u.id, u.compound_id, u.building_id, b.name AS building_name, u.unit_no, u.area_m2, u.sold, u.owner_name,
         (SELECT count(*)::int FROM unit_owners o WHERE o.unit_id = u.id AND o.status = 'verified') AS owners
    FROM register_units u JOIN org_units b ON b.id = u.building_id`;

/**
 * The register as each role may see it, and who is a verified owner of which unit. Community staff
 * see owners' names in full (they verify them); the 业委会 and street/district see them masked;
 * residents see only the list of units (to say which one is theirs). The ID number is never stored.
 */
@Injectable()
export class OwnersService {
  constructor(private readonly db: DataSource) {}

  /** The compound if the caller may import into its register (else 404, as for any object out of scope). */
  async keeperCompound(actor: Actor, compoundId: number): Promise<CompoundPlace> {
    const c = await loadCompound(this.db, compoundId);
    if (!c || !isCommunityStaffOf(actor, c)) throw ApiException.notFound('compound');
    return c;
  }

  async register(actor: Actor, compoundId: number) {
    const c = await loadCompound(this.db, compoundId);
    if (!c) throw ApiException.notFound('compound');
    const full = isCommunityStaffOf(actor, c);
    const masked = !full && (isOverseerOf(actor, c) || isCommitteeOf(actor, c));
    if (!full && !masked && !(await livesIn(this.db, actor, c))) throw ApiException.notFound('compound');
    const rows: UnitRow[] = await this.db.query(`${UNIT_SELECT} WHERE u.compound_id = $1 ORDER BY b.name, u.unit_no`, [compoundId]);
    const detail = full || masked;
    return {
      compound: { id: c.id, name: c.name },
      items: rows.map((r) => ({
        id: r.id,
        building: { id: r.building_id, name: r.building_name },
        unitNo: r.unit_no,
        areaM2: detail ? r.area_m2 : null,
        sold: detail ? r.sold : null,
        ownerName: full ? r.owner_name : detail ? maskName(r.owner_name) : null,
        verifiedOwners: detail ? r.owners : null,
      })),
    };
  }

  /** 业主认证: a resident says a unit is theirs; community staff confirm. Tenants are simply never confirmed. */
  async claim(actor: Actor, unitId: number) {
    if (!actor.bindings.some((b) => b.role === 'resident')) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only residents claim a unit as its owner');
    const unit = await this.unit(unitId);
    const c = unit && (await loadCompound(this.db, unit.compound_id));
    if (!unit || !c || !(await livesIn(this.db, actor, c))) throw ApiException.invalidReference('unitId', 'no such unit in your compound');
    const rows: Array<{ id: number }> = await this.db.query(
      `INSERT INTO unit_owners (unit_id, user_id, status) VALUES ($1, $2, 'requested') ON CONFLICT (unit_id, user_id) DO NOTHING RETURNING id`,
      [unitId, actor.userId],
    );
    if (rows.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'OWNER_CLAIM_EXISTS', 'unitId: you have already claimed this unit');
    return this.link(rows[0].id);
  }

  async claims(actor: Actor, compoundId: number) {
    const c = await loadCompound(this.db, compoundId);
    if (!c || !isCommunityStaffOf(actor, c)) throw ApiException.notFound('compound');
    // One query for the list: a compound going live can have hundreds of claims waiting.
    const rows = await this.linkRows(this.db.manager, `u.compound_id = $1 AND o.status = 'requested' ORDER BY o.id`, [compoundId]);
    return { items: rows.map(linkView) };
  }

  /** Staff confirm or refuse a claim; a second decision on the same claim is a 409. */
  async decide(actor: Actor, linkId: number, decision: Exclude<UnitOwnerStatus, 'requested'>) {
    const link = await this.linkRow(this.db.manager, linkId);
    const c = link && (await loadCompound(this.db, link.compound_id));
    if (!link || !c || !isCommunityStaffOf(actor, c)) throw ApiException.notFound('owner claim');
    const done: unknown[] = await this.db.query(
      // A CTE: TypeORM answers a bare UPDATE with [rows, count], a SELECT with the rows.
      `WITH u AS (UPDATE unit_owners SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 AND status = 'requested' RETURNING id) SELECT id FROM u`,
      [linkId, decision, actor.userId],
    );
    if (done.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'VOTE_STATE_CHANGED', 'the claim has already been decided');
    return this.link(linkId);
  }

  /** Staff bind an owner directly (they saw the 房产证): verified at once, whatever a claim said. */
  async bind(actor: Actor, unitId: number, userId: number) {
    const unit = await this.unit(unitId);
    const c = unit && (await loadCompound(this.db, unit.compound_id));
    if (!unit || !c || !isCommunityStaffOf(actor, c)) throw ApiException.notFound('register unit');
    const users: unknown[] = await this.db.query(`SELECT 1 FROM role_bindings WHERE user_id = $1 AND role = 'resident'`, [userId]);
    if (users.length === 0) throw ApiException.invalidReference('userId', 'not a resident account');
    const [row]: Array<{ id: number }> = await this.db.query(
      `INSERT INTO unit_owners (unit_id, user_id, status, decided_by, decided_at) VALUES ($1, $2, 'verified', $3, now())
       ON CONFLICT (unit_id, user_id) DO UPDATE SET status = 'verified', decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at
       RETURNING id`,
      [unitId, userId, actor.userId],
    );
    return this.link(row.id);
  }

  /** The caller's units: verified ones vote, requested ones wait for the community. */
  async mine(actor: Actor) {
    return { items: (await this.linkRows(this.db.manager, 'o.user_id = $1 ORDER BY o.id', [actor.userId])).map(linkView) };
  }

  private async unit(id: number): Promise<UnitRow | null> {
    const rows: UnitRow[] = await this.db.query(`${UNIT_SELECT} WHERE u.id = $1`, [id]);
    return rows[0] ?? null;
  }

  private linkRows(em: EntityManager, where: string, params: unknown[]): Promise<LinkRow[]> {
    return em.query(
      `SELECT o.id, o.status, o.user_id, us.display_name, o.unit_id, u.compound_id, c.name AS compound_name, b.name AS building_name, u.unit_no, o.requested_at, o.decided_at
         FROM unit_owners o JOIN register_units u ON u.id = o.unit_id JOIN org_units c ON c.id = u.compound_id
         JOIN org_units b ON b.id = u.building_id JOIN users us ON us.id = o.user_id
        WHERE ${where}`,
      params,
    );
  }

  private async linkRow(em: EntityManager, id: number): Promise<LinkRow | null> {
    return (await this.linkRows(em, 'o.id = $1', [id]))[0] ?? null;
  }

  private async link(id: number) {
    const r = await this.linkRow(this.db.manager, id);
    if (!r) throw ApiException.notFound('owner claim');
    return linkView(r);
  }
}

interface LinkRow {
  id: number;
  status: UnitOwnerStatus;
  user_id: number;
  display_name: string;
  unit_id: number;
  compound_id: number;
  compound_name: string;
  building_name: string;
  unit_no: string;
  requested_at: Date;
  decided_at: Date | null;
}

const linkView = (r: LinkRow) => ({
  id: r.id, status: r.status, user: { id: r.user_id, displayName: r.display_name },
  unit: { id: r.unit_id, compound: { id: r.compound_id, name: r.compound_name }, building: r.building_name, unitNo: r.unit_no },
  requestedAt: r.requested_at, decidedAt: r.decided_at,
});
