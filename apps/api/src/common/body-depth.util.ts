import { HttpStatus } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { ApiException } from './api.exception';

/**
 * No form of this API nests deeper than a few levels (a ticket's `location`, a policy's rules); 32
 * leaves room for any future one while keeping the recursive walkers after this point (the
 * validation pipe's prototype-key stripping, class-transformer) far from the stack's end.
 */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests objects/arrays deeper than `max`. Iterative: any depth is safe to ask about. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
    }
  }
  return false;
}

/**
 * JSON nested thousands of levels deep (a few KB) overflowed the stack in the validation pipe: a 500.
 * Refused right after parsing, before any guard, pipe or handler walks it: 400 BODY_TOO_DEEP.
 */
export function refuseDeepBodies(fastify: FastifyInstance, max = MAX_BODY_DEPTH): void {
  fastify.addHook('preValidation', (req, _reply, done) => {
    if (nestsDeeperThan(req.body, max)) {
      done(new ApiException(HttpStatus.BAD_REQUEST, 'BODY_TOO_DEEP', `body: nested more than ${max} levels deep`, [{ field: 'body', message: `nested more than ${max} levels deep` }]));
      return;
    }
    done();
  });
}
