import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ActivitiesService } from './activities.service';
import { CheckInDto, CreateActivityDto, CreateShopItemDto, ParticipationQuery, RulesQuery, SetRuleDto } from './points.dto';
import { PointsService } from './points.service';
import { ShopService } from './shop.service';

/** 积分: the resident's ledger, earning rules, the 爱心屋 and community activities. */
@ApiTags('points')
@ApiBearerAuth()
@Controller()
export class PointsController {
  constructor(
    private readonly points: PointsService,
    private readonly shop: ShopService,
    private readonly activities: ActivitiesService,
  ) {}

  @Get('points/me')
  @ApiOperation({ summary: 'The caller’s points balance and latest ledger lines, newest first' })
  @ApiDoc('PointsMine', READ_ERRORS)
  mine(@CurrentActor() actor: Actor) {
    return this.points.mine(actor);
  }

  @Get('points/rules')
  @ApiOperation({ summary: 'Earning rules of the caller’s communities and their districts' })
  @ApiDoc('PointsRules', READ_ERRORS)
  rules(@CurrentActor() actor: Actor, @Query() q: RulesQuery) {
    return this.points.rules(actor, q);
  }

  @Post('points/rules')
  @HttpCode(200)
  @ApiOperation({ summary: 'Set a rule: admins for a district, community staff for their community (points and daily cap)' })
  @ApiDoc('PointsRules', READ_ERRORS)
  setRule(@CurrentActor() actor: Actor, @Body() dto: SetRuleDto) {
    return this.points.setRule(actor, dto);
  }

  @Get('points/participation')
  @ApiOperation({ summary: 'Participation per community in the caller’s scope over a period (Shanghai days)' })
  @ApiDoc('PointsParticipation', READ_ERRORS)
  participation(@CurrentActor() actor: Actor, @Query() q: ParticipationQuery) {
    return this.points.participation(actor, q);
  }

  @Get('shop-items')
  @ApiOperation({ summary: '爱心屋 items: a resident’s community’s, or those of the communities the staff member runs' })
  @ApiDoc('ShopItems', READ_ERRORS)
  items(@CurrentActor() actor: Actor) {
    return this.shop.items(actor);
  }

  @Post('shop-items')
  @ApiOperation({ summary: 'Add an item to a community’s 爱心屋 (its staff)' })
  @ApiDoc('ShopItem', READ_ERRORS, { status: 201 })
  createItem(@CurrentActor() actor: Actor, @Body() dto: CreateShopItemDto) {
    return this.shop.create(actor, dto);
  }

  @Post('shop-items/:id/redeem')
  @ApiOperation({ summary: 'Redeem one item for its point price; 409 when out of stock or the balance is short' })
  @ApiDoc('Redemption', ACTION_ERRORS, { status: 201 })
  redeem(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.shop.redeem(actor, id);
  }

  @Get('redemptions')
  @ApiOperation({ summary: 'The caller’s redemptions, and (staff) those of their communities, pending first' })
  @ApiDoc('Redemptions', READ_ERRORS)
  redemptions(@CurrentActor() actor: Actor) {
    return this.shop.redemptions(actor);
  }

  @Post('redemptions/:id/hand-over')
  @HttpCode(200)
  @ApiOperation({ summary: '核销: staff hand the item over; a second hand-over is 409' })
  @ApiDoc('Redemption', ACTION_ERRORS)
  handOver(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.shop.handOver(actor, id);
  }

  @Post('redemptions/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Cancel a pending redemption (its resident or staff): the points and the stock come back' })
  @ApiDoc('Redemption', ACTION_ERRORS)
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.shop.cancel(actor, id);
  }

  @Get('activities')
  @ApiOperation({ summary: 'Activities of the resident’s community (with their sign-up), or of the communities the staff member runs' })
  @ApiDoc('Activities', READ_ERRORS)
  listActivities(@CurrentActor() actor: Actor) {
    return this.activities.list(actor);
  }

  @Post('activities')
  @ApiOperation({ summary: 'Publish an activity (community staff): time, place, capacity, hours credited' })
  @ApiDoc('Activity', READ_ERRORS, { status: 201 })
  createActivity(@CurrentActor() actor: Actor, @Body() dto: CreateActivityDto) {
    return this.activities.create(actor, dto);
  }

  @Get('activities/:id')
  @ApiOperation({ summary: 'One activity; staff see every sign-up, a resident their own' })
  @ApiDoc('Activity', ID_ERRORS)
  activity(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.activities.detail(actor, id);
  }

  @Post('activities/:id/signup')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign up (residents of the community); 409 when full or already signed up' })
  @ApiDoc('Activity', ACTION_ERRORS)
  signUp(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.activities.signUp(actor, id);
  }

  @Post('activities/:id/check-in')
  @HttpCode(200)
  @ApiOperation({ summary: 'Check a signed-up resident in (staff); points follow once, a repeat changes nothing' })
  @ApiDoc('Activity', ACTION_ERRORS)
  checkIn(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CheckInDto) {
    return this.activities.checkIn(actor, id, dto.userId);
  }
}
