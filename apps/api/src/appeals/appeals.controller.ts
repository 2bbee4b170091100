import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiDoc, ACTION_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiIdempotencyKey, IdempotencyHeader, type IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { IdempotencyService } from '../idempotency/idempotency.service';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { DecideAppealDto, FileAppealDto, ListAppealsQuery } from './appeal.dto';
import { AppealsService } from './appeals.service';

/** 申诉: handlers appeal a 不满意 rating; street staff (or the district) uphold or deny it. */
@ApiTags('appeals')
@ApiBearerAuth()
@Controller()
export class AppealsController {
  constructor(
    private readonly appeals: AppealsService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('tickets/:id/appeals')
  @ApiOperation({ summary: '申诉: the rated handler appeals a 不满意 (within 7 days of the rating), with a reason' })
  @ApiDoc('Appeal', ACTION_ERRORS, { status: 201 })
  @ApiIdempotencyKey()
  file(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: FileAppealDto, @IdempotencyHeader() idem: IdempotentRequest) {
    // The answer is stored with the key inside the appeal's transaction, so a replay always has it.
    return this.idempotency.run(actor, idem, { status: 201, body: dto, perform: (claim) => this.appeals.file(actor, id, dto, claim) });
  }

  @Get('appeals')
  @ApiOperation({ summary: 'Appeals in scope, newest first: the handler’s own, the street’s, or all for the district' })
  @ApiDoc('Appeals', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: ListAppealsQuery) {
    return this.appeals.list(actor, q);
  }

  @Post('appeals/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: '申诉裁定: uphold (the rating leaves 满意率) or deny, with a note; a second decider gets 409' })
  @ApiDoc('Appeal', ACTION_ERRORS)
  @ApiIdempotencyKey()
  decide(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DecideAppealDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.idempotency.run(actor, idem, { status: 200, body: dto, perform: (claim) => this.appeals.decide(actor, id, dto, claim) });
  }
}
