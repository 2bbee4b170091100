import { AsyncResource } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import type { Metrics } from '../metrics/metrics.service';
import { REQUEST_ID_HEADER, runInContext } from './request-context';

const SCOPE = Symbol('rb.requestScope');
type ScopedRequest = FastifyRequest & { [SCOPE]?: AsyncResource; actor?: Actor };

/** Probes call these every few seconds; their lines would drown the real traffic. */
const QUIET_ROUTES = new Set(['/api/health', '/api/health/ready']);

/**
 * Per request: the id (from `genReqId`, see app.factory) is echoed in `X-Request-Id` and kept in
 * AsyncLocalStorage, so every log line of the request, and every row it writes that the worker
 * later acts on, carries it. One access line and one latency observation when the reply is sent.
 */
export function registerRequestHooks(fastify: FastifyInstance, metrics: Metrics): void {
  const logger = new Logger('HTTP');
  fastify.addHook('onRequest', (req: ScopedRequest, reply, done) => {
    void reply.header(REQUEST_ID_HEADER, req.id);
    runInContext({ requestId: req.id, userId: () => req.actor?.userId }, () => {
      // The body is read in another async context (the socket's); the resource carries ours over it.
      const scope = new AsyncResource('rb.request');
      req[SCOPE] = scope;
      scope.runInAsyncScope(done, req.raw);
    });
  });
  fastify.addHook('preValidation', (req: ScopedRequest, _reply, done) => {
    const scope = req[SCOPE];
    if (scope) scope.runInAsyncScope(done, req.raw);
    else done();
  });
  fastify.addHook('onResponse', (req: ScopedRequest, reply, done) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const seconds = reply.elapsedTime / 1000;
    metrics.httpDuration.observe({ method: req.method, route, status_code: String(reply.statusCode) }, seconds);
    if (!QUIET_ROUTES.has(route)) {
      const fields = { msg: 'request', method: req.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 };
      const scope = req[SCOPE];
      if (scope) scope.runInAsyncScope(() => logger.log(fields));
      else logger.log(fields);
    }
    done();
  });
}
