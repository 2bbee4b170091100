import { Injectable } from '@nestjs/common';

/**
 * The time the disclosures module reads: "current contract" and "older than a year" depend on it.
 * Tests replace `now` so the stale flag is checked at chosen instants, never against today.
 */
@Injectable()
export class DisclosureClock {
  now(): Date {
    return new Date();
  }
}
