import { Module } from '@nestjs/common';
import { ActorCacheBus } from '../access/actor-cache.bus';
import { LoginThrottle } from '../auth/login-throttle.service';
import { AccessCodes } from './access-codes.service';
import { HouseholdBindingsController } from './household-bindings.controller';
import { HouseholdBindings } from './household-bindings.service';
import { PeopleClock } from './people-clock.service';
import { PeopleController } from './people.controller';
import { PeopleService } from './people.service';

/** 人员管理 and 居民绑定房屋 (issue #12). */
@Module({
  controllers: [PeopleController, HouseholdBindingsController],
  // ActorCacheBus lives here because the API (not the worker) serves tokens; it serves every revoke.
  providers: [PeopleService, AccessCodes, PeopleClock, HouseholdBindings, LoginThrottle, ActorCacheBus],
})
export class PeopleModule {}
