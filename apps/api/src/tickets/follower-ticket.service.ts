import { Injectable } from '@nestjs/common';
import type { TicketStatus } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { publicTicketView, type PublicTicketRow } from './nearby-ticket.view';

/**
 * 也遇到了 followers get a ticket's notices in 消息 but are not in its scope (they must not learn the
 * reporter, phone, address, photos or the staff's notes). This is what they may see when they open
 * one: the public shape plus the status steps, as status and time only.
 */
@Injectable()
export class FollowerTicketService {
  constructor(private readonly db: DataSource) {}

  /** Only the ticket's followers and its reporter; anyone else gets the 404 of a missing ticket. */
  async publicView(actor: Actor, ticketId: number) {
    const rows: PublicTicketRow[] = await this.db.query(
      `SELECT t.id, t.no, t.status, t.category_id, c.name AS category_name, c.icon AS category_icon, t.description,
              t.building_id, t.created_at, NULL::int AS distance_m,
              (t.reporter_id = $2) AS mine,
              EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = t.id AND f.user_id = $2) AS following,
              (SELECT count(*)::int FROM ticket_followers g WHERE g.ticket_id = t.id) AS follower_count
         FROM tickets t JOIN categories c ON c.id = t.category_id
        WHERE t.id = $1
          AND (t.reporter_id = $2 OR EXISTS (SELECT 1 FROM ticket_followers f WHERE f.ticket_id = t.id AND f.user_id = $2))`,
      [ticketId, actor.userId],
    );
    const row = rows[0];
    if (!row) throw ApiException.notFound('ticket');
    // Status changes only: notes, photos, actors and action data (handler, rating) stay with the staff.
    const steps: Array<{ status: TicketStatus; at: Date }> = await this.db.query(
      `SELECT to_status AS status, created_at AS at FROM ticket_events
        WHERE ticket_id = $1 AND from_status IS DISTINCT FROM to_status
        ORDER BY id`,
      [ticketId],
    );
    // Distance and building are the nearby search's; here they would only hint at where it is.
    const view = publicTicketView(row);
    return {
      id: view.id, no: view.no, status: view.status, category: view.category, summary: view.summary,
      followerCount: view.followerCount, following: view.following, mine: view.mine, createdAt: view.createdAt,
      steps: steps.map((s) => ({ status: s.status, at: s.at })),
    };
  }
}
