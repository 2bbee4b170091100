import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { readMultipartFile } from '../common/multipart-file.util';
import { ACTION_ERRORS, ApiDoc, ApiMultipartFile, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { RateLimit } from '../common/rate-limit.decorator';
import { BindOwnerDto, ClaimUnitDto, DecideClaimDto } from './owners.dto';
import { OwnersService } from './owners.service';
import { RegisterImportService } from './register-import.service';

/** A register of a few thousand units is well under 1 MB. */
export const REGISTER_MAX_BYTES = 2 * 1024 * 1024;

/** 专有部分 register of a compound and its verified owners (the electorate of 业主大会 votes). */
@ApiTags('owners')
@ApiBearerAuth()
@Controller()
export class OwnersController {
  constructor(
    private readonly owners: OwnersService,
    private readonly imports: RegisterImportService,
  ) {}

  @Post('compounds/:id/register')
  @HttpCode(200)
  @RateLimit('uploads')
  @ApiMultipartFile('the register as CSV (楼栋,房号,建筑面积,业主姓名,证件号码,是否已售), UTF-8 or GBK, at most 2 MB')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'check every row and report, write nothing' })
  @ApiOperation({ summary: 'Import the register (community staff): rows checked one by one; a clean file is written in one transaction, re-import changes nothing' })
  @ApiDoc('RegisterImport', [...ID_ERRORS, 413, 415])
  async importRegister(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Req() req: FastifyRequest, @Query('dryRun') dryRun?: string) {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw ApiException.validation('dryRun', 'dryRun must be true or false');
    // Scope before the upload is read: a caller out of scope learns nothing and sends nothing.
    await this.owners.keeperCompound(actor, id);
    const data = await readMultipartFile(req, REGISTER_MAX_BYTES);
    return this.imports.import(actor, id, data, dryRun === 'true');
  }

  @Get('compounds/:id/register')
  @ApiOperation({ summary: 'The register: staff see areas and owners (names masked except for community staff); residents see the units only' })
  @ApiDoc('Register', ID_ERRORS)
  register(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.owners.register(actor, id);
  }

  @Get('compounds/:id/owner-claims')
  @ApiOperation({ summary: 'Owner claims waiting for the community’s confirmation' })
  @ApiDoc('OwnerLinks', ID_ERRORS)
  claims(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.owners.claims(actor, id);
  }

  @Post('owner-claims')
  @ApiOperation({ summary: '业主认证: a resident says a unit is theirs; community staff confirm before they can vote' })
  @ApiDoc('OwnerLink', [...READ_ERRORS, 409], { status: 201 })
  claim(@CurrentActor() actor: Actor, @Body() dto: ClaimUnitDto) {
    return this.owners.claim(actor, dto.unitId);
  }

  @Post('owner-claims/:id/decision')
  @HttpCode(200)
  @ApiOperation({ summary: 'Community staff confirm (verified) or refuse (rejected) an owner claim; a second decision is 409' })
  @ApiDoc('OwnerLink', ACTION_ERRORS)
  decide(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: DecideClaimDto) {
    return this.owners.decide(actor, id, dto.decision);
  }

  @Post('register-units/:id/owners')
  @HttpCode(200)
  @ApiOperation({ summary: 'Community staff bind a resident as verified owner of a unit directly' })
  @ApiDoc('OwnerLink', ID_ERRORS)
  bind(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: BindOwnerDto) {
    return this.owners.bind(actor, id, dto.userId);
  }

  @Get('me/units')
  @ApiOperation({ summary: 'The caller’s units: verified (they vote) and claims still waiting' })
  @ApiDoc('OwnerLinks', READ_ERRORS)
  mine(@CurrentActor() actor: Actor) {
    return this.owners.mine(actor);
  }
}
