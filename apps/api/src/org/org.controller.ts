import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiDoc, ID_ERRORS, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { OrgService } from './org.service';

@ApiTags('org')
@ApiBearerAuth()
@Controller()
export class OrgController {
  constructor(private readonly org: OrgService) {}

  @Get('categories')
  @ApiOperation({ summary: 'Categories a resident can report, with priority and owning department' })
  @ApiDoc('Categories', READ_ERRORS)
  async categories() {
    return { items: await this.org.categories() };
  }

  @Get('org/compounds')
  @ApiQuery({ name: 'q', required: false })
  @ApiOperation({ summary: 'Compounds (with buildings) within the caller’s scope' })
  @ApiDoc('Compounds', READ_ERRORS)
  async compounds(@CurrentActor() actor: Actor, @Query('q') q?: string) {
    return { items: await this.org.compounds(actor, typeof q === 'string' ? q.slice(0, 50) : undefined) };
  }

  @Get('org/companies')
  @ApiOperation({ summary: 'Property companies (dispatch targets)' })
  @ApiDoc('Organizations', READ_ERRORS)
  async companies() {
    return { items: await this.org.organizations('property_company') };
  }

  @Get('org/departments')
  @ApiOperation({ summary: 'Departments (吹哨 targets)' })
  @ApiDoc('Organizations', READ_ERRORS)
  async departments() {
    return { items: await this.org.organizations('department') };
  }

  @Get('org/organizations/:id/members')
  @ApiOperation({ summary: 'Workers of the caller’s company or department (assignee picker)' })
  @ApiDoc('Members', ID_ERRORS)
  async members(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return { items: await this.org.members(actor, id) };
  }
}
