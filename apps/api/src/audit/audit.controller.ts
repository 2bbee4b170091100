import { Controller, Get, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../common/current-actor.decorator';
import { ApiDoc, READ_ERRORS } from '../common/openapi/api-doc.decorator';
import { CONTENT_TYPES, contentDisposition, toCsv } from '../report-exports/export-table';
import { AuditQuery } from './audit.dto';
import { AuditQueryService, EXPORT_MAX_ROWS } from './audit-query.service';

/** 操作日志 for admins (a street admin: the entries of their street's people). */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/audit')
export class AuditController {
  constructor(private readonly audit: AuditQueryService) {}

  @Get()
  @ApiOperation({ summary: 'Admin actions, newest first, with filters; kept 190 days' })
  @ApiDoc('AuditPage', READ_ERRORS)
  list(@CurrentActor() actor: Actor, @Query() q: AuditQuery) {
    return this.audit.page(actor, q);
  }

  @Get('export')
  @ApiOperation({ summary: `The same entries as CSV (UTF-8 with BOM, formula-like text neutralised), at most ${EXPORT_MAX_ROWS} rows` })
  @ApiDoc('ExportFile', READ_ERRORS, { contentTypes: [CONTENT_TYPES.csv] })
  async export(@CurrentActor() actor: Actor, @Query() q: AuditQuery, @Res({ passthrough: true }) reply: FastifyReply) {
    const entries = await this.audit.all(actor, q);
    const body = toCsv({
      title: '操作日志',
      sheet: '操作日志',
      columns: ['编号', '时间', '操作人ID', '操作人', '方法', '接口', '对象ID', '内容摘要', 'IP', '状态码', '错误码'].map((header) => ({ header, kind: 'text' as const })),
      rows: entries.map((e) => [
        String(e.id), new Date(e.at).toISOString(), e.actor ? String(e.actor.id) : null, e.actor?.displayName ?? null, e.method, e.route,
        e.targetId, e.body === null ? null : JSON.stringify(e.body), e.ip, String(e.status), e.errorCode,
      ]),
    });
    void reply.header('content-type', CONTENT_TYPES.csv);
    void reply.header('content-disposition', contentDisposition('audit-log.csv', '操作日志.csv'));
    void reply.header('cache-control', 'no-store');
    return body;
  }
}
