import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiDoc, ACTION_ERRORS, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { FollowTicketDto } from './dto/follow-ticket.dto';
import { FollowingQuery } from './dto/following.query';
import { NearbyTicketsQuery } from './dto/nearby-tickets.query';
import { DuplicatesService } from './duplicates.service';
import { TicketFollowersService } from './ticket-followers.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class DuplicatesController {
  constructor(
    private readonly duplicates: DuplicatesService,
    private readonly followers: TicketFollowersService,
  ) {}

  @Get('nearby')
  @ApiOperation({ summary: 'While reporting: open tickets of the category within 100 m or in the building, last 30 days, nearest first' })
  @ApiDoc('NearbyTickets', READ_ERRORS)
  nearby(@CurrentActor() actor: Actor, @Query() q: NearbyTicketsQuery) {
    return this.duplicates.nearby(actor, q);
  }

  @Get('following')
  @ApiOperation({ summary: '我关注的: the tickets the caller follows (也遇到了), latest followed first, public fields only, cursor-paginated' })
  @ApiDoc('FollowingPage', READ_ERRORS)
  following(@CurrentActor() actor: Actor, @Query() q: FollowingQuery) {
    return this.duplicates.following(actor, q);
  }

  @Get(':id/duplicates')
  @ApiOperation({ summary: 'Duplicate candidates around a ticket, for the staff who merge' })
  @ApiDoc('DuplicateCandidates', ID_ERRORS)
  candidates(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.duplicates.duplicates(actor, id);
  }

  @Post(':id/follow')
  @HttpCode(200)
  @ApiOperation({
    summary: '也遇到了: follow an open ticket instead of filing it again (idempotent)',
    description: 'Only a ticket of the resident’s home compound, or one the nearby search from the given point/building shows; anything else is 404.',
  })
  @ApiDoc('FollowResult', ACTION_ERRORS)
  follow(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() where: FollowTicketDto) {
    return this.followers.follow(actor, id, where ?? {});
  }

  @Delete(':id/follow')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop following (idempotent)' })
  @ApiDoc('FollowResult', ID_ERRORS)
  unfollow(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.followers.unfollow(actor, id);
  }
}
