import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { Notifier } from '../notifications/notifier.service';
import { isCommunityStaffOf, loadCompound, type CompoundPlace } from '../owners/compound-scope';
import type { HouseholdBindingStatus, HouseholdTenure } from './household-binding.entity';
import type { BindHouseholdDto, DecideHouseholdDto, RequestHouseholdDto } from './household.dto';

interface Row {
  id: number; status: HouseholdBindingStatus; tenure: HouseholdTenure; user_id: number; display_name: string;
  compound_id: number; compound_name: string; building_id: number; building_name: string; unit_id: number | null; unit_no: string | null;
  room: string | null; reason: string | null; requested_at: Date; decided_at: Date | null;
}

const SELECT = `
  SELECT h.id, h.status, h.tenure, h.user_id, us.display_name, h.compound_id, c.name AS compound_name, h.building_id, b.name AS building_name,
         h.unit_id, ru.unit_no, h.room, h.reason, h.requested_at, h.decided_at
    FROM household_bindings h JOIN users us ON us.id = h.user_id JOIN org_units c ON c.id = h.compound_id
    JOIN org_units b ON b.id = h.building_id LEFT JOIN register_units ru ON ru.id = h.unit_id`;

const TENURE_LABEL: Record<HouseholdTenure, string> = { owner: '业主', tenant: '租户' };

type Home = Omit<RequestHouseholdDto, 'compoundId'>;

/**
 * 居民绑定房屋: a resident asks, the compound's community staff approve or refuse (with a reason),
 * or bind directly. Approval sets the resident's home and, for an owner, writes the verified link
 * to the register unit (the electorate of 业主大会 votes) in the same transaction; a tenant never
 * gets one. The resident is told in 消息 either way.
 */
@Injectable()
export class HouseholdBindings {
  constructor(
    private readonly db: DataSource,
    private readonly notifier: Notifier,
    private readonly actors: ActorService,
  ) {}

  async request(actor: Actor, dto: RequestHouseholdDto) {
    if (!hasRole(actor, 'resident')) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only residents ask to be bound to a home');
    const c = await loadCompound(this.db, dto.compoundId);
    if (!c) throw ApiException.invalidReference('compoundId', 'no such compound');
    const unitId = await this.checkHome(this.db.manager, c, dto);
    const id = await this.db.transaction(async (em) => {
      const rows: Array<{ id: number }> = await em.query(
        `INSERT INTO household_bindings (user_id, compound_id, building_id, unit_id, room, tenure) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (user_id, compound_id) WHERE status = 'requested' DO NOTHING RETURNING id`,
        [actor.userId, c.id, dto.buildingId, unitId, dto.room ?? null, dto.tenure],
      );
      if (rows.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'HOUSEHOLD_REQUEST_EXISTS', 'compoundId: you already have a request waiting for this compound');
      await this.notifier.notify(em, { kind: 'unit', unitId: c.communityId, roles: ['community_staff'] }, {
        ticketId: null, kind: 'household_request', title: '新的房屋绑定申请', body: `${actor.displayName} 申请绑定 ${c.name}（${TENURE_LABEL[dto.tenure]}）`,
        dedupeKey: `household-request-${rows[0].id}`, push: false,
      });
      return rows[0].id;
    });
    return this.view(this.db.manager, id);
  }

  async mine(actor: Actor) {
    const rows: Row[] = await this.db.query(`${SELECT} WHERE h.user_id = $1 ORDER BY h.id DESC`, [actor.userId]);
    return { items: rows.map(present) };
  }

  async list(actor: Actor, compoundId: number, status: HouseholdBindingStatus = 'requested') {
    await this.staffCompound(actor, compoundId, 'compound');
    const rows: Row[] = await this.db.query(`${SELECT} WHERE h.compound_id = $1 AND h.status = $2 ORDER BY h.id DESC LIMIT 200`, [compoundId, status]);
    return { items: rows.map(present) };
  }

