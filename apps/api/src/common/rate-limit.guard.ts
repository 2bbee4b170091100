import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { AppConfig } from '../config/app-config';
import { ApiException } from './api.exception';
import { RATE_LIMIT_BUCKET, type RateLimitBucket } from './rate-limit.decorator';

const WINDOW_MS = 60_000;

/**
 * One-minute windows per (bucket, caller), each starting at the caller's first request, so a
 * limit means the same thing whenever a burst begins. The caller is the user when signed in,
 * else the client IP.
 * Kept in process memory: one API process per deployment today; a shared store is needed before
 * running several behind a balancer.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  private windows = new Map<string, { count: number; resetAt: number }>();
  private nextSweep = 0;

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
    this.sweep(now);
    const key = `${bucket}:${req.actor ? `u${req.actor.userId}` : `ip${req.ip}`}`;
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { count: 0, resetAt: now + WINDOW_MS };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count > limit) {
      const retryAfter = Math.ceil((window.resetAt - now) / 1000);
      void http.getResponse<FastifyReply>().header('retry-after', String(retryAfter));
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, 'RATE_LIMITED', `rate limit of ${limit} per minute exceeded for ${bucket}`);
    }
    return true;
  }

  /** Drops expired windows once a minute so idle callers do not accumulate in memory. */
  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + WINDOW_MS;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
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
