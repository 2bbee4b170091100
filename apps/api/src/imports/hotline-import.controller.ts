import { Controller, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiDoc, ApiMultipartFile, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { readMultipartFile } from '../common/multipart-file.util';
import { RateLimit } from '../common/rate-limit.decorator';
import { HotlineImportService } from './hotline-import.service';

/** A 12345 export of a few thousand rows is well under 1 MB; 2 MB leaves room and bounds the work. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

@ApiTags('imports')
@ApiBearerAuth()
@Controller('imports')
export class HotlineImportController {
  constructor(private readonly imports: HotlineImportService) {}

  @Post('hotline')
  @HttpCode(200)
  @RateLimit('uploads')
  @ApiMultipartFile('the 12345 export as CSV, UTF-8 or GBK, at most 2 MB')
  @ApiQuery({ name: 'dryRun', required: false, enum: ['true', 'false'], description: 'check every row and report, write nothing' })
  @ApiOperation({ summary: '12345 export (CSV, field "file", UTF-8 or GBK, ≤ 2 MB): per row created / skipped / refused; one transaction' })
  @ApiDoc('HotlineImport', [...READ_ERRORS, 413, 415])
  async hotline(@CurrentActor() actor: Actor, @Req() req: FastifyRequest, @Query('dryRun') dryRun?: string) {
    if (dryRun !== undefined && dryRun !== 'true' && dryRun !== 'false') throw ApiException.validation('dryRun', 'dryRun must be true or false');
    const data = await readMultipartFile(req, IMPORT_MAX_BYTES);
    return this.imports.import(actor, data, dryRun === 'true');
  }
}
