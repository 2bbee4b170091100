import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, ID_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { FollowerTicketService } from './follower-ticket.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class FollowerTicketController {
  constructor(private readonly followerTicket: FollowerTicketService) {}

  @Get(':id/public')
  @ApiOperation({
    summary: 'A followed (也遇到了) or own ticket in its public shape, with its status steps',
    description: 'No reporter, phone, address, photos or notes; steps are status and time only. Anyone not following it and not its reporter gets 404.',
  })
  @ApiDoc('PublicTicket', ID_ERRORS)
  publicView(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.followerTicket.publicView(actor, id);
  }
}
