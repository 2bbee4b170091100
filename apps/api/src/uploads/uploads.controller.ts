import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiDoc, ApiMultipartFile, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { readMultipartFile } from '../common/multipart-file.util';
import { CurrentActor } from '../common/current-actor.decorator';
import { RateLimit } from '../common/rate-limit.decorator';
import { UploadsService } from './uploads.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@ApiTags('uploads')
@ApiBearerAuth()
@Controller('uploads')
export class UploadsController {
  constructor(private readonly uploads: UploadsService) {}

  @Post()
  @RateLimit('uploads')
  @ApiMultipartFile('JPEG, PNG or WebP (at most UPLOAD_MAX_BYTES), or a PDF without active content (at most 5 MB)')
  @ApiOperation({ summary: 'Upload one photo (field "file"): JPEG/PNG/WebP, ≤ 10 MB, EXIF removed; or a PDF for 五公开/公示栏 (≤ 5 MB, no scripts/actions/embedded files)' })
  @ApiDoc('Upload', [...READ_ERRORS, 413, 415], { status: 201 })
  async upload(@CurrentActor() actor: Actor, @Req() req: FastifyRequest) {
    return this.uploads.store(actor, await readMultipartFile(req));
  }

  @Get(':id')
  @ApiOperation({ summary: 'A photo or PDF, for its uploader, whoever may see its ticket, or the readers of the 五公开/公示栏 it is attached to' })
  @ApiParam({ name: 'id', schema: { type: 'string', format: 'uuid' } })
  @ApiDoc('Photo', ID_ERRORS, { contentTypes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] })
  async read(@CurrentActor() actor: Actor, @Param('id') id: string, @Res() reply: FastifyReply) {
    if (!UUID.test(id)) throw ApiException.validation('id', 'id must be a UUID');
    const photo = await this.uploads.read(actor, id);
    void reply
      .header('content-type', photo.mimeType)
      .header('cache-control', 'private, max-age=86400')
      .header('x-content-type-options', 'nosniff')
      .send(photo.data);
  }
}
