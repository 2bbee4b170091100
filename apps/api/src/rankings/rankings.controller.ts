import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiDoc, ID_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ListCorrectionDto } from './dto/list-correction.dto';
import { RankingQuery } from './dto/ranking.query';
import { QuarterListsService } from './quarter-lists.service';
import { RankingService } from './ranking.service';

/** 星级评定 and 红黑榜: read by whoever reads reports, corrected by district supervisors. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class RankingsController {
  constructor(
    private readonly rankings: RankingService,
    private readonly lists: QuarterListsService,
  ) {}

  @Get('ranking')
  @ApiOperation({ summary: 'Property companies of the scope ranked for a quarter: score, stars or 样本不足, and the formula' })
  @ApiDoc('QuarterRanking', ID_ERRORS)
  ranking(@CurrentActor() actor: Actor, @Query() q: RankingQuery) {
    return this.rankings.ranking(actor, q.quarter, q.scopeId);
  }

  @Get('lists')
  @ApiOperation({ summary: 'The 红黑榜 of a quarter for the caller’s district: the current version and every earlier one' })
  @ApiDoc('QuarterLists', ID_ERRORS)
  quarterLists(@CurrentActor() actor: Actor, @Query() q: RankingQuery) {
    return this.lists.get(actor, q.quarter, q.scopeId);
  }

  @Post('lists/corrections')
  @ApiOperation({ summary: 'District supervisors: publish a corrected version from the current data, keeping the old one' })
  @ApiDoc('QuarterListVersion', [...ID_ERRORS, 409], { status: 201 })
  correct(@CurrentActor() actor: Actor, @Body() body: ListCorrectionDto) {
    return this.lists.correct(actor, body.quarter, body.reason, body.scopeId);
  }
}
