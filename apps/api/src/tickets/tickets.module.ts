import { Module } from '@nestjs/common';
import { AppealsModule } from '../appeals/appeals.module';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { OrgModule } from '../org/org.module';
import { DuplicatesController } from './duplicates.controller';
import { DuplicatesService } from './duplicates.service';
import { FollowerTicketController } from './follower-ticket.controller';
import { FollowerTicketService } from './follower-ticket.service';
import { TicketActionsService } from './ticket-actions.service';
import { TicketFollowersService } from './ticket-followers.service';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketStatusNotices } from './ticket-status-notices.service';
import { SuperviseClock } from './supervise.clock';
import { TicketSuperviseService } from './ticket-supervise.service';
import { TicketPauseApprovalService } from './ticket-pause-approval.service';
import { TicketTransitionService } from './ticket-transition.service';
import { TicketsQueryService } from './tickets-query.service';
import { TicketsController } from './tickets.controller';

/**
 * The ticket loop. Other ways in (Open311, the 12345 import) import this module for its intake and
 * transitions, so that every channel goes through the one set of services rather than copies.
 */
@Module({
  imports: [OrgModule, AppealsModule, IdempotencyModule],
  controllers: [TicketsController, DuplicatesController, FollowerTicketController],
  providers: [
    TicketsQueryService, TicketTransitionService, TicketActionsService, TicketIntakeService,
    TicketStatusNotices, TicketFollowersService, DuplicatesService, FollowerTicketService, TicketSuperviseService, SuperviseClock, TicketPauseApprovalService,
  ],
  exports: [TicketsQueryService, TicketTransitionService, TicketIntakeService],
})
export class TicketsModule {}
