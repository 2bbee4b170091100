import { CanActivate, ExecutionContext, HttpStatus, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { ActorService } from '../access/actor.service';
import { ApiException } from '../common/api.exception';
import { IS_PUBLIC } from '../common/public.decorator';

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
    let userId: number;
    try {
      const payload = await this.jwt.verifyAsync<{ sub: number }>(token);
      userId = payload.sub;
    } catch {
      if (isPublic) return true;
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authorization: token invalid or expired');
    }
    const actor = await this.actors.load(userId);
    if (!actor) {
      if (isPublic) return true;
      throw new ApiException(HttpStatus.UNAUTHORIZED, 'UNAUTHENTICATED', 'authorization: account disabled');
    }
    req.actor = actor;
    return true;
  }
}
