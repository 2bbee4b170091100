import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiException } from '../common/api.exception';
import { SubscribeTemplates } from '../settings/subscribe-templates.service';
import { SUBSCRIBE_TEMPLATES, type SubscribeDecision, type SubscribeTemplate } from './subscribe-consent.entity';
import { keysetPage, pageLimitSql } from '../common/keyset-page.util';

const THREADS_PER_PAGE = 20;
/** The newest messages shown per ticket in the list; the ticket itself has the whole timeline. */
const MESSAGES_PER_THREAD = 5;

interface ThreadRow { ticket_id: number | null; last_id: string; unread: number; no: string | null; status: string | null; category: string | null }
interface MessageRow { id: string; ticket_id: number | null; kind: string; title: string; body: string; created_at: Date; read_at: Date | null }

/**
 * 消息: the caller's own notifications, grouped by ticket. Every query filters on user_id first, so
 * scope is the row's owner and nothing else: no role sees another user's messages.
 */
@Injectable()
export class MessageCentre {
  constructor(private readonly db: DataSource, private readonly templates: SubscribeTemplates) {}

  /** Threads newest first; the cursor is the last thread's newest message id. */
  async threads(userId: number, cursor: string | null) {
    const threads: ThreadRow[] = await this.db.query(
      `WITH mine AS (
         SELECT ticket_id, max(id) AS last_id, count(*) FILTER (WHERE read_at IS NULL)::int AS unread
           FROM notifications WHERE user_id = $1 GROUP BY ticket_id)
       SELECT m.ticket_id, m.last_id, m.unread, t.no, t.status, c.name AS category
         FROM mine m LEFT JOIN tickets t ON t.id = m.ticket_id LEFT JOIN categories c ON c.id = t.category_id
        WHERE ($2::bigint IS NULL OR m.last_id < $2)
        ORDER BY m.last_id DESC ${pageLimitSql(THREADS_PER_PAGE)}`,
      [userId, cursor],
    );
    const { page, nextCursor } = keysetPage(threads, THREADS_PER_PAGE, (last) => Number(last.last_id));
    const messages: MessageRow[] = page.length === 0 ? [] : await this.db.query(
      `SELECT id, ticket_id, kind, title, body, created_at, read_at FROM (
         SELECT n.*, row_number() OVER (PARTITION BY ticket_id ORDER BY id DESC) AS rn
           FROM notifications n WHERE user_id = $1 AND coalesce(ticket_id, 0) = ANY($2::int[])) x
        WHERE rn <= ${MESSAGES_PER_THREAD} ORDER BY id DESC`,
      [userId, page.map((t) => t.ticket_id ?? 0)],
    );
    return {
      items: page.map((t) => ({
        ticket: t.ticket_id === null ? null : { id: t.ticket_id, no: t.no ?? '', status: t.status ?? '', category: t.category ?? '' },
        unread: t.unread,
        lastMessageId: Number(t.last_id),
        messages: messages.filter((m) => m.ticket_id === t.ticket_id).map((m) => ({
          id: Number(m.id), kind: m.kind, title: m.title, body: m.body, createdAt: m.created_at, readAt: m.read_at,
        })),
      })),
      nextCursor,
    };
  }

  /** The badge: one index-only scan of the partial unread index. */
  async unread(userId: number) {
    const rows: Array<{ ticket_id: number | null; n: number }> = await this.db.query(
      'SELECT ticket_id, count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL GROUP BY ticket_id',
      [userId],
    );
    return {
      total: rows.reduce((sum, r) => sum + r.n, 0),
      tickets: rows.filter((r) => r.ticket_id !== null).map((r) => ({ ticketId: r.ticket_id as number, unread: r.n })),
    };
  }

  /** Idempotent: a second call marks 0. 404 when the caller has no message on that ticket. */
  async readTicket(userId: number, ticketId: number) {
    const [row]: Array<{ total: number; marked: number }> = await this.db.query(
      `WITH u AS (UPDATE notifications SET read_at = now() WHERE user_id = $1 AND ticket_id = $2 AND read_at IS NULL RETURNING id)
       SELECT (SELECT count(*)::int FROM notifications WHERE user_id = $1 AND ticket_id = $2) AS total, (SELECT count(*)::int FROM u) AS marked`,
      [userId, ticketId],
    );
    if (row.total === 0) throw ApiException.notFound('ticket');
    return { marked: row.marked };
  }

  /** The templates the client asks consent for, with the caller's last answer to each. */
  async consents(userId: number) {
    const rows: Array<{ template: SubscribeTemplate; decision: SubscribeDecision }> = await this.db.query(
      'SELECT template, decision FROM subscribe_consents WHERE user_id = $1',
      [userId],
    );
    const ids = await this.templates.ids();
    return {
      items: SUBSCRIBE_TEMPLATES.map((template) => ({
        template,
        templateId: ids[template] || null,
        decision: rows.find((r) => r.template === template)?.decision ?? null,
      })),
    };
  }

  async recordConsents(userId: number, answers: Array<{ template: SubscribeTemplate; decision: SubscribeDecision }>) {
    for (const a of answers) {
      await this.db.query(
        `INSERT INTO subscribe_consents (user_id, template, decision) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, template) DO UPDATE SET decision = EXCLUDED.decision, updated_at = now()`,
        [userId, a.template, a.decision],
      );
    }
    return this.consents(userId);
  }
}
