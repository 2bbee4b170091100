import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';

export interface SubscribeMessage {
  openid: string;
  title: string;
  body: string;
  page: string;
}

/** Sends one WeChat subscribe message; throws on failure so the job retries with backoff. */
export abstract class SubscribeMessageSender {
  abstract send(message: SubscribeMessage): Promise<void>;
}

/** Thrown when retrying cannot help (no template configured, user refused the subscription). */
export class PermanentPushError extends Error {}

/** WeChat's subscribeMessage.send against WECHAT_API_BASE, with a cached access token. */
@Injectable()
export class WechatSubscribeSender extends SubscribeMessageSender {
  private token: { value: string; expires: number } | null = null;

  constructor(@Inject(AppConfig) private readonly config: AppConfig) {
    super();
  }

  async send(message: SubscribeMessage): Promise<void> {
    if (!this.config.WECHAT_SUBSCRIBE_TEMPLATE_ID) throw new PermanentPushError('no subscribe template configured');
    if (!this.config.WECHAT_APPID || !this.config.WECHAT_SECRET) throw new PermanentPushError('WeChat is not configured (WECHAT_APPID/WECHAT_SECRET)');
    const url = new URL('/cgi-bin/message/subscribe/send', this.config.WECHAT_API_BASE);
    url.searchParams.set('access_token', await this.accessToken());
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      signal: AbortSignal.timeout(5000),
      body: JSON.stringify({
        touser: message.openid,
        template_id: this.config.WECHAT_SUBSCRIBE_TEMPLATE_ID,
        page: message.page,
        data: { thing1: { value: message.title.slice(0, 20) }, thing2: { value: message.body.slice(0, 20) } },
      }),
    });
    const body = (await res.json()) as { errcode?: number; errmsg?: string };
    if (body.errcode === 43101) throw new PermanentPushError('user has not subscribed (43101)');
    if (body.errcode === 40001 || body.errcode === 42001) this.token = null; // token expired: next try fetches one
    if (body.errcode) throw new Error(`subscribe send failed: ${body.errcode} ${body.errmsg ?? ''}`);
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expires > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.config.WECHAT_API_BASE);
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.config.WECHAT_APPID);
    url.searchParams.set('secret', this.config.WECHAT_SECRET);
    const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
    const body = (await res.json()) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) throw new Error(`access token refused: ${body.errcode ?? 'no token'}`);
    // Refresh five minutes early: a token that expires mid-send costs a retry.
    this.token = { value: body.access_token, expires: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }
}
