import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { SubscribeTemplates } from '../settings/subscribe-templates.service';
import type { SubscribeTemplate } from './subscribe-consent.entity';

export interface SubscribeMessage {
  openid: string;
  template: SubscribeTemplate;
  title: string;
  body: string;
  page: string;
}

/**
 * Sends one WeChat subscribe message. It throws `PushNotSent` only when it knows nothing was delivered
 * (WeChat answered with an error code, or the request never left); anything else it throws (a timeout,
 * a connection cut after the request went out) leaves the outcome unknown.
 */
export abstract class SubscribeMessageSender {
  abstract send(message: SubscribeMessage): Promise<void>;
}

/** Proven not delivered. `permanent`: retrying cannot help (user refused, bad openid, no template). */
export class PushNotSent extends Error {
  constructor(message: string, readonly permanent: boolean) {
    super(message);
  }
}

/** Kept for callers that only mean "give up": a permanent non-delivery. */
export class PermanentPushError extends PushNotSent {
  constructor(message: string) {
    super(message, true);
  }
}

// 43101 user refused / consent used up, 40003 invalid openid, 40037 invalid template, 47003 bad data.
const PERMANENT_ERRCODES = new Set([43101, 40003, 40037, 47003]);
// The request was refused before it could reach WeChat: nothing can have been delivered.
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

/** WeChat's subscribeMessage.send against WECHAT_API_BASE, with a cached access token. */
@Injectable()
export class WechatSubscribeSender extends SubscribeMessageSender {
  private token: { value: string; expires: number } | null = null;

  constructor(
    @Inject(AppConfig) private readonly config: AppConfig,
    private readonly templates: SubscribeTemplates,
  ) {
    super();
  }

  async send(message: SubscribeMessage): Promise<void> {
    // The admin's setting, else the env default: read per send, so a change applies to the next push.
    const templateId = await this.templates.templateId(message.template);
    if (!templateId) throw new PermanentPushError(`no ${message.template} subscribe template configured`);
    if (!this.config.WECHAT_APPID || !this.config.WECHAT_SECRET) throw new PermanentPushError('WeChat is not configured (WECHAT_APPID/WECHAT_SECRET)');
    let token: string;
    try {
      token = await this.accessToken();
    } catch (error) {
      throw new PushNotSent(`access token: ${error instanceof Error ? error.message : String(error)}`, false);
    }
    const url = new URL('/cgi-bin/message/subscribe/send', this.config.WECHAT_API_BASE);
    url.searchParams.set('access_token', token);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        signal: AbortSignal.timeout(this.config.WECHAT_SEND_TIMEOUT_MS),
        body: JSON.stringify({
          touser: message.openid,
          template_id: templateId,
          page: message.page,
          data: { thing1: { value: message.title.slice(0, 20) }, thing2: { value: message.body.slice(0, 20) } },
        }),
      });
    } catch (error) {
      const code = (error as { cause?: { code?: string } }).cause?.code;
      if (code && NOT_CONNECTED.has(code)) throw new PushNotSent(`subscribe send: ${code}`, false);
      throw error; // timeout or cut mid-request: WeChat may have delivered
    }
    const body = (await res.json()) as { errcode?: number; errmsg?: string };
    if (!body.errcode) return;
    if (body.errcode === 40001 || body.errcode === 42001) this.token = null; // token expired: next try fetches one
    throw new PushNotSent(`subscribe send failed: ${body.errcode} ${body.errmsg ?? ''}`.trim(), PERMANENT_ERRCODES.has(body.errcode));
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
