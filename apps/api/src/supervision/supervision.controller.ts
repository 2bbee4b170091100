import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ConsequencesService } from './consequences.service';
import { NoticeStepsService } from './notice-steps.service';
import { NoticesService } from './notices.service';
import { AnswerNoticeDto, DowngradeDto, ExitDto, IssueNoticeDto, ListNoticesQuery, VerifyNoticeDto } from './supervision.dto';
import { TrailsService } from './trails.service';

/** 督导整改 → 降级 → 清退: notices to property companies, their answers, and what follows. */
@ApiTags('supervision')
@ApiBearerAuth()
@Controller('supervision')
export class SupervisionController {
  constructor(
    private readonly notices: NoticesService,
    private readonly steps: NoticeStepsService,
    private readonly consequences: ConsequencesService,
    private readonly trails: TrailsService,
  ) {}

  @Post('notices')
  @ApiOperation({ summary: '下发督导通知: supervisors (district) or street staff (their street) to a company, for one compound or all it serves in scope' })
  @ApiDoc('SupervisionNotice', [...ID_ERRORS, 422], { status: 201 })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssueNoticeDto) {
    return this.notices.issue(actor, dto);
  }

  @Get('notices')
  @ApiOperation({ summary: 'Notices in scope, newest first: the company’s own, the street’s, the district’s' })
  @ApiDoc('SupervisionNotices', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: ListNoticesQuery) {
    return this.notices.list(actor, q);
  }

  @Get('notices/:id')
  @ApiOperation({ summary: 'One notice with its answers, linked tickets, downgrades and the caller’s allowed actions' })
  @ApiDoc('SupervisionNotice', ID_ERRORS)
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notices.detail(actor, id);
  }

  @Post('notices/:id/answers')
  @ApiOperation({ summary: '整改答复: the company’s property manager, with photos, before the deadline; again after a rejection' })
  @ApiDoc('SupervisionNotice', ACTION_ERRORS, { status: 201 })
  answer(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: AnswerNoticeDto) {
    return this.steps.answer(actor, id, dto);
  }

  @Post('notices/:id/verification')
  @HttpCode(200)
  @ApiOperation({ summary: '核验: the issuing desk accepts the answer, or rejects it with a reason (the deadline runs on)' })
  @ApiDoc('SupervisionNotice', ACTION_ERRORS)
  verify(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: VerifyNoticeDto) {
    return this.steps.verify(actor, id, dto);
  }

  @Post('notices/:id/downgrades')
  @ApiOperation({ summary: '降级: an overdue notice takes stars off the company for its compounds from the next quarter’s ranking on' })
  @ApiDoc('SupervisionNotice', ACTION_ERRORS, { status: 201 })
  downgrade(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DowngradeDto) {
    return this.consequences.downgrade(actor, id, dto);
  }

  @Post('exits')
  @ApiOperation({ summary: '清退: district supervisors end a company’s contract with a compound from a date, optionally with a successor' })
  @ApiDoc('CompanyExit', [...ID_ERRORS, 422], { status: 201 })
  exit(@CurrentActor() actor: Actor, @Body() dto: ExitDto) {
    return this.consequences.exit(actor, dto);
  }

  @Get('exits/:id')
  @ApiOperation({ summary: 'A 清退 with the compound’s open tickets still with the old company (to re-dispatch)' })
  @ApiDoc('CompanyExit', ID_ERRORS)
  exitView(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.consequences.exitView(actor, id);
  }

  @Get('companies/:id/trail')
  @ApiOperation({ summary: 'A company’s full trail: notices, answers, verdicts, overdue, 督办, downgrades, exits' })
  @ApiDoc('CompanyTrail', ID_ERRORS)
  companyTrail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.trails.company(actor, id);
  }

  @Get('compounds/:id/trail')
  @ApiOperation({ summary: 'What happened to the companies serving a compound, in summary (its residents and staff over it)' })
  @ApiDoc('CompoundTrail', ID_ERRORS)
  compoundTrail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.trails.compound(actor, id);
  }
}
