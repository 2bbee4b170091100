import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What every log line of one request (or of one job) carries. */
export interface RequestContext {
  requestId?: string;
  jobId?: string;
  /** Read lazily: the caller is known only after the auth guard ran, well after the context began. */
  userId?: () => number | undefined;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** Fits the `request_id varchar(64)` columns and a log line; anything else from a client is replaced. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,64}$/;

export function requestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | null {
  return storage.getStore()?.requestId ?? null;
}

export function runInContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

/** The caller's `X-Request-Id` when it looks like an id (a proxy's or a client's), else a new UUID. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && SANE_REQUEST_ID.test(value) ? value : randomUUID();
}
