import { Controller, Get, Query } from '@nestjs/common';
import { ApiDoc, ID_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { OverdueReportQuery } from './dto/overdue-report.query';
import { SlaReportQuery } from './dto/sla-report.query';
import { OverdueReportService } from './overdue-report.service';
import { SlaReportService } from './sla-report.service';

/** 督办报表: read by supervisors, street and community staff over their own unit, and admins. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportsController {
  constructor(
    private readonly sla: SlaReportService,
    private readonly overdue: OverdueReportService,
  ) {}

  @Get('sla')
  @ApiOperation({ summary: 'SLA figures per group and bucket with totals; every figure’s definition is in the answer' })
  @ApiDoc('SlaReport', [...ID_ERRORS])
  slaReport(@CurrentActor() actor: Actor, @Query() q: SlaReportQuery) {
    return this.sla.report(actor, q);
  }

  @Get('overdue')
  @ApiOperation({ summary: 'Legs open past their deadline in scope, longest overdue first, with who holds them; then the warned legs (预警) not yet due, soonest first' })
  @ApiDoc('OverdueReport', [...ID_ERRORS])
  overdueList(@CurrentActor() actor: Actor, @Query() q: OverdueReportQuery) {
    return this.overdue.list(actor, q);
  }
}
