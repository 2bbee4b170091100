import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { AppConfig } from '../config/app-config';
import { ApiException } from './api.exception';
import { RATE_LIMIT_BUCKET, type RateLimitBucket } from './rate-limit.decorator';

const WINDOW_MS = 60_000;

/**
 * Fixed one-minute windows per (bucket, caller): the user when signed in, else the client IP.
 * Kept in process memory: one API process per deployment today; a shared store is needed before
 * running several behind a balancer.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private window = 0;
  private counts = new Map<string, number>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const bucket =
      this.reflector.getAllAndOverride<RateLimitBucket>(RATE_LIMIT_BUCKET, [context.getHandler(), context.getClass()]) ??
      'default';
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { actor?: Actor }>();
    const limit = this.limitFor(bucket);
    const now = Date.now();
    const window = Math.floor(now / WINDOW_MS);
    if (window !== this.window) {
      this.window = window;
      this.counts = new Map();
    }
    const key = `${bucket}:${req.actor ? `u${req.actor.userId}` : `ip${req.ip}`}`;
    const count = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, count);
    if (count > limit) {
      const retryAfter = Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
      void http.getResponse<FastifyReply>().header('retry-after', String(retryAfter));
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `rate limit of ${limit} per minute exceeded for ${bucket}`);
    }
    return true;
  }

  private limitFor(bucket: RateLimitBucket): number {
    switch (bucket) {
      case 'login':
        return this.config.RATE_LIMIT_LOGIN_PER_MINUTE;
      case 'reports':
        return this.config.RATE_LIMIT_REPORTS_PER_MINUTE;
      case 'uploads':
        return this.config.RATE_LIMIT_REPORTS_PER_MINUTE * 9;
      default:
        return this.config.RATE_LIMIT_PER_MINUTE;
    }
  }
}
