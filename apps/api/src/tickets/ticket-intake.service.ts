import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { transition, type Channel, type Priority, type Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { DeadlineLedger, legPlanValues } from '../deadlines/deadline-ledger.service';
import { ReferenceCache, type CategoryRef, type CompoundRef } from '../org/reference-cache.service';
import { ApiException } from '../common/api.exception';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import { TicketTransitionService } from './ticket-transition.service';

export interface CreatedTicket {
  id: number;
  no: string;
  status: 'submitted';
  priority: string;
  createdAt: Date;
  /** true when this was a retry answered from the Idempotency-Key record. */
  replayed: boolean;
}

const STAFF_REPORTERS: Role[] = ['grid_worker', 'community_staff', 'street_staff'];
/** A trusted gateway (Open311) that files for the public: it fixes the reporter's role and channel. */
export interface IntakeGateway {
  role: Role;
  channel: Channel;
}

const UNIT_FIELD = { grid: 'gridId', community: 'communityId', street: 'streetId', district: 'districtId' } as const;

interface CreatedRow {
  id: number;
  no: string;
  priority: Priority;
  created_at: Date;
}

/**
 * 点单. The hot path of the platform: references come from memory, and the ticket, its `report`
 * event, its dispatch clock and the idempotency record are written by one statement (a transaction
 * only when photos must be claimed too).
 */
@Injectable()
export class TicketIntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: TicketTransitionService,
    private readonly ledger: DeadlineLedger,
    private readonly refs: ReferenceCache,
  ) {}

  async create(actor: Actor, dto: CreateTicketDto, idempotencyKey?: string, gateway?: IntakeGateway): Promise<CreatedTicket> {
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const replay = await this.replay(actor, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    const compoundId = dto.compoundId ?? actor.compoundId;
    if (!compoundId) throw ApiException.validation('compoundId', 'compoundId is required (no home compound on your profile)');
    const { category, compound } = await this.references(compoundId, dto.categoryId, dto.buildingId);
    const { role, channel } = gateway ?? this.reporterRole(actor, dto, compound);
    const phone = dto.reporterPhone ?? (role === 'resident' ? actor.phone : null);
    const photoIds = dto.photoIds ?? [];
    const now = new Date();
    const priority = category.defaultPriority;
    const clock = await this.ledger.plan(this.db.manager, { id: 0, category_id: category.id, priority }, 'dispatch', 'community', null, now);
    // The ticket, its report event, the community's dispatch clock and the idempotency record are
    // one statement: atomic without BEGIN/COMMIT, and one round trip on the hottest path we have.
    const values: unknown[] = [
      category.id, priority, channel, dto.description, actor.userId, phone,
      compound.districtId, compound.streetId, compound.communityId, compound.gridId, compound.id, dto.buildingId ?? null,
      dto.location?.lat ?? null, dto.location?.lng ?? null, dto.location?.address ?? null, now,
      role, photoIds, { channel }, ...legPlanValues(clock),
    ];
    const keyCte = idempotencyKey
      ? `, k AS (INSERT INTO idempotency_keys (user_id, key, request_hash, ticket_id) SELECT $5, $${values.push(idempotencyKey)}, $${values.push(requestHash)}, t.id FROM t)`
      : '';
    const sql = `
      WITH t AS (
        INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone,
                             district_id, street_id, community_id, grid_id, compound_id, building_id, lat, lng, address,
                             created_at, updated_at)
        SELECT 'HG' || to_char($16::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(n::text, greatest(6, length(n::text)), '0'),
               'submitted', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16
          FROM (SELECT nextval('ticket_no_seq') AS n) seq
        RETURNING id, no, priority, created_at),
      e AS (
        INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, photo_ids, data, created_at)
        SELECT t.id, 'report', NULL, 'submitted', $5, $17, $18::uuid[], $19, $16 FROM t),
      d AS (
        INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                      started_at, due_at, warn_at, next_event, next_event_at)
        SELECT t.id, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31 FROM t)${keyCte}
      SELECT * FROM t`;
    try {
      const created = photoIds.length === 0
        ? ((await this.db.query(sql, values)) as CreatedRow[])[0]
        : await this.db.transaction(async (em) => {
            // Photos are claimed in the same transaction: a photo another report took meanwhile undoes this one.
            const [row] = (await em.query(sql, values)) as CreatedRow[];
            await this.transitions.attachPhotos(em, actor, row.id, photoIds);
            return row;
          });
      return { id: created.id, no: created.no, status: 'submitted', priority: created.priority, createdAt: created.created_at, replayed: false };
    } catch (error) {
      // Two copies of the same retry raced: the loser's statement is void; answer with the winner's ticket.
      if (idempotencyKey && (error as { driverError?: { code?: string } }).driverError?.code === '23505') {
        const replay = await this.replay(actor, idempotencyKey, requestHash);
        if (replay) return replay;
      }
      throw error;
    }
  }

  private async replay(actor: Actor, key: string, requestHash: string): Promise<CreatedTicket | null> {
    const rows: Array<{ request_hash: string; id: number; no: string; status: string; priority: string; created_at: Date }> =
      await this.db.query(
        `SELECT k.request_hash, t.id, t.no, t.status, t.priority, t.created_at
           FROM idempotency_keys k JOIN tickets t ON t.id = k.ticket_id
          WHERE k.user_id = $1 AND k.key = $2`,
        [actor.userId, key],
      );
    const hit = rows[0];
    if (!hit) return null;
    if (hit.request_hash !== requestHash) {
      throw new ApiException(HttpStatus.CONFLICT, 'IDEMPOTENCY_KEY_REUSED', 'Idempotency-Key was already used for a different request');
    }
    return { id: hit.id, no: hit.no, status: 'submitted', priority: hit.priority, createdAt: hit.created_at, replayed: true };
  }

  private async references(compoundId: number, categoryId: number, buildingId?: number): Promise<{ category: CategoryRef; compound: CompoundRef }> {
    const category = await this.refs.category(categoryId);
    if (!category || !category.active) throw ApiException.invalidReference('categoryId', 'no such category');
    const compound = await this.refs.compound(compoundId);
    if (!compound) throw ApiException.invalidReference('compoundId', 'no such compound');
    if (buildingId !== undefined && (await this.refs.buildingCompound(buildingId)) !== compoundId) {
      throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    }
    return { category, compound };
  }

  /**
   * Residents report for themselves through the mini-program. Staff entering a hotline, walk-in or
   * patrol case act in a role whose area contains the compound.
   */
  private reporterRole(actor: Actor, dto: CreateTicketDto, compound: CompoundRef): { role: Role; channel: Channel } {
    if (dto.channel === 'open311') throw ApiException.validation('channel', 'open311 is set by the Open311 gateway only');
    const wantsStaffChannel = dto.channel !== undefined && dto.channel !== 'mini_program';
    const isResident = actor.bindings.some((b) => b.role === 'resident');
    if (isResident && !wantsStaffChannel) return { role: 'resident', channel: 'mini_program' };
    const staff = actor.bindings.find(
      (b) =>
        STAFF_REPORTERS.includes(b.role) &&
        b.orgUnitKind !== null &&
        b.orgUnitKind in UNIT_FIELD &&
        compound[UNIT_FIELD[b.orgUnitKind as keyof typeof UNIT_FIELD]] === b.orgUnitId,
    );
    if (staff) {
      const fallback: Channel = staff.role === 'grid_worker' ? 'grid_patrol' : 'walk_in';
      return { role: staff.role, channel: dto.channel ?? fallback };
    }
    if (isResident) throw ApiException.validation('channel', 'residents report through the mini-program only');
    const decision = transition(null, 'report', { roles: [...new Set(actor.bindings.map((b) => b.role))], isReporter: true });
    if (!decision.ok) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'your role may not report tickets');
    throw ApiException.invalidReference('compoundId', 'the compound is outside your area');
  }
}
