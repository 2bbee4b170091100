import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { BallotsService } from './ballots.service';
import { CastBallotDto, DraftVoteDto, ListVotesQuery, ReviewVoteDto } from './votes.dto';
import { VotesService } from './votes.service';

/** 业主大会 votes (Civil Code art. 278) and the compound's 公示栏 where their results are published. */
@ApiTags('votes')
@ApiBearerAuth()
@Controller()
export class VotesController {
  constructor(
    private readonly votes: VotesService,
    private readonly ballots: BallotsService,
  ) {}

  @Post('votes')
  @ApiOperation({ summary: 'Draft a vote (业委会 or community staff of the compound); it waits for community review' })
  @ApiDoc('Vote', READ_ERRORS, { status: 201 })
  draft(@CurrentActor() actor: Actor, @Body() dto: DraftVoteDto) {
    return this.votes.draft(actor, dto);
  }

  @Get('votes')
  @ApiOperation({ summary: 'Votes the caller may see, newest first: residents see approved ones of their compound' })
  @ApiDoc('Votes', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: ListVotesQuery) {
    return this.votes.list(actor, q);
  }

  @Get('votes/:id')
  @ApiOperation({ summary: 'One vote with the caller’s units and their ballots; the result once closed' })
  @ApiDoc('Vote', ID_ERRORS)
  detail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.votes.detail(actor, id);
  }

  @Post('votes/:id/review')
  @HttpCode(200)
  @ApiOperation({ summary: '社区审核: approve (opens at opensAt) or reject with a note; a second review is 409' })
  @ApiDoc('Vote', ACTION_ERRORS)
  review(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: ReviewVoteDto) {
    return this.votes.review(actor, id, dto);
  }

  @Post('votes/:id/ballots')
  @HttpCode(200)
  @ApiOperation({ summary: 'Vote for a unit: its verified owner (mini_program), or staff entering a paper/on-site ballot; a later ballot replaces an earlier one' })
  @ApiDoc('Ballot', ACTION_ERRORS)
  cast(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: CastBallotDto) {
    return this.ballots.cast(actor, id, dto);
  }

  @Get('votes/:id/trail')
  @ApiOperation({ summary: 'The vote’s append-only trail: drafting, review, every ballot submission, the close' })
  @ApiDoc('VoteTrail', ID_ERRORS)
  trail(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.votes.trail(actor, id);
  }

  @Get('compounds/:id/notices')
  @ApiOperation({ summary: 'The compound’s 公示栏: published notices (vote results), immutable' })
  @ApiDoc('CompoundNotices', ID_ERRORS)
  notices(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.votes.notices(actor, id);
  }
}
