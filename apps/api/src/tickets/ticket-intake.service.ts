import { HttpStatus, Injectable } from '@nestjs/common';
import { isSelfReportChannel, type Channel, type Priority, type Role } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { DeadlineLedger, legPlanValues } from '../deadlines/deadline-ledger.service';
import { ReferenceCache, type CategoryRef, type CompoundRef } from '../org/reference-cache.service';
import { ApiException } from '../common/api.exception';
import { idempotencyKeyReused, IdempotencyService } from '../idempotency/idempotency.service';
import { requestHash as hashOf } from '../idempotency/key-claim';
import { currentRequestId } from '../logging/request-context';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import { planPlace } from '../site-plans/plan-place';
import { resolveReporter } from './reporter-channel';
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

/**
 * A trusted gateway (Open311) that files for the public: it fixes the reporter's role and channel,
 * and may write its own record of the request in the same transaction as the ticket, so that a
 * failure leaves neither.
 */
export interface IntakeGateway {
  role: Role;
  channel: Channel;
  record?: (em: EntityManager, ticketId: number) => Promise<void>;
}

/** A ticket as intake writes it: references resolved, role and channel decided. */
export interface NewTicket {
  category: CategoryRef;
  compound: CompoundRef;
  channel: Channel;
  role: Role;
  reporterId: number;
  reporterPhone: string | null;
  description: string;
  buildingId: number | null;
  lat: number | null;
  lng: number | null;
  address: string | null;
  /** The point on the compound's site plan, both or neither. */
  planX?: number | null;
  planY?: number | null;
  photoIds: string[];
  hotlineCaseNo: string | null;
  calledAt: Date | null;
  callerName: string | null;
  /** Entered by the 12345 bulk import; recorded on the report event. */
  imported?: boolean;
}

/** Hotline fields belong to hotline cases, caller names to cases staff enter for someone else. */
function channelFields(channel: Channel, dto: CreateTicketDto): Pick<NewTicket, 'hotlineCaseNo' | 'calledAt' | 'callerName'> {
  if (channel === 'hotline_12345' && !dto.hotlineCaseNo) throw ApiException.validation('hotlineCaseNo', 'hotlineCaseNo is required for hotline_12345 cases');
  if (channel !== 'hotline_12345' && dto.hotlineCaseNo !== undefined) throw ApiException.validation('hotlineCaseNo', 'hotlineCaseNo is for hotline_12345 cases only');
  if (channel !== 'hotline_12345' && dto.calledAt !== undefined) throw ApiException.validation('calledAt', 'calledAt is for hotline_12345 cases only');
  if (isSelfReportChannel(channel) && dto.callerName !== undefined) throw ApiException.validation('callerName', 'callerName is for cases staff enter on a resident’s behalf');
  const calledAt = dto.calledAt ? new Date(dto.calledAt) : null;
  if (calledAt && calledAt.getTime() > Date.now() + CLOCK_SKEW_MS) throw ApiException.validation('calledAt', 'calledAt is in the future');
  return { hotlineCaseNo: dto.hotlineCaseNo ?? null, calledAt, callerName: dto.callerName?.trim() || null };
}

/** The route recorded with 点单's keys (other actions record their own method and path). */
const CREATE_ROUTE = 'POST /api/tickets';

