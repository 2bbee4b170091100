import { HttpStatus, Injectable } from '@nestjs/common';
import type { Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { visibleTicketsSql } from '../access/ticket-scope';
import { ApiException } from '../common/api.exception';
import { ReferenceCache } from '../org/reference-cache.service';
import type { FollowingQuery } from './dto/following.query';
import type { NearbyTicketsQuery } from './dto/nearby-tickets.query';
import { nearbyTicketsSql } from './nearby-tickets.sql';
import { publicTicketView, type PublicTicketRow } from './nearby-ticket.view';
import { TICKET_SELECT, type TicketRow } from './ticket-row';
import { ticketSummary } from './ticket.view';
import { TicketsQueryService } from './tickets-query.service';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

const MAX_CANDIDATES = 20;
/** Who merges duplicates (the `merge` row of the transition table) sees the candidates. */
const MERGE_DESK: Role[] = ['community_staff', 'street_staff'];

/** Duplicate reports found before they pile up: while a report is written, and when dispatching. */
@Injectable()
export class DuplicatesService {
  constructor(
    private readonly db: DataSource,
    private readonly tickets: TicketsQueryService,
    private readonly refs: ReferenceCache,
  ) {}

  /**
   * While a report is being written. A resident may see any neighbour's open ticket here (that is
   * the point) but only its public fields; other roles see the candidates inside their scope.
   */
  async nearby(actor: Actor, q: NearbyTicketsQuery) {
    if ((q.lat === undefined) !== (q.lng === undefined)) throw ApiException.validation(q.lat === undefined ? 'lat' : 'lng', 'give lat and lng together');
    if ((q.planX === undefined) !== (q.planY === undefined)) throw ApiException.validation(q.planX === undefined ? 'planX' : 'planY', 'give planX and planY together');
    if (q.planX !== undefined && q.compoundId === undefined) throw ApiException.validation('compoundId', 'give compoundId with planX and planY');
    if (q.lat === undefined && q.buildingId === undefined && q.planX === undefined) throw ApiException.validation('lat', 'give lat and lng, planX and planY, or buildingId');
    if (q.buildingId !== undefined) {
      const compoundId = await this.refs.buildingCompound(q.buildingId);
      if (compoundId === null) throw ApiException.invalidReference('buildingId', 'no such building');
      if (q.compoundId !== undefined && q.compoundId !== compoundId) throw ApiException.invalidReference('buildingId', 'no such building in the compound');
    }
    const params: unknown[] = [];
    const scope = hasRole(actor, 'resident') ? [] : [visibleTicketsSql(actor, 't', params)];
    const search = nearbyTicketsSql(
      { categoryId: q.categoryId, lat: q.lat, lng: q.lng, buildingId: q.buildingId, compoundId: q.compoundId, planX: q.planX, planY: q.planY },
      params,
      scope,
    );
    const me = `$${params.push(actor.userId)}`;
    const rows: PublicTicketRow[] = await this.db.query(
      `WITH cand AS (${search.candidates})
       SELECT t.id, t.no, t.status, t.category_id, c.name AS category_name, c.icon AS category_icon, t.description,
              t.building_id, t.created_at, ${search.distance('t')} AS distance_m, t.reporter_id = ${me} AS mine,
              (SELECT count(*)::int FROM ticket_followers f WHERE f.ticket_id = t.id) AS follower_count,
              EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = t.id AND f.user_id = ${me}) AS following
         FROM cand JOIN tickets t ON t.id = cand.id JOIN categories c ON c.id = t.category_id
        ORDER BY distance_m ASC NULLS LAST, t.id DESC
        LIMIT ${MAX_CANDIDATES}`,
      params,
    );
    return { items: rows.map((r) => publicTicketView(r, q.buildingId)) };
  }

  /**
   * Around a ticket being dispatched: the same rules, inside the caller's scope and the ticket's
   * community (merges stay within one community).
   */
  async duplicates(actor: Actor, id: number) {
    const { row, roles } = await this.tickets.loadInScope(actor, id);
    if (!roles.some((r) => MERGE_DESK.includes(r))) {
      throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'duplicate candidates are for the staff who merge tickets');
    }
    if (row.lat === null && row.building_id === null && row.plan_x === null) return { items: [] };
    const params: unknown[] = [];
    const scope = [visibleTicketsSql(actor, 't', params), `t.community_id = $${params.push(row.community_id)}`];
    const search = nearbyTicketsSql(
      {
        categoryId: row.category_id, lat: row.lat, lng: row.lng, buildingId: row.building_id,
        compoundId: row.compound_id, planX: row.plan_x, planY: row.plan_y, excludeTicketId: row.id,
      },
      params,
      scope,
    );
    const rows: Array<TicketRow & { distance_m: number | null; follower_count: number }> = await this.db.query(
      `WITH cand AS (${search.candidates}),
            base AS (${TICKET_SELECT} WHERE t.id IN (SELECT id FROM cand))
       SELECT base.*, ${search.distance('base')} AS distance_m,
              (SELECT count(*)::int FROM ticket_followers f WHERE f.ticket_id = base.id) AS follower_count
         FROM base
        ORDER BY distance_m ASC NULLS LAST, base.id DESC
        LIMIT ${MAX_CANDIDATES}`,
      params,
    );
    return {
      items: rows.map((r) => ({
        ...ticketSummary(r, actor),
        distanceM: r.distance_m,
        sameBuilding: row.building_id !== null && r.building_id === row.building_id,
        followerCount: r.follower_count,
      })),
    };
  }

  /**
   * 我关注的: the tickets the caller follows, most recently followed first, in the public shape
   * (followers are not in the ticket's scope). Keyset on (followed at, ticket id).
   */
  async following(actor: Actor, q: FollowingQuery = {}) {
    const params: unknown[] = [actor.userId];
    let after = '';
    if (q.cursor) {
      const [ms, id] = q.cursor.split('.').map(Number);
      const at = `('epoch'::timestamptz + $${params.push(ms)}::bigint * interval '1 millisecond')`;
      const key = `date_trunc('milliseconds', f.created_at)`;
      after = `AND (${key} < ${at} OR (${key} = ${at} AND t.id < $${params.push(id)}))`;
    }
    const limit = q.limit ?? 20;
    const rows: Array<PublicTicketRow & { followed_ms: string }> = await this.db.query(
      `SELECT t.id, t.no, t.status, t.category_id, c.name AS category_name, c.icon AS category_icon, t.description,
              t.building_id, t.created_at, NULL::int AS distance_m, FALSE AS mine, TRUE AS following,
              (SELECT count(*)::int FROM ticket_followers g WHERE g.ticket_id = t.id) AS follower_count,
              floor(extract(epoch FROM date_trunc('milliseconds', f.created_at)) * 1000)::bigint AS followed_ms
         FROM ticket_followers f JOIN tickets t ON t.id = f.ticket_id JOIN categories c ON c.id = t.category_id
        WHERE f.user_id = $1 ${after}
        ORDER BY date_trunc('milliseconds', f.created_at) DESC, t.id DESC
        ${pageLimitSql(limit)}`,
      params,
    );
    const { page, nextCursor } = keysetPage(rows, limit, (last) => `${last.followed_ms}.${last.id}`);
    return { items: page.map((r) => publicTicketView(r)), nextCursor };
  }
}
