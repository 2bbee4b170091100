import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { currentRequestId } from '../logging/request-context';
import type { SubscribeTemplate } from './subscribe-consent.entity';

export interface NoticeInput {
  ticketId: number | null;
  kind: string;
  title: string;
  body: string;
  /** Unique per user: the same effect run twice notifies once. */
  dedupeKey: string;
  /** false: inbox only, no WeChat subscribe message (default true). */
  push?: boolean;
  /**
   * The subscribe template (default 'visit', 回访邀请). 'status' pushes only to users who accepted it;
   * 'visit' pushes unless the user refused it (clients older than the consent prompt never recorded one).
   */
  template?: SubscribeTemplate;
}

/** Who gets a notice, as SQL over role bindings and the ticket's places. */
export type Audience =
  | { kind: 'users'; userIds: number[] }
  | { kind: 'org'; organizationId: number; roles: string[] }
  | { kind: 'unit'; unitId: number; roles: string[] };

/**
 * Writes inbox notices inside the caller's transaction. A recipient with a WeChat openid also gets
 * a subscribe message: the row is marked `pending` and the worker's outbox sweep sends it.
 */
@Injectable()
export class Notifier {
  async notify(em: EntityManager, audience: Audience, notice: NoticeInput): Promise<number> {
    const recipients = this.recipientsSql(audience);
    const rows: Array<{ id: string }> = await em.query(
      `WITH r AS (${recipients.sql}),
            n AS (
              INSERT INTO notifications (user_id, ticket_id, kind, title, body, dedupe_key, push_status, push_template, request_id)
              SELECT u.id, $1, $2, $3, $4, $5, CASE WHEN $6::bool AND u.wechat_openid IS NOT NULL AND c.decision IS DISTINCT FROM 'reject' AND c.decision IS DISTINCT FROM 'ban'
                                                      AND (c.decision = 'accept' OR $${8 + recipients.params.length}::varchar = 'visit')
                                                    THEN 'pending' ELSE 'none' END::push_status,
                     CASE WHEN $6::bool THEN $${8 + recipients.params.length}::varchar END,
                     $${7 + recipients.params.length}::varchar
                FROM users u LEFT JOIN subscribe_consents c ON c.user_id = u.id AND c.template = $${8 + recipients.params.length}::varchar
               WHERE u.id IN (SELECT user_id FROM r) AND u.active
              ON CONFLICT (user_id, dedupe_key) DO NOTHING
              RETURNING id)
       SELECT id FROM n`,
      [notice.ticketId, notice.kind, notice.title, notice.body, notice.dedupeKey, notice.push ?? true, ...recipients.params, currentRequestId(), notice.template ?? 'visit'],
    );
    return rows.length;
  }

  private recipientsSql(a: Audience): { sql: string; params: unknown[] } {
    switch (a.kind) {
      case 'users':
        return { sql: 'SELECT unnest($7::int[]) AS user_id', params: [a.userIds] };
      case 'org':
        return { sql: 'SELECT user_id FROM role_bindings WHERE organization_id = $7 AND role = ANY($8::role[])', params: [a.organizationId, a.roles] };
      case 'unit':
        return { sql: 'SELECT user_id FROM role_bindings WHERE org_unit_id = $7 AND role = ANY($8::role[])', params: [a.unitId, a.roles] };
    }
  }
}
