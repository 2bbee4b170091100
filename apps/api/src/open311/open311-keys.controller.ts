import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { IssueOpen311KeyDto } from './dto/issue-open311-key.dto';
import { Open311KeysService } from './open311-keys.service';

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only admins manage Open311 API keys');
}

/** Open311 API keys: issued (shown once) and revoked by admins. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/open311-keys')
export class Open311KeysController {
  constructor(private readonly keys: Open311KeysService) {}

  @Post()
  @ApiOperation({ summary: 'Issue a key; the key is in this response only (only its hash is stored)' })
  @ApiDoc('Open311KeyIssued', READ_ERRORS, { status: 201 })
  issue(@CurrentActor() actor: Actor, @Body() dto: IssueOpen311KeyDto) {
    requireAdmin(actor);
    return this.keys.issue(dto.name, actor.userId, dto.scope, dto.purpose ?? null);
  }

  @Get()
  @ApiOperation({ summary: 'Every key, without the key itself' })
  @ApiDoc('Open311Keys', READ_ERRORS)
  async list(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.keys.list() };
  }

  @Delete(':id')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke a key: its requests are refused from now on (tickets it filed stay)' })
  @ApiDoc('Open311KeyRevoked', [...ID_ERRORS, 409])
  revoke(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    requireAdmin(actor);
    return this.keys.revoke(id);
  }
}
