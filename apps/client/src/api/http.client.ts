import Taro from '@tarojs/taro';
import { ApiError, toApiError } from './api-error';
import { clearToken, getToken } from './token.store';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions {
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  headers?: Record<string, string>;
  /** Login calls answer 401 for a wrong password; that must not bounce to the login page. */
  anonymous?: boolean;
}

export const LOGIN_PAGE = '/pages/login/index';

/** `/api/...` on H5 (same origin, proxied); a full origin on the mini-program. */
export function apiUrl(path: string): string {
  return `${API_ORIGIN}/api${path}`;
}

export function authHeader(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const parts = Object.entries(query)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

let bouncing = false;

/** The session is gone (expired or revoked): forget it and start again at the login page. */
export async function onUnauthenticated(): Promise<void> {
  await clearToken();
  if (bouncing) return;
  bouncing = true;
  try {
    await Taro.reLaunch({ url: LOGIN_PAGE });
  } finally {
    bouncing = false;
  }
}

export async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  let response: Taro.request.SuccessCallbackResult<string | TaroGeneral.IAnyObject | ArrayBuffer>;
  try {
    response = await Taro.request({
      url: apiUrl(path) + queryString(options.query),
      method,
      data: options.body as Taro.request.Option['data'],
      header: { 'Content-Type': 'application/json', ...authHeader(), ...options.headers },
      dataType: 'json',
      timeout: 15000,
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', 0, 'request failed');
  }
  const { statusCode, data } = response;
  if (statusCode >= 200 && statusCode < 300) return data as T;
  if (statusCode === 401 && !options.anonymous) await onUnauthenticated();
  throw toApiError(statusCode, data);
}
