import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, ACTION_ERRORS, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RateLimit } from '../common/rate-limit.decorator';
import { ApiIdempotencyKey, IdempotencyHeader, type IdempotentRequest } from '../idempotency/idempotency-key.decorator';
import { IdempotencyService } from '../idempotency/idempotency.service';
import type { KeyClaim } from '../idempotency/key-claim';
import { CreateTicketDto } from './dto/create-ticket.dto';
import { ListTicketsQuery } from './dto/list-tickets.query';
import { AcceptDto, CancelDto, DispatchDto, EscalateDto, MergeDto, NoteDto, PauseDecisionDto, RateDto, ReasonDto, ReassignDto, SuperviseDto, VisitDto } from './dto/ticket-actions.dto';
import { TicketActionsService } from './ticket-actions.service';
import { TicketIntakeService } from './ticket-intake.service';
import { TicketPauseApprovalService } from './ticket-pause-approval.service';
import { TicketSuperviseService } from './ticket-supervise.service';
import { TicketsQueryService } from './tickets-query.service';

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly intake: TicketIntakeService,
    private readonly query: TicketsQueryService,
    private readonly actions: TicketActionsService,
    private readonly idempotency: IdempotencyService,
    private readonly superviseService: TicketSuperviseService,
    private readonly pauseApproval: TicketPauseApprovalService,
  ) {}

  @Post()
  @RateLimit('reports')
  @ApiOperation({ summary: '点单: report a problem; a retry with the same Idempotency-Key returns the same ticket' })
  @ApiDoc('Created', [...READ_ERRORS, 409, 422], { status: 201, description: 'created (200 when an Idempotency-Key replays)' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8–100 of [A-Za-z0-9_-:.], e.g. a UUID; a retry is answered 200 with the ticket made the first time (201) and `idempotent-replayed: true`' })
  async create(@CurrentActor() actor: Actor, @Body() dto: CreateTicketDto, @IdempotencyHeader() idem: IdempotentRequest) {
    const created = await this.intake.create(actor, dto, idem.key);
    void idem.reply.status(created.replayed ? 200 : 201);
    if (created.replayed) void idem.reply.header('idempotent-replayed', 'true');
    return created;
  }

  @Get()
  @ApiOperation({
    summary: 'Tickets in the caller’s scope: search, filters, newest first or by deadline, keyset-paginated',
    description: 'Send `nextCursor` back as `cursor` with the same filters and sort; every page costs the same, and tickets arriving meanwhile never shift a page.',
  })
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
  @ApiIdempotencyKey()
  dispatch(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DispatchDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.dispatch(actor, id, dto, claim));
  }

  @Post(':id/escalate')
  @HttpCode(200)
  @ApiOperation({ summary: '吹哨: put an open ticket to a department' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  escalate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EscalateDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.escalate(actor, id, dto, claim));
  }

  @Post(':id/return')
  @HttpCode(200)
  @ApiOperation({ summary: '退单: not our remit — back to the community' })
  @ApiDoc('TicketDetailOrReturned', ACTION_ERRORS)
  @ApiIdempotencyKey()
  return(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.return(actor, id, dto.reason, claim), () => this.detailOrGone(actor, id));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @ApiOperation({ summary: '接单, optionally assigning a worker' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  accept(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AcceptDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.accept(actor, id, dto, claim));
  }

  @Post(':id/progress')
  @HttpCode(200)
  @ApiOperation({ summary: 'A progress note with photos (no status change)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  progress(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: NoteDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.progress(actor, id, dto, claim));
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @ApiOperation({ summary: '办结 with a note and after-photos' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  resolve(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: NoteDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.resolve(actor, id, dto, claim));
  }

  @Post(':id/rate')
  @HttpCode(200)
  @ApiOperation({ summary: '回访: 满意/基本满意 close, 不满意 reopens to the same handler' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  rate(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: RateDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.rate(actor, id, dto, claim));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'The reporter withdraws the report (before acceptance)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  cancel(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CancelDto = {}, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.cancel(actor, id, dto?.reason, claim));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @ApiOperation({ summary: '不予受理, with a reason' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  reject(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.reject(actor, id, dto.reason, claim));
  }

  @Post(':id/merge')
  @HttpCode(200)
  @ApiOperation({ summary: 'Merge a duplicate into another open ticket' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  merge(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: MergeDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.merge(actor, id, dto, claim));
  }

  @Post(':id/reassign')
  @HttpCode(200)
  @ApiOperation({ summary: '改派: hand an accepted ticket to another worker of the handling organization (manager)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  reassign(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReassignDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.reassign(actor, id, dto, claim));
  }

  @Post(':id/supervise')
  @HttpCode(200)
  @ApiOperation({
    summary: '督办: a supervisor’s reminder on the timeline, sent to whoever holds the ticket',
    description: 'One per ticket per hour: another within the hour is 429 SUPERVISE_TOO_SOON with `details[0].nextAllowedAt`.',
  })
  @ApiDoc('SuperviseResult', [...ACTION_ERRORS, 429])
  supervise(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: SuperviseDto) {
    return this.superviseService.supervise(actor, id, dto ?? {});
  }

  @Post(':id/pause')
  @HttpCode(200)
  @ApiOperation({
    summary: '挂起: stop the resolve clock with a reason (ends by itself after the policy maximum)',
    description: 'Where the SLA policy has pauseNeedsApproval, this files a 挂起申请 instead (pauseRequest on the detail) and the clock runs until the community approves it.',
  })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  async pause(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReasonDto, @IdempotencyHeader() idem: IdempotentRequest) {
    // Where the policy needs the community's approval the 挂起 is a request and the clock runs on.
    if (await this.pauseApproval.needsApproval(id)) return this.step(actor, id, idem, dto, () => this.pauseApproval.request(actor, id, dto.reason));
    return this.step(actor, id, idem, dto, (claim) => this.actions.pause(actor, id, dto.reason, claim));
  }

  @Post(':id/pause-decision')
  @HttpCode(200)
  @ApiOperation({ summary: '挂起审批: the community approves (the resolve clock stops) or refuses the pending 挂起申请' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  pauseDecision(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: PauseDecisionDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, () => this.pauseApproval.decide(actor, id, dto.approve, dto.note));
  }

  @Post(':id/resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart the resolve clock with the time that was left' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  resume(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, {}, (claim) => this.actions.resume(actor, id, claim));
  }

  @Post(':id/visit')
  @HttpCode(200)
  @ApiOperation({ summary: '电话回访: record a phone return visit (reached, rating, comment)' })
  @ApiDoc('TicketDetail', ACTION_ERRORS)
  @ApiIdempotencyKey()
  visit(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VisitDto, @IdempotencyHeader() idem: IdempotentRequest) {
    return this.step(actor, id, idem, dto, (claim) => this.actions.visit(actor, id, dto, claim));
  }

  /**
   * One ticket action: done once per Idempotency-Key (the key is recorded in the step's transaction)
   * and answered with the ticket's detail; a retry gets the first answer back.
   */
  private step<T = Awaited<ReturnType<TicketsQueryService['detail']>>>(
    actor: Actor,
    id: number,
    idem: IdempotentRequest,
    body: unknown,
    act: (claim: KeyClaim | undefined) => Promise<void>,
    answer: () => Promise<T> = () => this.query.detail(actor, id) as Promise<T>,
  ): Promise<T> {
    return this.idempotency.run(actor, idem, {
      status: 200,
      body,
      perform: async (claim) => {
        await act(claim);
        return answer();
      },
      answerNow: answer,
    });
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
