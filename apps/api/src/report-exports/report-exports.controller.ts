import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiDoc, ID_ERRORS } from '../common/openapi/api-doc.decorator';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { RankingService } from '../rankings/ranking.service';
import { SlaReportService } from '../reports/sla-report.service';
import { SlaExportQuery, RankingExportQuery } from './dto/export.query';
import { CONTENT_TYPES, contentDisposition, toCsv, toXlsx, type ExportFormat, type ExportTable } from './export-table';
import { rankingExportTable } from './ranking-export';
import { slaExportTable } from './sla-export';

/** The reports as files for the monthly meeting: the same answers as the JSON endpoints, same scope rules. */
@ApiTags('reports')
@ApiBearerAuth()
@Controller('reports')
export class ReportExportsController {
  constructor(
    private readonly sla: SlaReportService,
    private readonly rankings: RankingService,
  ) {}

  @Get('sla/export')
  @ApiOperation({ summary: 'GET /api/reports/sla as CSV (UTF-8 with BOM) or XLSX, Chinese headers, scope and period in the title' })
  @ApiDoc('ExportFile', ID_ERRORS, { contentTypes: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx] })
  async slaExport(@CurrentActor() actor: Actor, @Query() q: SlaExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const { format, ...query } = q;
    const table = slaExportTable(await this.sla.report(actor, query));
    return this.send(reply, table, format, `sla-report-${q.from}-${q.to}`, `SLA报表_${table.title.split(' ')[0]}_${q.from}_${q.to}`);
  }

  @Get('ranking/export')
  @ApiOperation({ summary: 'GET /api/reports/ranking as CSV or XLSX, with the formula under the table' })
  @ApiDoc('ExportFile', ID_ERRORS, { contentTypes: [CONTENT_TYPES.csv, CONTENT_TYPES.xlsx] })
  async rankingExport(@CurrentActor() actor: Actor, @Query() q: RankingExportQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const ranking = await this.rankings.ranking(actor, q.quarter, q.scopeId);
    const table = rankingExportTable(ranking);
    return this.send(reply, table, q.format, `ranking-${q.quarter}`, `星级评定_${ranking.scope.name}_${q.quarter}`);
  }

  private async send(reply: FastifyReply, table: ExportTable, format: ExportFormat, asciiName: string, name: string): Promise<Buffer> {
    const body = format === 'csv' ? toCsv(table) : await toXlsx(table);
    void reply.header('content-type', CONTENT_TYPES[format]);
    void reply.header('content-disposition', contentDisposition(`${asciiName}.${format}`, `${name}.${format}`));
    void reply.header('cache-control', 'no-store');
    return body;
  }
}
