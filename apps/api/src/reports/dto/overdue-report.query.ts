import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { ReportScopeQuery } from './report-scope.query';
import { StrictInt } from '../../common/strict-number.transform';

export class OverdueReportQuery extends ReportScopeQuery {
  @ApiPropertyOptional({ type: 'integer', default: 100, maximum: 500 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(500)
  limit?: number;
}
