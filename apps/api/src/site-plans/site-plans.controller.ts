import { Body, Controller, Get, Headers, Param, Put, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ACTION_ERRORS, ApiDoc, ApiJsonBody, ID_ERRORS } from '../common/openapi/api-doc.decorator';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { SitePlanDto } from './site-plan.dto';
import { planEtag, type StoredPlan } from './site-plan.store';
import { SitePlansService } from './site-plans.service';

const view = (p: StoredPlan) => ({ compoundId: p.compoundId, revision: p.revision, updatedAt: p.updatedAt, plan: p.plan });

@ApiTags('site-plans')
@ApiBearerAuth()
@Controller()
export class SitePlansController {
  constructor(private readonly plans: SitePlansService) {}

  @Get('compounds/:id/plan')
  @ApiOperation({ summary: 'The compound’s 小区平面图 (residents of it, its area staff, its serving company, admins); ETag / If-None-Match → 304' })
  @ApiResponse({ status: 304, description: 'the plan is unchanged since the ETag sent in If-None-Match' })
  @ApiDoc('CompoundPlan', ID_ERRORS)
  async read(
    @CurrentActor() actor: Actor,
    @Param('id', ParseIdPipe) id: number,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const stored = await this.plans.read(actor, id);
    const etag = planEtag(stored);
    // Private: the scope check runs on every request; a cache may keep it but must ask again.
    void reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').map((s) => s.trim()).includes(etag)) {
      void reply.status(304);
      return undefined;
    }
    return view(stored);
  }

  @Get('compounds/:id/plan/tickets')
  @ApiOperation({ summary: 'Open tickets of the compound with a plan point, within the caller’s scope: pins for the staff map' })
  @ApiDoc('CompoundPlanPins', ID_ERRORS)
  pins(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number) {
    return this.plans.pins(actor, id);
  }

  @Put('admin/compounds/:id/plan')
  @ApiOperation({ summary: 'Upload or replace the compound’s 小区平面图 (admins); 400 names the first bad field' })
  @ApiJsonBody('SitePlan')
  @ApiDoc('CompoundPlan', ACTION_ERRORS)
  async save(@CurrentActor() actor: Actor, @Param('id', ParseIdPipe) id: number, @Body() dto: SitePlanDto) {
    return view(await this.plans.save(actor, id, { ...dto }));
  }
}