/** A hotline call time a few minutes ahead is a clock difference, not a mistake. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface CreatedRow {
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
    private readonly idempotency: IdempotencyService,
  ) {}

  async create(actor: Actor, dto: CreateTicketDto, idempotencyKey?: string, gateway?: IntakeGateway): Promise<CreatedTicket> {
    const requestHash = hashOf(dto);
    if (idempotencyKey) {
      await this.idempotency.prune(actor.userId, idempotencyKey);
      const replay = await this.replay(actor, idempotencyKey, requestHash);
      if (replay) return replay;
    }
    const compoundId = dto.compoundId ?? actor.compoundId;
    if (!compoundId) throw ApiException.validation('compoundId', 'compoundId is required (no home compound on your profile)');
    const { category, compound } = await this.references(compoundId, dto.categoryId, dto.buildingId);
    const { role, channel } = gateway ?? resolveReporter(actor, dto.channel, compound);
    const hotline = channelFields(channel, dto);
    const onPlan = dto.planPoint ? await planPlace(this.db, compoundId, dto.planPoint) : null;
    const phone = dto.reporterPhone ?? (role === 'resident' ? actor.phone : null);
    const photoIds = dto.photoIds ?? [];
    const input: NewTicket = {
      category, compound, channel, role, reporterId: actor.userId, reporterPhone: phone, description: dto.description,
      buildingId: dto.buildingId ?? onPlan?.buildingId ?? null, planX: dto.planPoint?.x ?? null, planY: dto.planPoint?.y ?? null, lat: dto.location?.lat ?? null, lng: dto.location?.lng ?? null,
      address: dto.location?.address ?? null, photoIds, ...hotline,
    };
    try {
      const created = photoIds.length === 0 && !gateway?.record
        ? await this.insert(this.db.manager, input, new Date(), idempotencyKey ? { key: idempotencyKey, hash: requestHash } : undefined)
        : await this.db.transaction(async (em) => {
            // Photos are claimed in the same transaction: a photo another report took meanwhile undoes this one.
            const row = await this.insert(em, input, new Date(), idempotencyKey ? { key: idempotencyKey, hash: requestHash } : undefined);
            if (row && photoIds.length > 0) await this.transitions.attachPhotos(em, actor, row.id, photoIds);
            if (row && gateway?.record) await gateway.record(em, row.id);
            return row;
          });
      if (!created) {
        // The case number is taken: by another entry, or by a concurrent copy of this very retry.
        const replay = idempotencyKey ? await this.replay(actor, idempotencyKey, requestHash) : null;
        if (replay) return replay;
        throw new ApiException(HttpStatus.CONFLICT, 'HOTLINE_CASE_EXISTS', `hotlineCaseNo: case ${hotline.hotlineCaseNo} was already entered`, [
          { field: 'hotlineCaseNo', message: 'already entered' },
        ]);
      }
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

  /**
   * Writes a ticket, its `report` event and its dispatch clock (and the idempotency record) in one
   * statement. Returns null when the hotline case number is already on a ticket: the insert is
   * `ON CONFLICT DO NOTHING`, so a racing import or entry of the same case never doubles it.
   */
  async insert(em: EntityManager, t: NewTicket, now: Date, idempotency?: { key: string; hash: string }): Promise<CreatedRow | null> {
    const priority = t.category.defaultPriority;
    const clock = await this.ledger.plan(em, { id: 0, category_id: t.category.id, priority }, 'dispatch', 'community', null, now);
    const eventData = { channel: t.channel, ...(t.hotlineCaseNo ? { hotlineCaseNo: t.hotlineCaseNo } : {}), ...(t.imported ? { imported: true } : {}) };
    const values: unknown[] = [
      t.category.id, priority, t.channel, t.description, t.reporterId, t.reporterPhone,
      t.compound.districtId, t.compound.streetId, t.compound.communityId, t.compound.gridId, t.compound.id, t.buildingId,
      t.lat, t.lng, t.address, now,
      t.role, t.photoIds, eventData, ...legPlanValues(clock),
      t.hotlineCaseNo, t.calledAt, t.callerName, t.planX ?? null, t.planY ?? null,
    ];
    const keyCte = idempotency
      ? `, k AS (INSERT INTO idempotency_keys (user_id, key, route, request_hash, ticket_id)
               SELECT $5, $${values.push(idempotency.key)}, $${values.push(CREATE_ROUTE)}, $${values.push(idempotency.hash)}, t.id FROM t)`
      : '';
    const requestIdParam = values.push(currentRequestId());
    const sql = `
      WITH t AS (
        INSERT INTO tickets (no, status, category_id, priority, channel, description, reporter_id, reporter_phone,
                             district_id, street_id, community_id, grid_id, compound_id, building_id, lat, lng, address,
                             created_at, updated_at, hotline_case_no, called_at, caller_name, plan_x, plan_y, due_key)
        SELECT 'HG' || to_char($16::timestamptz AT TIME ZONE 'Asia/Shanghai', 'YYMMDD') || lpad(n::text, greatest(6, length(n::text)), '0'),
               'submitted', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $32, $33, $34, $35, $36,
               -- The dispatch clock's due time, as the due_key trigger would set it once the leg is in:
               -- written here, the trigger finds it right and the new ticket is not updated again.
               coalesce(date_trunc('milliseconds', $28::timestamptz), 'infinity')
          FROM (SELECT nextval('ticket_no_seq') AS n) seq
        ON CONFLICT (hotline_case_no) DO NOTHING
        RETURNING id, no, priority, created_at),
      e AS (
        INSERT INTO ticket_events (ticket_id, action, from_status, to_status, actor_id, actor_role, photo_ids, data, created_at)
        SELECT t.id, 'report', NULL, 'submitted', $5, $17, $18::uuid[], $19, $16 FROM t),
      d AS (
        INSERT INTO ticket_deadlines (ticket_id, leg, party, party_org_id, clock, allowed_minutes, warn_ratio, escalation_minutes,
                                      started_at, due_at, warn_at, next_event, next_event_at, request_id)
        SELECT t.id, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31, $${requestIdParam} FROM t)${keyCte}
      SELECT * FROM t`;
    const rows = (await em.query(sql, values)) as CreatedRow[];
    return rows[0] ?? null;
  }

  private async replay(actor: Actor, key: string, requestHash: string): Promise<CreatedTicket | null> {
    const rows: Array<{ route: string; request_hash: string; id: number; no: string; status: string; priority: string; created_at: Date }> =
      await this.db.query(
        `SELECT k.route, k.request_hash, t.id, t.no, t.status, t.priority, t.created_at
           FROM idempotency_keys k JOIN tickets t ON t.id = k.ticket_id
          WHERE k.user_id = $1 AND k.key = $2`,
        [actor.userId, key],
      );
    const hit = rows[0];
    if (!hit) return null;
    if (hit.route !== CREATE_ROUTE || hit.request_hash !== requestHash) throw idempotencyKeyReused(hit.route);
    return { id: hit.id, no: hit.no, status: 'submitted', priority: hit.priority, createdAt: hit.created_at, replayed: true };
  }

  private async references(compoundId: number, categoryId: number, buildingId?: number): Promise<{ category: CategoryRef; compound: CompoundRef }> {
    // One version check for all three lookups: an admin's change elsewhere applies to this report.
    const { category, compound, buildingCompound } = await this.refs.intake({ categoryId, compoundId, buildingId });
    if (!category || !category.active) throw ApiException.invalidReference('categoryId', 'no such category');
    if (!compound) throw ApiException.invalidReference('compoundId', 'no such compound');
    if (buildingId !== undefined && buildingCompound !== compoundId) {
      throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    }
    return { category, compound };
  }
}
