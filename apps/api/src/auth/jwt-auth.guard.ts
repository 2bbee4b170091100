import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { IS_PUBLIC } from '../common/public.decorator';
import type { TokenPayload } from './auth.service';

/** Every route needs a valid bearer token unless marked @Public(). */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly actors: ActorService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<FastifyRequest & { actor?: Actor }>();
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : undefined;
    if (!token) {
      if (isPublic) return true;
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authorization: bearer token required');
    }
    let payload: TokenPayload;
    try {
      payload = await this.jwt.verifyAsync<TokenPayload>(token);
    } catch {
      if (isPublic) return true;
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authorization: token invalid or expired');
    }
    // Tokens from before token versions carry none: they stand for version 0, the column's default.
    const actor = await this.actors.loadForToken(payload.sub, payload.ver ?? 0);
    if (!actor) {
      if (isPublic) return true;
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authorization: token revoked (signed out, password changed) or account disabled');
    }
    req.actor = actor;
    return true;
  }
}
