import { ApiProperty } from '@nestjs/swagger';
import { quarterPeriod } from '@red-butler/domain';
import { ValidateBy } from 'class-validator';
import { ReportScopeQuery } from '../../reports/dto/report-scope.query';

/** 'YYYYQn', a quarter between 2000 and 2100. */
export function IsQuarter() {
  return ValidateBy({
    name: 'isQuarter',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && quarterPeriod(value) !== null,
      defaultMessage: () => 'quarter must be written YYYYQn, e.g. 2026Q4',
    },
  });
}

export class RankingQuery extends ReportScopeQuery {
  @ApiProperty({ pattern: '^\\d{4}Q[1-4]$', example: '2026Q4', description: 'a calendar quarter, Asia/Shanghai' })
  @IsQuarter()
  quarter: string;
}
