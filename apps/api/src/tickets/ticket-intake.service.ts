import { createHash } from 'node:crypto';
import { HttpStatus, Injectable } from '@nestjs/common';
import { transition, type Channel, type Priority, type Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { TicketClocks } from '../deadlines/ticket-clocks.service';
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
const UNIT_FIELD = { grid: 'grid_id', community: 'community_id', street: 'street_id', district: 'district_id' } as const;

interface Refs {
  compound_ok: boolean;
  district_id: number;
  street_id: number;
  community_id: number;
  grid_id: number | null;
  category_ok: boolean;
  building_ok: boolean;
}

/**
 * 点单. The hot path of the platform: one reference check, then one transaction holding the
 * ticket, its `report` event, its photos and the idempotency record.
 */
@Injectable()
export class TicketIntakeService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: TicketTransitionService,
    private readonly clocks: TicketClocks,
  ) {}

  async create(actor: Actor, dto: CreateTicketDto, idempotencyKey?: string): Promise<CreatedTicket> {
    const requestHash = createHash('sha256').update(JSON.stringify(dto)).digest('hex');
    if (idempotencyKey) {
      const replay = await this.replay(actor, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    const compoundId = dto.compoundId ?? actor.compoundId;
    if (!compoundId) throw ApiException.validation('compoundId', 'compoundId is required (no home compound on your profile)');
    const refs = await this.references(compoundId, dto.categoryId, dto.buildingId);
    const { role, channel } = this.reporterRole(actor, dto, refs);
    const phone = dto.reporterPhone ?? (role === 'resident' ? actor.phone : null);
    const photoIds = dto.photoIds ?? [];
    try {
      return await this.db.transaction(async (em) => {
        const [created]: Array<{ id: number; no: string; priority: Priority; created_at: Date }> = await em.query(
          `WITH t AS (
             INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone,
                                  district_id, street_id, community_id, grid_id, compound_id, building_id, lat, lng, address)
             SELECT 'HG' || to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(nextval('ticket_no_seq')::text, 6, '0'),
                    'submitted', c.id, c.default_priority, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14
               FROM categories c WHERE c.id = $1
             RETURNING id, no, priority, created_at),
           e AS (
             INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, photo_ids, data)
             SELECT t.id, 'report', NULL, 'submitted', $4, $15, $16::uuid[], $17 FROM t)
           SELECT * FROM t`,
          [
            dto.categoryId, channel, dto.description, actor.userId, phone,
            refs.district_id, refs.street_id, refs.community_id, refs.grid_id, compoundId, dto.buildingId ?? null,
            dto.location?.lat ?? null, dto.location?.lng ?? null, dto.location?.address ?? null,
            role, photoIds, { channel },
          ],
        );
        if (!created) throw ApiException.invalidReference('categoryId', 'no such category');
        await this.clocks.onStep(em, {
          ticket: { id: created.id, category_id: dto.categoryId, priority: created.priority, community_id: refs.community_id },
          action: 'report',
          to: 'submitted',
          handlerKind: null,
          handlerOrgId: null,
          now: created.created_at,
        });
        if (photoIds.length > 0) await this.transitions.attachPhotos(em, actor, created.id, photoIds);
        if (idempotencyKey) {
          await em.query(
            'INSERT INTO idempotency_keys (user_id, key, request_hash, ticket_id) VALUES ($1, $2, $3, $4)',
            [actor.userId, idempotencyKey, requestHash, created.id],
          );
        }
        return { id: created.id, no: created.no, status: 'submitted' as const, priority: created.priority, createdAt: created.created_at, replayed: false };
      });
    } catch (error) {
      // Two copies of the same retry raced: the loser's transaction is void; answer with the winner's ticket.
      if (idempotencyKey && (error as { driverError?: { constraint?: string; code?: string } }).driverError?.code === '23505') {
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

  private async references(compoundId: number, categoryId: number, buildingId?: number): Promise<Refs> {
    const [refs]: Refs[] = await this.db.query(
      `SELECT c.id IS NOT NULL AS compound_ok, c.district_id, c.street_id, c.community_id, c.grid_id,
              EXISTS (SELECT 1 FROM categories WHERE id = $2 AND active) AS category_ok,
              ($3::int IS NULL OR EXISTS (SELECT 1 FROM org_units b WHERE b.id = $3 AND b.kind = 'building' AND b.parent_id = $1)) AS building_ok
         FROM (SELECT 1) one LEFT JOIN org_units c ON c.id = $1 AND c.kind = 'compound'`,
      [compoundId, categoryId, buildingId ?? null],
    );
    if (!refs.category_ok) throw ApiException.invalidReference('categoryId', 'no such category');
    if (!refs.compound_ok) throw ApiException.invalidReference('compoundId', 'no such compound');
    if (!refs.building_ok) throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    return refs;
  }

  /**
   * Residents report for themselves through the mini-program. Staff entering a hotline, walk-in or
   * patrol case act in a role whose area contains the compound.
   */
  private reporterRole(actor: Actor, dto: CreateTicketDto, refs: Refs): { role: Role; channel: Channel } {
    const wantsStaffChannel = dto.channel !== undefined && dto.channel !== 'mini_program';
    const isResident = actor.bindings.some((b) => b.role === 'resident');
    if (isResident && !wantsStaffChannel) return { role: 'resident', channel: 'mini_program' };
    const staff = actor.bindings.find(
      (b) =>
        STAFF_REPORTERS.includes(b.role) &&
        b.orgUnitKind !== null &&
        b.orgUnitKind in UNIT_FIELD &&
        refs[UNIT_FIELD[b.orgUnitKind as keyof typeof UNIT_FIELD]] === b.orgUnitId,
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
