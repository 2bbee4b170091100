import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { DisclosureBoardService } from './disclosure-board.service';
import { DisclosureBodyDto, EditDisclosureDto, ReviewDto, SubmitDisclosureDto } from './disclosures.dto';
import { DisclosuresService } from './disclosures.service';
import { DraftNoticeDto } from './notice-drafts.dto';
import { NoticeDraftsService } from './notice-drafts.service';
import { ReviewQueueService } from './review-queue.service';

/** 五公开 (the serving company's five disclosures) and the 业委会's 公示栏 drafts, both reviewed by the community. */
@ApiTags('disclosures')
@ApiBearerAuth()
@Controller()
export class DisclosuresController {
  constructor(
    private readonly disclosures: DisclosuresService,
    private readonly board: DisclosureBoardService,
    private readonly notices: NoticeDraftsService,
    private readonly queue: ReviewQueueService,
  ) {}

  @Get('compounds/:id/disclosure')
  @ApiOperation({ summary: 'The public 五公开 of the compound: the latest approved version of the company serving it now (null if none)' })
  @ApiDoc('PublicDisclosure', ID_ERRORS)
  current(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.disclosures.current(actor, id);
  }

  @Get('compounds/:id/disclosures')
  @ApiOperation({ summary: 'Every 五公开 version of the compound, newest first (company and staff)' })
  @ApiDoc('DisclosureVersions', ID_ERRORS)
  versions(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.disclosures.versions(actor, id);
  }

  @Post('compounds/:id/disclosures')
  @ApiOperation({ summary: 'Draft a new 五公开 version (a manager of the serving company); one open version per compound, else 409' })
  @ApiDoc('Disclosure', ACTION_ERRORS, { status: 201 })
  create(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DisclosureBodyDto) {
    return this.disclosures.create(actor, id, dto);
  }

  @Get('disclosures/:id')
  @ApiOperation({ summary: 'One 五公开 version with who and when for each step' })
  @ApiDoc('Disclosure', ID_ERRORS)
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.disclosures.detail(actor, id);
  }

  @Put('disclosures/:id')
  @ApiOperation({ summary: 'Edit a draft version; revision guards against a stale form (409)' })
  @ApiDoc('Disclosure', ACTION_ERRORS)
  edit(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: EditDisclosureDto) {
    return this.disclosures.edit(actor, id, dto);
  }

  @Post('disclosures/:id/submit')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft version for community review' })
  @ApiDoc('Disclosure', ACTION_ERRORS)
  submit(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: SubmitDisclosureDto) {
    return this.disclosures.submit(actor, id, dto);
  }

  @Post('disclosures/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '社区审核: approve (it goes public) or reject with a note; a second review is 409' })
  @ApiDoc('Disclosure', ACTION_ERRORS)
  review(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewDto) {
    return this.disclosures.review(actor, id, dto);
  }

  @Get('disclosures/:id/trail')
  @ApiOperation({ summary: 'The append-only steps of a version: draft, each edit, submit, review' })
  @ApiDoc('DisclosureTrail', ID_ERRORS)
  trail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.disclosures.trailOf(actor, id);
  }

  @Get('disclosure-board')
  @ApiOperation({ summary: 'Compounds in scope with their 五公开 state: missing, stale (public version over a year old), current' })
  @ApiDoc('DisclosureBoard', READ_ERRORS)
  boardView(@CurrentActor() actor: Actor) {
    return this.board.board(actor);
  }

  @Get('disclosure-reviews')
  @ApiOperation({ summary: 'The community’s review queue: 五公开 versions and 公示栏 drafts waiting for it' })
  @ApiDoc('DisclosureReviewQueue', READ_ERRORS)
  reviews(@CurrentActor() actor: Actor) {
    return this.queue.queue(actor);
  }

  @Post('compounds/:id/notice-drafts')
  @ApiOperation({ summary: 'A 业委会 member drafts a 公示栏 notice (amounts, month, attachments; correctsId for a correction); it waits for review' })
  @ApiDoc('NoticeDraft', ACTION_ERRORS, { status: 201 })
  draftNotice(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DraftNoticeDto) {
    return this.notices.draft(actor, id, dto);
  }

  @Get('compounds/:id/notice-drafts')
  @ApiOperation({ summary: 'The compound’s 公示栏 drafts, newest first (业委会 and staff)' })
  @ApiDoc('NoticeDrafts', ID_ERRORS)
  noticeDrafts(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notices.list(actor, id);
  }

  @Get('notice-drafts/:id')
  @ApiOperation({ summary: 'One 公示栏 draft with its review' })
  @ApiDoc('NoticeDraft', ID_ERRORS)
  noticeDraft(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.notices.detail(actor, id);
  }

  @Post('notice-drafts/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '社区审核 of a 公示栏 draft: approve publishes it (immutable), reject with a note; a second review is 409' })
  @ApiDoc('NoticeDraft', ACTION_ERRORS)
  reviewNotice(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewDto) {
    return this.notices.review(actor, id, dto);
  }
}
