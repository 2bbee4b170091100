import { SetMetadata } from '@nestjs/common';

export type RateLimitBucket = 'default' | 'login' | 'reports' | 'uploads';
export const RATE_LIMIT_BUCKET = 'rateLimitBucket';
/** Puts a route in a stricter bucket than the default per-user limit. */
export const RateLimit = (bucket: RateLimitBucket) => SetMetadata(RATE_LIMIT_BUCKET, bucket);
