import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { MessageCentre } from './message-centre.service';
import { SubscribeConsentsDto } from './subscribe-consent.dto';

/** 消息 for every role: the caller's own notifications grouped by ticket, and WeChat consent. */
@ApiTags('messages')
@ApiBearerAuth()
@Controller('messages')
export class MessagesController {
  constructor(private readonly centre: MessageCentre) {}

  @Get()
  @ApiQuery({ name: 'cursor', required: false, schema: { type: 'integer', format: 'int64', minimum: 1 }, description: 'nextCursor of the previous page' })
  @ApiOperation({ summary: 'My messages grouped by ticket, the most recently active first' })
  @ApiDoc('MessageThreads', READ_ERRORS)
  threads(@CurrentActor() actor: Actor, @Query('cursor') cursor?: string) {
    if (cursor !== undefined && !/^[1-9]\d{0,17}$/.test(cursor)) throw ApiException.validation('cursor', 'cursor must be a message id');
    return this.centre.threads(actor.userId, cursor ?? null);
  }

  @Get('unread')
  @ApiOperation({ summary: 'My unread counts, in total (the badge) and per ticket' })
  @ApiDoc('MessageUnread', READ_ERRORS)
  unread(@CurrentActor() actor: Actor) {
    return this.centre.unread(actor.userId);
  }

  @Post('tickets/:id/read')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark all my messages on one ticket read (idempotent)' })
  @ApiDoc('NotificationsMarked', ID_ERRORS)
  readTicket(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.centre.readTicket(actor.userId, id);
  }

  @Get('consent')
  @ApiOperation({ summary: 'The subscribe-message templates (ids for Taro.requestSubscribeMessage) and my last answers' })
  @ApiDoc('SubscribeConsents', READ_ERRORS)
  consents(@CurrentActor() actor: Actor) {
    return this.centre.consents(actor.userId);
  }

  @Put('consent')
  @ApiOperation({ summary: 'Record my answers to the subscribe-message prompt (or an opt-in from settings)' })
  @ApiDoc('SubscribeConsents', READ_ERRORS)
  recordConsents(@CurrentActor() actor: Actor, @Body() dto: SubscribeConsentsDto) {
    return this.centre.recordConsents(actor.userId, dto.answers);
  }
}
