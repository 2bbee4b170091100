import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiException } from './api.exception';

const NUL = '\u0000';

/**
 * Where the first U+0000 sits in a parsed request part: `description`, `location.address`,
 * `photos[1]`; null when there is none. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function findNul(value: unknown, root = ''): string | null {
  const stack: Array<[unknown, string]> = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop() as [unknown, string];
    if (typeof v === 'string') {
      if (v.includes(NUL)) return path;
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes(NUL)) return at;
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/**
 * PostgreSQL refuses U+0000 in text, so a NUL anywhere in a path parameter, the query or a JSON body
 * became a 500 (also before sign-in). One check for every route, Open311 included (its filter turns
 * this into its own error list): a 400 naming the field.
 */
@Injectable()
export class NulByteGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    for (const part of [req.params, req.query, req.body]) {
      const field = findNul(part);
      if (field !== null) throw ApiException.validation(field || 'body', 'must not contain the NUL character (U+0000)');
    }
    return true;
  }
}
