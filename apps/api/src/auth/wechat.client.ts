import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { ApiException } from '../common/api.exception';
import { AppConfig } from '../config/app-config';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** code2Session: trades the code from `wx.login` for the user's openid. */
@Injectable()
export class WechatClient {
  constructor(@Inject(AppConfig) private readonly config: AppConfig) {}

  async code2Session(code: string): Promise<WechatSession> {
    if (!this.config.WECHAT_APPID || !this.config.WECHAT_SECRET) {
      // An H5-only deployment: nothing to trade the code with; password login still works.
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, 'WECHAT_NOT_CONFIGURED', 'WeChat login is not configured on this server');
    }
    const url = new URL('/sns/jscode2session', this.config.WECHAT_API_BASE);
    url.searchParams.set('appid', this.config.WECHAT_APPID);
    url.searchParams.set('secret', this.config.WECHAT_SECRET);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    let body: { openid?: string; unionid?: string; errcode?: number; errmsg?: string };
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(5000) });
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiException(HttpStatus.BAD_GATEWAY, 'WECHAT_LOGIN_FAILED', 'WeChat did not answer code2Session');
    }
    if (!body.openid || (body.errcode && body.errcode !== 0)) {
      // 40029 invalid code, 40163 code used, 45011 too frequent: all the client's to retry with a new code.
      throw new ApiException(
        HttpStatus.UNAUTHORIZED,
        'WECHAT_LOGIN_FAILED',
        `code: WeChat refused the login code (${body.errcode ?? 'no openid'}${body.errmsg ? `: ${body.errmsg}` : ''})`,
      );
    }
    return { openid: body.openid, unionid: body.unionid };
  }
}
