import { Injectable } from '@nestjs/common';

/** The time one-time codes are issued and checked against: a provider, so tests prove expiry without waiting. */
@Injectable()
export class PeopleClock {
  now(): Date {
    return new Date();
  }
}
