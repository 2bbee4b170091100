import { Module } from '@nestjs/common';
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
  providers: [PeopleService, AccessCodes, PeopleClock, HouseholdBindings, LoginThrottle],
})
export class PeopleModule {}
