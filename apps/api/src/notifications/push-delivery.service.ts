import { Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Metrics } from '../metrics/metrics.service';
import { PermanentPushError, SubscribeMessageSender } from './subscribe-message.sender';

/**
 * Delivers one pending notice to WeChat. The notice and the ticket never wait for this: a failed
 * push is retried with backoff and, after the last attempt, marked failed — the in-app inbox
 * still has it. A crash between sending and recording may send twice (at-least-once).
 */
@Injectable()
export class PushDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly sender: SubscribeMessageSender,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async deliver(notificationId: string, lastAttempt: boolean): Promise<'sent' | 'skipped' | 'failed'> {
    const rows: Array<{ push_status: string; title: string; body: string; ticket_id: number | null; openid: string | null }> = await this.db.query(
      `SELECT n.push_status, n.title, n.body, n.ticket_id, u.wechat_openid AS openid
         FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.id = $1`,
      [notificationId],
    );
    const n = rows[0];
    if (!n || n.push_status !== 'pending' || !n.openid) return 'skipped';
    try {
      await this.sender.send({ openid: n.openid, title: n.title, body: n.body, page: n.ticket_id ? `pages/ticket/detail?id=${n.ticket_id}` : 'pages/index/index' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const final = lastAttempt || error instanceof PermanentPushError;
      this.metrics?.pushFailures.inc({ final: String(final) });
      await this.db.query(
        `UPDATE notifications SET push_attempts = push_attempts + 1, push_error = $2, push_status = CASE WHEN $3 THEN 'failed' ELSE push_status END::push_status
          WHERE id = $1 AND push_status = 'pending'`,
        [notificationId, message.slice(0, 200), final],
      );
      if (final) return 'failed';
      throw error;
    }
    await this.db.query(`UPDATE notifications SET push_status = 'sent', push_attempts = push_attempts + 1, push_error = NULL WHERE id = $1 AND push_status = 'pending'`, [notificationId]);
    return 'sent';
  }
}
