import { Body, Controller, Get, HttpStatus, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { hasRole, type Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { SubscribeTemplatesDto } from './dto/subscribe-templates.dto';
import { SubscribeTemplates } from './subscribe-templates.service';

function requireAdmin(actor: Actor): void {
  if (!hasRole(actor, 'admin')) throw new ApiException(HttpStatus.FORBIDDEN, 'FORBIDDEN', 'only admins manage subscribe-message templates');
}

/** 订阅消息模板: the WeChat template ids the pushes use, set by admins over the env defaults. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/subscribe-templates')
export class SubscribeTemplatesController {
  constructor(private readonly templates: SubscribeTemplates) {}

  @Get()
  @ApiOperation({ summary: 'Each subscribe template: the id in force and whether it comes from a setting or the env' })
  @ApiDoc('SubscribeTemplateSettings', READ_ERRORS)
  async list(@CurrentActor() actor: Actor) {
    requireAdmin(actor);
    return { items: await this.templates.list() };
  }

  @Put()
  @ApiOperation({ summary: 'Set template ids (null: back to the env default); the next push uses them' })
  @ApiDoc('SubscribeTemplateSettings', READ_ERRORS)
  async set(@CurrentActor() actor: Actor, @Body() dto: SubscribeTemplatesDto) {
    requireAdmin(actor);
    await this.templates.set({ status: dto.status, visit: dto.visit }, actor.userId);
    return { items: await this.templates.list() };
  }
}
