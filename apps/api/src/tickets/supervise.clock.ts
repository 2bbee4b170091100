import { Injectable } from '@nestjs/common';

/**
 * The time a 督办 is recorded at and its hourly limit counted from. A provider, not `now()` in
 * SQL, so tests set the instant and prove the limit's edges without depending on today's date.
 */
@Injectable()
export class SuperviseClock {
  now(): Date {
    return new Date();
  }
}
