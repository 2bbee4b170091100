import { type CallHandler, type ExecutionContext, HttpException, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import type { FastifyRequest } from 'fastify';
import { catchError, from, mergeMap, type Observable, throwError } from 'rxjs';
import { hasRole, type Actor } from '../access/actor';
import { currentRequestId } from '../logging/request-context';
import { AuditLog } from './audit-log.service';
import { summariseBody } from './audit-redact.util';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const ADMIN_PREFIX = '/api/admin/';

/**
 * 操作日志, for every route without its author's help: any request to /api/admin/*, and any
 * mutating request by a caller holding the admin role, is recorded with its outcome, whether the
 * handler succeeded or threw (validation included: pipes run inside this interceptor). Requests
 * refused before it (no token, rate limit) carry no actor worth recording and are not.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly log: AuditLog,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const route = req.routeOptions?.url ?? req.url.split('?')[0];
    const actor = req.actor ?? null;
    const adminRoute = route.startsWith(ADMIN_PREFIX);
    const admin = !!actor && (hasRole(actor, 'admin') || (actor.adminStreets ?? []).length > 0);
    if (!adminRoute && !(MUTATING.has(req.method) && admin)) return next.handle();
    const params = (req.params ?? {}) as Record<string, string>;
    const base = {
      actor,
      method: req.method,
      route,
      targetId: params.id ?? Object.values(params)[0] ?? null,
      body: req.isMultipart?.() ? { kind: 'multipart' } : summariseBody(req.body),
      ip: req.ip ?? null,
      requestId: currentRequestId(),
    };
    const okStatus = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? (req.method === 'POST' ? 201 : 200);
    return next.handle().pipe(
      mergeMap((value) => from(this.log.record({ ...base, status: okStatus, errorCode: null }).then(() => value))),
      catchError((error: unknown) => {
        const status = error instanceof HttpException ? error.getStatus() : 500;
        const response = error instanceof HttpException ? error.getResponse() : null;
        const code = response && typeof response === 'object' && 'code' in response ? String((response as { code: unknown }).code) : status >= 500 ? 'INTERNAL_ERROR' : null;
        return from(this.log.record({ ...base, status, errorCode: code })).pipe(mergeMap(() => throwError(() => error)));
      }),
    );
  }
}