  async decide(actor: Actor, id: number, dto: DecideHouseholdDto) {
    const [row]: Row[] = await this.db.query(`${SELECT} WHERE h.id = $1`, [id]);
    if (!row) throw ApiException.notFound('household binding');
    await this.staffCompound(actor, row.compound_id, 'household binding');
    await this.db.transaction(async (em) => {
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE household_bindings SET status = $2, reason = $3, decided_by = $4, decided_at = now() WHERE id = $1 AND status = 'requested' RETURNING id) SELECT id FROM u`,
        [id, dto.decision, dto.decision === 'refused' ? dto.reason : dto.reason ?? null, actor.userId],
      );
      if (done.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'HOUSEHOLD_REQUEST_DECIDED', 'the request has already been decided');
      if (dto.decision === 'approved') await this.apply(em, row, actor.userId);
      await this.tell(em, row, dto.decision, dto.reason ?? null);
    });
    this.actors.forget(row.user_id);
    return this.view(this.db.manager, id);
  }

  /** Staff saw the 房产证 or the lease: bound at once, no request. */
  async bind(actor: Actor, compoundId: number, dto: BindHouseholdDto) {
    const c = await this.staffCompound(actor, compoundId, 'compound');
    const unitId = await this.checkHome(this.db.manager, c, dto);
    const residents: unknown[] = await this.db.query(`SELECT 1 FROM role_bindings b JOIN users u ON u.id = b.user_id WHERE b.user_id = $1 AND b.role = 'resident' AND u.active`, [dto.userId]);
    if (residents.length === 0) throw ApiException.invalidReference('userId', 'not an active resident account');
    const id = await this.db.transaction(async (em) => {
      const [r]: Array<{ id: number }> = await em.query(
        `INSERT INTO household_bindings (user_id, compound_id, building_id, unit_id, room, tenure, status, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'approved', $7, now()) RETURNING id`,
        [dto.userId, c.id, dto.buildingId, unitId, dto.room ?? null, dto.tenure, actor.userId],
      );
      const [row]: Row[] = await em.query(`${SELECT} WHERE h.id = $1`, [r.id]);
      await this.apply(em, row, actor.userId);
      await this.tell(em, row, 'approved', null);
      return r.id;
    });
    this.actors.forget(dto.userId);
    return this.view(this.db.manager, id);
  }

  private async staffCompound(actor: Actor, compoundId: number, what: string): Promise<CompoundPlace> {
    const c = await loadCompound(this.db, compoundId);
    if (!c || !isCommunityStaffOf(actor, c)) throw ApiException.notFound(what);
    return c;
  }

  /**
   * The home must exist; returns the register unit it names. An owner who types the 房号 as the
   * register writes it (a resident cannot browse another compound's register) is matched to it.
   */
  private async checkHome(em: EntityManager, c: CompoundPlace, dto: Home): Promise<number | null> {
    const building: unknown[] = await em.query(`SELECT 1 FROM org_units WHERE id = $1 AND kind = 'building' AND parent_id = $2`, [dto.buildingId, c.id]);
    if (building.length === 0) throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    if (dto.unitId !== undefined) {
      const unit: unknown[] = await em.query(`SELECT 1 FROM register_units WHERE id = $1 AND compound_id = $2 AND building_id = $3`, [dto.unitId, c.id, dto.buildingId]);
      if (unit.length === 0) throw ApiException.invalidReference('unitId', 'no such unit of the register in this building');
      return dto.unitId;
    }
    if (dto.room === undefined) throw ApiException.validation(dto.tenure === 'owner' ? 'unitId' : 'room', 'name the register unit or the room');
    if (dto.tenure === 'tenant') return null;
    // An owner is an owner of a unit of the register: that is what 业主大会 votes count.
    const [unit]: Array<{ id: number }> = await em.query(`SELECT id FROM register_units WHERE compound_id = $1 AND building_id = $2 AND unit_no = $3`, [c.id, dto.buildingId, dto.room]);
    if (!unit) throw ApiException.validation('room', 'no unit of the compound’s register has this number in the building; ask the community to register it');
    return unit.id;
  }

  private async apply(em: EntityManager, row: Row, by: number): Promise<void> {
    await em.query(`UPDATE users SET compound_id = $2, building_id = $3, updated_at = now() WHERE id = $1`, [row.user_id, row.compound_id, row.building_id]);
    if (row.tenure === 'owner' && row.unit_id !== null) {
      await em.query(
        `INSERT INTO unit_owners (unit_id, user_id, status, decided_by, decided_at) VALUES ($1, $2, 'verified', $3, now())
         ON CONFLICT (unit_id, user_id) DO UPDATE SET status = 'verified', decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at`,
        [row.unit_id, row.user_id, by],
      );
    }
  }

  private async tell(em: EntityManager, row: Row, decision: 'approved' | 'refused', reason: string | null): Promise<void> {
    const home = `${row.compound_name}${row.building_name}${row.unit_no ?? row.room ?? ''}`;
    await this.notifier.notify(em, { kind: 'users', userIds: [row.user_id] }, {
      ticketId: null,
      kind: decision === 'approved' ? 'household_approved' : 'household_refused',
      title: decision === 'approved' ? '房屋绑定已通过' : '房屋绑定未通过',
      body: decision === 'approved' ? `您已绑定 ${home}（${TENURE_LABEL[row.tenure]}）` : `您绑定 ${home} 的申请未通过：${reason ?? ''}`,
      dedupeKey: `household-${row.id}-${decision}`,
      push: false,
    });
  }

  private async view(em: EntityManager, id: number) {
    const [row]: Row[] = await em.query(`${SELECT} WHERE h.id = $1`, [id]);
    if (!row) throw ApiException.notFound('household binding');
    return present(row);
  }
}

function present(r: Row) {
  return {
    id: r.id, status: r.status, tenure: r.tenure, user: { id: r.user_id, displayName: r.display_name },
    compound: { id: r.compound_id, name: r.compound_name }, building: { id: r.building_id, name: r.building_name },
    unit: r.unit_id !== null ? { id: r.unit_id, unitNo: r.unit_no ?? '' } : null,
    room: r.room, reason: r.reason, requestedAt: r.requested_at, decidedAt: r.decided_at,
  };
}
