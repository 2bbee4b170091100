import { QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';

/** What a client is told to wait before retrying while PostgreSQL is away (a restart takes seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Thrown without asking PostgreSQL while it is known to be away (see DatabaseCircuit). */
export class DatabaseUnavailableError extends Error {
  readonly code = 'DATABASE_UNAVAILABLE';

  constructor(message = 'PostgreSQL is unavailable') {
    super(message);
    this.name = 'DatabaseUnavailableError';
  }
}

/** Socket-level failures reaching PostgreSQL (node's error codes). */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/**
 * SQLSTATEs of a server that is stopping, starting or refusing sessions: 57P01 admin_shutdown,
 * 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300 too_many_connections; class 08 (connection
 * exceptions) is matched by prefix.
 */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** pg and pg-pool raise these as plain Errors, without a code. */
const MESSAGES = [
  /^Connection terminated/, // unexpectedly / due to connection timeout / (ending)
  /^timeout exceeded when trying to connect$/, // pg-pool: no client within connectionTimeoutMillis
  /^Client has encountered a connection error and is not queryable$/,
  /^Client was closed and is not queryable$/,
  /^Query read timeout$/, // pg's query_timeout: the server did not answer at all
  /the database system is (starting up|shutting down|not yet accepting connections|in recovery mode)/,
];

/**
 * True when the error means "PostgreSQL cannot be reached right now", not "this request is wrong":
 * the API answers those with 503 DATABASE_UNAVAILABLE and a Retry-After. TypeORM wraps query errors
 * (`driverError`) and pg chains a timeout's cause; both are looked through. TypeORM's
 * QueryRunner(Provider)AlreadyReleasedError only happens after the transaction's connection died: the
 * connection's `error` event released the runner between two statements, and the next statement of
 * that transaction is refused with this error instead of the server's 57P01.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && typeof e === 'object' && depth < 4; depth++) {
    if (e instanceof DatabaseUnavailableError || e instanceof QueryRunnerProviderAlreadyReleasedError || e instanceof QueryRunnerAlreadyReleasedError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SERVER_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    // AggregateError (several addresses refused), TypeORM's driverError, Error.cause.
    const nested = (e as { errors?: unknown[] }).errors;
    if (Array.isArray(nested) && nested.some((n) => isDatabaseUnavailable(n))) return true;
    e = (e as { driverError?: unknown }).driverError ?? (e as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A failed attempt to open a connection that says the server is away (not a saturated pool: a wait
 * for a busy pool's client times out with another message and is no outage).
 */
export function isConnectFailure(error: unknown): boolean {
  return isDatabaseUnavailable(error) && !(error instanceof Error && error.message === 'timeout exceeded when trying to connect');
}
