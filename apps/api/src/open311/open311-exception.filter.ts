import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiException } from '../common/api.exception';
import { DATABASE_RETRY_AFTER_SECONDS, DatabaseUnavailableError, isDatabaseUnavailable } from '../database/database-unavailable';
import { formatOfUrl, send } from './open311-format.util';
import { Open311Error } from './open311.error';

/**
 * Open311 clients parse the spec's error list, not the project's `{code, message, details}`:
 * everything thrown under /open311 (including the rate limit and body parsing) leaves as
 * `<errors><error><code/><description/></error></errors>` or its JSON array, in the format of
 * the requested path.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, description } = this.describe(exception);
    if (isDatabaseUnavailable(exception)) {
      // PostgreSQL away: the 311 client should retry later (GeoReport clients honour HTTP semantics).
      if (!(exception instanceof DatabaseUnavailableError)) this.logger.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      void reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
    } else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void send(reply, formatOfUrl(req.url), 'errors', [{ code: status, description }], status);
  }

  private describe(exception: unknown): { status: number; description: string } {
    if (exception instanceof Open311Error) return { status: exception.status, description: exception.description };
    if (exception instanceof ApiException) return { status: exception.getStatus(), description: exception.message };
    if (exception instanceof HttpException) return { status: exception.getStatus(), description: exception.message };
    if (isDatabaseUnavailable(exception)) return { status: 503, description: 'database unavailable; retry shortly' };
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { status: fastifyStatus, description: exception instanceof Error ? exception.message : 'bad request' };
    }
    return { status: 500, description: 'internal error' };
  }
}
