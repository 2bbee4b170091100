import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiDoc, ACTION_ERRORS, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RateLimit } from '../common/rate-limit.decorator';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { AcceptDto, CancelDto, DispatchDto, EscalateDto, MergeDto, NoteDto, RateDto, ReasonDto, VisitDto } from './dto/ticket-actions.dto';
import { TicketActionsService } from './ticket-actions.service';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketsQueryService } from './tickets-query.service';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_\-:.]{8,100}$/;

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly intake: TicketIntakeService,
    private readonly query: TicketsQueryService,
    private readonly actions: TicketActionsService,
  ) {}

  @Post()
  @RateLimit('reports')
  @ApiOperation({ summary: '点单: report a problem; a retry with the same Idempotency-Key returns the same ticket' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–100 of [A-Za-z0-9_-:.], e.g. a UUID' })
  @ApiDoc('Created', [...READ_ERRORS, 409], { status: 201, description: 'created (200 when an Idempotency-Key replays)' })
  async create(
    @CurrentActor() actor: Actor,
    @Body() dto: CreateTicketDto,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw ApiException.validation('Idempotency-Key', 'Idempotency-Key must be 8–100 characters of A-Z a-z 0-9 _ - : .');
    }
    const created = await this.intake.create(actor, dto, key);
    void reply.status(created.replayed ? 200 : 201);
    if (created.replayed) void reply.header('idempotent-replayed', 'true');
    return created;
  }

  @Get()
  @ApiOperation({ summary: 'Tickets in the caller’s scope, newest first, cursor-paginated' })
  @ApiDoc('TicketPage', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: ListTicketsQuery) {
    return this.query.list(actor, q);
  }

  @Get(':id')
  @ApiOperation({ summary: 'Detail, timeline and the actions the caller may take' })
  @ApiDoc('TicketDetail', ID_ERRORS)
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.query.detail(actor, id);
  }

  @Get(':id/dispatch-targets')
  @ApiOperation({ summary: 'The companies 派单 accepts for this ticket: contracted for its compound today, or the district’s 国企兜底' })
  @ApiDoc('DispatchTargets', ID_ERRORS)
  dispatchTargets(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.query.dispatchTargets(actor, id);
  }

  @Post(':id/dispatch')
  @HttpCode(200)
  @ApiOperation({ summary: '派单 to a company, or 吹哨 to a department' })
  @ApiDoc('TicketDetail', [...ACTION_ERRORS, 422])
  async dispatch(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DispatchDto) {
    await this.actions.dispatch(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @ApiOperation({ summary: '吹哨: put an open ticket to a department' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async escalate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EscalateDto) {
    await this.actions.escalate(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退单: not our remit — back to the community' })
  @ApiDoc('TicketDetailOrReturned', ACTION_ERRORS)
  async return(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto) {
    await this.actions.return(actor, id, dto.reason);
    return this.detailOrGone(actor, id);
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '接单, optionally assigning a worker' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AcceptDto) {
    await this.actions.accept(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'A progress note with photos (no status change)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async progress(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: NoteDto) {
    await this.actions.progress(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '办结 with a note and after-photos' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async resolve(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: NoteDto) {
    await this.actions.resolve(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/rate')
  @HttpCode(200)
  @ApiOperation({ summary: '回访: 满意/基本满意 close, 不满意 reopens to the same handler' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async rate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: RateDto) {
    await this.actions.rate(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'The reporter withdraws the report (before acceptance)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async cancel(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CancelDto = {}) {
    await this.actions.cancel(actor, id, dto?.reason);
    return this.query.detail(actor, id);
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理, with a reason' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async reject(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto) {
    await this.actions.reject(actor, id, dto.reason);
    return this.query.detail(actor, id);
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate into another open ticket' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async merge(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: MergeDto) {
    await this.actions.merge(actor, id, dto);
    return this.query.detail(actor, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({ summary: '挂起: stop the resolve clock with a reason (ends by itself after the policy maximum)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async pause(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto) {
    await this.actions.pause(actor, id, dto.reason);
    return this.query.detail(actor, id);
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart the resolve clock with the time that was left' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async resume(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    await this.actions.resume(actor, id);
    return this.query.detail(actor, id);
  }

  @Post(':id/visit')
  @HttpCode(200)
  @ApiOperation({ summary: '电话回访: record a phone return visit (reached, rating, comment)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  async visit(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VisitDto) {
    await this.actions.visit(actor, id, dto);
    return this.query.detail(actor, id);
  }

  /** After a return the company no longer holds the ticket, so it may not see it any more. */
  private async detailOrGone(actor: Actor, id: number) {
    try {
      return await this.query.detail(actor, id);
    } catch (error) {
      if (error instanceof ApiException && error.code === 'NOT_FOUND') return { id, returned: true };
      throw error;
    }
  }
}
