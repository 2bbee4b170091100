import { HttpStatus, Injectable } from '@nestjs/common';
import { OPEN_STATUSES } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import type { FollowTicketDto } from './dto/follow-ticket.dto';
import { nearbyTicketsSql } from './nearby-tickets.sql';

interface FollowTarget {
  status: string;
  reporter_id: number;
  compound_id: number;
  category_id: number;
}

/** 也遇到了: residents follow an open ticket instead of filing the same problem again. */
@Injectable()
export class TicketFollowersService {
  constructor(private readonly db: DataSource) {}

  /**
   * Idempotent: following twice is one follow. Only a ticket the resident could have found is
   * followable: one in their home compound, or one the nearby search from `where` shows (same
   * category, last 30 days, within 100 m or in the building). Anything else is 404, like a ticket
   * that does not exist, so ids cannot be probed for neighbours' tickets across the city.
   */
  async follow(actor: Actor, ticketId: number, where: FollowTicketDto = {}) {
    if (!hasRole(actor, 'resident')) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only residents follow tickets (也遇到了)');
    if ((where.lat === undefined) !== (where.lng === undefined)) throw ApiException.validation(where.lat === undefined ? 'lat' : 'lng', 'give lat and lng together');
    const rows: FollowTarget[] = await this.db.query('SELECT status, reporter_id, compound_id, category_id FROM tickets WHERE id = $1', [ticketId]);
    const ticket = rows[0];
    if (!ticket || !(await this.findable(actor, ticketId, ticket, where))) throw ApiException.notFound('ticket');
    if (ticket.reporter_id === actor.userId) {
      throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'you reported this ticket; its notices already reach you');
    }
    // FOR SHARE waits for a merge or close in flight and then sees its result, so a follow never
    // lands on a ticket that was merged away a moment ago (its followers would not be carried over).
    const inserted: unknown[] = await this.db.query(
      `WITH live AS (SELECT id FROM tickets WHERE id = $1 AND status = ANY($3::ticket_status[]) FOR SHARE)
       INSERT INTO ticket_followers (ticket_id, user_id, source)
       SELECT id, $2, 'follow' FROM live
       ON CONFLICT (ticket_id, user_id) DO UPDATE SET source = ticket_followers.source
       RETURNING ticket_id`,
      [ticketId, actor.userId, OPEN_STATUSES],
    );
    if (inserted.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'ILLEGAL_TRANSITION', 'only open tickets can be followed');
    return { ticketId, following: true, followerCount: await this.count(ticketId) };
  }

  /** Idempotent too; also how someone carried over by a merge stops the notices. */
  async unfollow(actor: Actor, ticketId: number) {
    await this.db.query('DELETE FROM ticket_followers WHERE ticket_id = $1 AND user_id = $2', [ticketId, actor.userId]);
    return { ticketId, following: false };
  }

  /**
   * Merge: the merged ticket's reporter and followers follow the surviving ticket, in the merge's
   * transaction, so from its next step on they get its notices. Its own reporter is not a follower.
   */
  async carryOver(em: EntityManager, fromTicketId: number, toTicketId: number): Promise<number> {
    const rows: unknown[] = await em.query(
      `INSERT INTO ticket_followers (ticket_id, user_id, source)
       SELECT $2, w.user_id, 'merge'
         FROM (SELECT reporter_id AS user_id FROM tickets WHERE id = $1
               UNION SELECT user_id FROM ticket_followers WHERE ticket_id = $1) w
        WHERE w.user_id <> (SELECT reporter_id FROM tickets WHERE id = $2)
       ON CONFLICT (ticket_id, user_id) DO NOTHING
       RETURNING user_id`,
      [fromTicketId, toTicketId],
    );
    return rows.length;
  }

  /**
   * The nearby search's rule, whatever the status (a ticket closed since the search is a 409, not a
   * 404): the home compound, or the search from the resident's point or building.
   */
  private async findable(actor: Actor, ticketId: number, ticket: FollowTarget, where: FollowTicketDto): Promise<boolean> {
    if (actor.compoundId !== null && ticket.compound_id === actor.compoundId) return true;
    if (where.lat === undefined && where.buildingId === undefined) return false;
    const params: unknown[] = [];
    const search = nearbyTicketsSql(
      { categoryId: ticket.category_id, lat: where.lat, lng: where.lng, buildingId: where.buildingId, anyStatus: true },
      params,
      [`t.id = $${params.push(ticketId)}`],
    );
    const found: unknown[] = await this.db.query(`SELECT 1 FROM (${search.candidates}) s LIMIT 1`, params);
    return found.length > 0;
  }

  private async count(ticketId: number): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query('SELECT count(*)::int AS n FROM ticket_followers WHERE ticket_id = $1', [ticketId]);
    return n;
  }
}
