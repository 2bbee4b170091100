import { Inject, Injectable, Optional } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { Metrics } from '../metrics/metrics.service';
import type { SubscribeTemplate } from './subscribe-consent.entity';
import { PushNotSent, SubscribeMessageSender } from './subscribe-message.sender';

/** Shared with the sweep (which has no PushDelivery): $1 = the lease in seconds. */
export const RECOVER_EXPIRED_CLAIMS_SQL = `WITH u AS (
  UPDATE notifications SET push_status = 'unknown', push_error = 'claim lease expired (worker lost mid-send); not resent'
   WHERE push_status = 'sending' AND claimed_at < now() - make_interval(secs => $1)
  RETURNING id) SELECT id FROM u`;

export type PushOutcome = 'sent' | 'skipped' | 'failed' | 'unknown';

/**
 * Delivers one pending notice to WeChat, at most once. The claim (pending → sending) commits on its
 * own before WeChat is called, so a second job for the same notice, or a retry after the worker died
 * mid-send, finds nothing to claim. The outcome is recorded after: sent; back to pending only when
 * WeChat's answer proves it was not delivered (a retry cannot duplicate); failed when retrying cannot
 * help; unknown when the send may have gone out (timeout, cut connection) — never resent. The ticket
 * never waits for any of this: its notice is already in the in-app 消息.
 */
@Injectable()
export class PushDelivery {
  constructor(
    private readonly db: DataSource,
    private readonly sender: SubscribeMessageSender,
    @Inject(AppConfig) private readonly config: AppConfig,
    @Optional() private readonly metrics?: Metrics,
  ) {}

  async deliver(notificationId: string, lastAttempt: boolean): Promise<PushOutcome> {
    const claimed: Array<{ title: string; body: string; ticket_id: number | null; push_template: SubscribeTemplate | null; openid: string | null }> = await this.db.query(
      // A CTE, because a bare UPDATE … RETURNING comes back from TypeORM as [rows, count].
      `WITH c AS (
         UPDATE notifications n SET push_status = 'sending', claimed_at = now(), push_attempts = n.push_attempts + 1
           FROM users u
          WHERE n.id = $1 AND n.push_status = 'pending' AND u.id = n.user_id
          RETURNING n.title, n.body, n.ticket_id, n.push_template, u.wechat_openid AS openid)
       SELECT * FROM c`,
      [notificationId],
    );
    const n = claimed[0];
    if (!n) return 'skipped';
    if (!n.openid) return this.record(notificationId, 'failed', 'the user has no WeChat openid any more');
    try {
      await this.sender.send({
        openid: n.openid,
        template: n.push_template ?? 'visit',
        title: n.title,
        body: n.body,
        page: n.ticket_id ? `pages/ticket/detail?id=${n.ticket_id}` : 'pages/index/index',
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (!(error instanceof PushNotSent)) {
        this.metrics?.pushFailures.inc({ final: 'true' });
        return this.record(notificationId, 'unknown', `outcome unknown, not resent: ${message}`);
      }
      const final = lastAttempt || error.permanent;
      this.metrics?.pushFailures.inc({ final: String(final) });
      await this.record(notificationId, final ? 'failed' : 'pending', message);
      if (final) return 'failed';
      throw error; // the job retries with backoff; the row is claimable again
    }
    return this.record(notificationId, 'sent', null);
  }

  /**
   * Claims whose worker died between claiming and recording: WeChat may have delivered, so they
   * become unknown, never pending again. Run by the sweep; the lease outlives the send timeout.
   */
  async recoverExpiredClaims(): Promise<number> {
    const rows: unknown[] = await this.db.query(RECOVER_EXPIRED_CLAIMS_SQL, [this.config.PUSH_CLAIM_LEASE_SECONDS]);
    return rows.length;
  }

  private async record<S extends 'sent' | 'failed' | 'unknown' | 'pending'>(id: string, status: S, error: string | null): Promise<S> {
    // A success found late (after the sweep called it unknown) is still the truth; a failure is not.
    const from = status === 'sent' ? ['sending', 'unknown'] : ['sending'];
    await this.db.query(
      `UPDATE notifications SET push_status = $2::push_status, push_error = $3 WHERE id = $1 AND push_status = ANY($4::push_status[])`,
      [id, status, error?.slice(0, 200) ?? null, from],
    );
    return status;
  }
}
