import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { MAX_REPORT_DAYS, REPORT_INTERVALS, type ReportInterval } from '../report-period.util';
import { REPORT_GROUPS, type ReportGroupBy } from '../sla-report.sql';
import { IsPeriodEnd, IsReportDate } from './report-date.validator';
import { ReportScopeQuery } from './report-scope.query';

export class SlaReportQuery extends ReportScopeQuery {
  @ApiProperty({ format: 'date', example: '2026-03-01', description: 'first day, Asia/Shanghai' })
  @IsReportDate()
  from: string;

  @ApiProperty({ format: 'date', example: '2026-03-31', description: `last day (inclusive), Asia/Shanghai; at most ${MAX_REPORT_DAYS} days after from` })
  @IsReportDate()
  @IsPeriodEnd()
  to: string;

  @ApiPropertyOptional({ enum: REPORT_GROUPS, description: 'omitted: one group, the scope itself' })
  @IsOptional()
  @IsIn(REPORT_GROUPS)
  groupBy?: ReportGroupBy;

  @ApiPropertyOptional({ enum: REPORT_INTERVALS, description: 'omitted: one bucket, the whole period (for rankings)' })
  @IsOptional()
  @IsIn(REPORT_INTERVALS)
  interval?: ReportInterval;
}
