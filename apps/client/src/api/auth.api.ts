import type { Me, TokenResponse, WechatTokenResponse } from './api.types';
import { request } from './http.client';

export const authApi = {
  login: (username: string, password: string) =>
    request<TokenResponse>('POST', '/auth/login', { body: { username, password }, anonymous: true }),
  devLogin: (username: string) =>
    request<TokenResponse>('POST', '/auth/dev-login', { body: { username }, anonymous: true }),
  wechat: (code: string) =>
    request<WechatTokenResponse>('POST', '/auth/wechat', { body: { code }, anonymous: true }),
  /** Revokes the user's tokens on the server (every device); anonymous: a token already gone is no error to bounce on. */
  logout: () => request<void>('POST', '/auth/logout', { anonymous: true }),
  me: () => request<Me>('GET', '/me'),
  updateMe: (patch: Partial<{ displayName: string; phone: string; compoundId: number; buildingId: number }>) =>
    request<Me>('PATCH', '/me', { body: patch }),
};
