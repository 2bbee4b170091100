import { Global, Module } from '@nestjs/common';
import { ApiRedis } from '../admin/redis.provider';
import { RateLimitStore } from './rate-limit.store';

/** The API's Redis connection and the shared rate-limit windows, for the guard and Open311's per-key limit. */
@Global()
@Module({ providers: [ApiRedis, RateLimitStore], exports: [ApiRedis, RateLimitStore] })
export class RateLimitModule {}
