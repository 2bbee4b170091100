import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { ErrorCode } from '@red-butler/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable';
import { Open311ExceptionFilter } from '../open311/open311-exception.filter';
import { ApiException } from './api.exception';

const CODE_BY_STATUS: Partial<Record<number, ErrorCode>> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

const RETRYABLE_PG_CODES = new Set(['40001', '40P01', '55P03']);

/**
 * Every error leaves the API as `{code, message, details}`. Unknown errors are logged and become
 * a 500 without internals; errors raised by Fastify itself (bad JSON, body too large) keep their
 * 4xx status. PostgreSQL being unreachable (stopped, restarting, refusing connections, the pool out
 * of time) is no bug of ours: 503 DATABASE_UNAVAILABLE with a Retry-After, so clients and proxies
 * retry instead of reporting an internal error.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('ApiExceptionFilter');
  private readonly open311 = new Open311ExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    // Errors raised before an Open311 route runs (body parsing, unknown path) still owe the
    // client the GeoReport error list, not our shape.
    if (host.switchToHttp().getRequest<FastifyRequest>().url.startsWith('/open311/')) return this.open311.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, body } = this.render(exception);
    if (body.code === 'DATABASE_UNAVAILABLE') {
      // One line, no stack: an outage must not bury the log. The circuit already logged the fail-fast ones.
      if (!(exception instanceof DatabaseUnavailableError)) this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    // An ApiException that says when to come back (a locked or throttled login) says it in the header too.
    const retryAfter = exception instanceof ApiException ? (exception.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds : undefined;
    if (typeof retryAfter === 'number') void reply.header('retry-after', String(retryAfter));
    void reply.status(status).send(body);
  }

  private render(exception: unknown): { status: number; body: { code: string; message: string; details?: unknown } } {
    if (exception instanceof ApiException) {
      return { status: exception.getStatus(), body: { code: exception.code, message: exception.message, details: exception.details } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const message = typeof response === 'string' ? response : String((response as { message?: unknown }).message ?? exception.message);
      return { status, body: { code: CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'VALIDATION_FAILED'), message } };
    }
    if (isDatabaseUnavailable(exception)) {
      return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { code: 'DATABASE_UNAVAILABLE', message: 'the database is unavailable; retry shortly' } };
    }
    const pgCode = (exception as { driverError?: { code?: string } })?.driverError?.code;
    if (pgCode && RETRYABLE_PG_CODES.has(pgCode)) {
      // Deadlock or lock timeout between two concurrent steps: the loser is told to reload, like any lost race.
      return { status: HttpStatus.CONFLICT, body: { code: 'STALE_STATE', message: 'the ticket is being changed by someone else; reload and try again' } };
    }
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const message = exception instanceof Error ? exception.message : 'bad request';
      return { status: fastifyStatus, body: { code: CODE_BY_STATUS[fastifyStatus] ?? 'VALIDATION_FAILED', message } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { code: 'INTERNAL_ERROR', message: 'internal error' } };
  }
}
