import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader, ApiResponse } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiException } from '../common/api.exception';
import { ref } from '../common/openapi/schema-builders';

export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,100}$/;

/** What a state-changing request brings for idempotency: its key (if any), its route, and the reply to mark a replay on. */
export interface IdempotentRequest {
  key: string | undefined;
  /** Method and path as the client sent them, e.g. `POST /api/tickets/42/accept`. */
  route: string;
  reply: FastifyReply;
}

/** The request's `Idempotency-Key` header, checked: a malformed key is a 400 naming the header. */
export const IdempotencyHeader = createParamDecorator((_: unknown, ctx: ExecutionContext): IdempotentRequest => {
  const http = ctx.switchToHttp();
  const request = http.getRequest<FastifyRequest>();
  const key = request.headers['idempotency-key'];
  if (key !== undefined && (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key))) {
    throw ApiException.validation(IDEMPOTENCY_KEY_HEADER, 'Idempotency-Key must be 8–100 characters of A-Z a-z 0-9 _ - : .');
  }
  return { key, route: `${request.method} ${request.url.split('?')[0]}`, reply: http.getResponse<FastifyReply>() };
});

/** OpenAPI for an action that accepts an Idempotency-Key. */
export function ApiIdempotencyKey(): MethodDecorator {
  return applyDecorators(
    ApiHeader({
      name: IDEMPOTENCY_KEY_HEADER,
      required: false,
      description:
        '8–100 of [A-Za-z0-9_-:.], e.g. a UUID, new for each intended action. A retry with the same key, by the same user, ' +
        'of the same request (method, path and body) that already succeeded is answered with the first answer and the ' +
        'header `idempotent-replayed: true` instead of being done again (never 409). A concurrent copy waits for the ' +
        'first and is answered the same way. Keys are remembered for 24 hours.',
    }),
    ApiResponse({ status: 422, description: 'IDEMPOTENCY_KEY_REUSED: the Idempotency-Key was already used for a different request', schema: ref('ApiError') }),
  );
}
