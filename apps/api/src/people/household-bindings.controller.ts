import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { BindHouseholdDto, DecideHouseholdDto, ListHouseholdQuery, RequestHouseholdDto } from './household.dto';
import { HouseholdBindings } from './household-bindings.service';

/** 绑定房屋: residents ask, the compound's community staff decide or bind directly. */
@ApiTags('residents')
@ApiBearerAuth()
@Controller()
export class HouseholdBindingsController {
  constructor(private readonly households: HouseholdBindings) {}

  @Post('me/household-bindings')
  @ApiOperation({ summary: 'A resident asks to be bound to a home (compound, building, register unit or room) as owner or tenant' })
  @ApiDoc('HouseholdBinding', [...READ_ERRORS, 409], { status: 201 })
  request(@CurrentActor() actor: Actor, @Body() dto: RequestHouseholdDto) {
    return this.households.request(actor, dto);
  }

  @Get('me/household-bindings')
  @ApiOperation({ summary: 'The caller’s requests and bindings, newest first' })
  @ApiDoc('HouseholdBindings', READ_ERRORS)
  mine(@CurrentActor() actor: Actor) {
    return this.households.mine(actor);
  }

  @Get('compounds/:id/household-bindings')
  @ApiOperation({ summary: 'Requests of a compound (default: waiting), for its community staff' })
  @ApiDoc('HouseholdBindings', ID_ERRORS)
  list(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Query() q: ListHouseholdQuery) {
    return this.households.list(actor, id, q.status);
  }

  @Post('compounds/:id/household-bindings')
  @ApiOperation({ summary: 'Community staff bind a resident to a home directly (approved at once)' })
  @ApiDoc('HouseholdBinding', ID_ERRORS, { status: 201 })
  bind(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: BindHouseholdDto) {
    return this.households.bind(actor, id, dto);
  }

  @Post('household-bindings/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve or refuse (with a reason) a request; an approved owner becomes the verified owner of the unit; a second decision is 409' })
  @ApiDoc('HouseholdBinding', ACTION_ERRORS)
  decide(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DecideHouseholdDto) {
    return this.households.decide(actor, id, dto);
  }
}
