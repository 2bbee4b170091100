import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { ReportScopeQuery } from './report-scope.query';

export class OverdueReportQuery extends ReportScopeQuery {
  @ApiPropertyOptional({ type: 'integer', default: 100, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  @Max(500)
  limit?: number;
}
