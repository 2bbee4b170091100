import { applyDecorators } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiResponse } from '@nestjs/swagger';
import { obj, ref } from './schema-builders';
import type { ResponseSchemaName } from './response-schemas';

/** The error statuses an operation may answer, each with the `{code, message, details}` envelope. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 503;

const ERROR_TEXT: Record<ErrorStatus, string> = {
  400: 'VALIDATION_FAILED / INVALID_REFERENCE: a field is wrong; `message` and `details` name it',
  401: 'UNAUTHENTICATED: no valid bearer token',
  403: 'FORBIDDEN / ROLE_NOT_ALLOWED: the role may not do this',
  404: 'NOT_FOUND: no such object, or outside the caller’s scope (the two look the same)',
  409: 'ILLEGAL_TRANSITION / STALE_STATE / …: the object’s state does not allow this now',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'a well-formed request the rules refuse (e.g. COMPANY_NOT_CONTRACTED)',
  429: 'RATE_LIMITED: too many requests this minute',
  503: 'a dependency is down',
};

/** Public routes: no token, still validated and rate-limited. */
export const PUBLIC_ERRORS: ErrorStatus[] = [400, 429];
/** Signed-in routes without an object id. */
export const READ_ERRORS: ErrorStatus[] = [400, 401, 403, 429];
/** Routes that load one object by id: out of scope is 404. */
export const ID_ERRORS: ErrorStatus[] = [...READ_ERRORS, 404];
/** State changes on one object. */
export const ACTION_ERRORS: ErrorStatus[] = [...ID_ERRORS, 409];

/**
 * One line per operation: its 2xx body (a component of RESPONSE_SCHEMAS) and the error statuses it
 * may answer, all with the ApiError envelope (`null` for a 204 without a body). `contentTypes` for files (CSV/XLSX, images).
 */
export function ApiDoc(ok: ResponseSchemaName | null, errors: ErrorStatus[], opts: { status?: number; description?: string; contentTypes?: string[] } = {}) {
  const status = opts.status ?? 200;
  // null: 204 No Content, the one success without a body.
  const okResponse = ok === null
    ? ApiResponse({ status: 204, description: opts.description ?? 'done, no body' })
    : opts.contentTypes
    ? ApiResponse({
        status,
        description: opts.description ?? 'the file',
        content: Object.fromEntries(opts.contentTypes.map((t) => [t, { schema: ref(ok) }])),
      })
    : ApiResponse({ status, description: opts.description ?? 'OK', schema: ref(ok) });
  return applyDecorators(
    okResponse,
    ...[...new Set(errors)].map((s) => ApiResponse({ status: s, description: ERROR_TEXT[s], schema: ref('ApiError') })),
  );
}

/** A multipart upload of one file in the field `file` (photos, the 12345 export). */
export function ApiMultipartFile(description: string) {
  return applyDecorators(
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: obj({ file: { type: 'string', format: 'binary', description } }) }),
  );
}

/** A JSON body described by a component of RESPONSE_SCHEMAS (for bodies typed by an interface). */
export const ApiJsonBody = (name: ResponseSchemaName) => ApiBody({ schema: ref(name) });
