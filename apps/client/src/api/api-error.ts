import { ERROR_MESSAGES_ZH } from '@red-butler/domain';

/** Codes the client raises itself, for failures that never reached the API. */
export const CLIENT_ERROR_MESSAGES_ZH = {
  NETWORK_ERROR: '网络连接失败，请检查网络后重试',
  UNKNOWN_ERROR: '出了点问题，请稍后再试',
} as const;

export type ClientErrorCode = keyof typeof CLIENT_ERROR_MESSAGES_ZH;

/** An API failure (`{code, message, details}`) or a network failure, with the Chinese text to show. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly detail: string,
    readonly details?: unknown,
  ) {
    super(chineseMessage(code));
    this.name = 'ApiError';
  }

  /** True when the request may never have reached the API: keep the draft, retry later. */
  get isNetwork(): boolean {
    return this.code === 'NETWORK_ERROR';
  }

  /**
   * True when trying again later may well succeed and the request changed nothing: no network, or
   * the API said it is briefly unavailable (503 while its database or Redis recovers, 502/504 from
   * the proxy in front of it). A report kept as a draft is then re-sent with the same key.
   */
  get isRetryable(): boolean {
    return this.isNetwork || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export function chineseMessage(code: string): string {
  return (
    (ERROR_MESSAGES_ZH as Record<string, string>)[code] ??
    (CLIENT_ERROR_MESSAGES_ZH as Record<string, string>)[code] ??
    CLIENT_ERROR_MESSAGES_ZH.UNKNOWN_ERROR
  );
}

/** Any thrown value as the sentence a resident should read. */
export function errorText(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return CLIENT_ERROR_MESSAGES_ZH.UNKNOWN_ERROR;
}

export function toApiError(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as { code?: unknown; message?: unknown; details?: unknown };
  const code = typeof b.code === 'string' ? b.code : status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN_ERROR';
  return new ApiError(code, status, typeof b.message === 'string' ? b.message : '', b.details);
}
