import { createHash } from 'node:crypto';
import { CanActivate, ExecutionContext, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { AppConfig } from '../config/app-config';
import { ApiException } from './api.exception';
import { RATE_LIMIT_BUCKET, type RateLimitBucket } from './rate-limit.decorator';
import { RateLimitStore } from './rate-limit.store';

const WINDOW_MS = 60_000;

/**
 * One-minute windows per (bucket, caller), each starting at the caller's first request, so a
 * limit means the same thing whenever a burst begins. The caller is the user when signed in,
 * else the client IP; a login is counted per IP and per username. The windows live in Redis (`RateLimitStore`), shared by every API process.
 */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: RateLimitStore,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const bucket =
      this.reflector.getAllAndOverride<RateLimitBucket>(RATE_LIMIT_BUCKET, [context.getHandler(), context.getClass()]) ??
      'default';
    const http = context.switchToHttp();
    const req = http.getRequest<FastifyRequest & { actor?: Actor }>();
    const limit = this.limitFor(bucket);
    const windows = [this.store.hit(`${bucket}:${req.actor ? `u${req.actor.userId}` : `ip${req.ip}`}`, WINDOW_MS)];
    // A login also counts against the account it names, whatever the address: guesses spread over
    // many addresses (a botnet, or a proxy that forwards them) still meet one limit per account.
    const username = bucket === 'login' ? (req.body as { username?: unknown } | undefined)?.username : undefined;
    if (typeof username === 'string') {
      windows.push(this.store.hit(`${bucket}:acct${createHash('sha256').update(username).digest('hex').slice(0, 32)}`, WINDOW_MS));
    }
    const over = (await Promise.all(windows)).filter((w) => w.count > limit);
    if (over.length > 0) {
      const retryAfter = Math.max(1, Math.ceil(Math.max(...over.map((w) => w.resetInMs)) / 1000));
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
