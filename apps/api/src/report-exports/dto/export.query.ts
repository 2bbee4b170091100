import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { RankingQuery } from '../../rankings/dto/ranking.query';
import { SlaReportQuery } from '../../reports/dto/sla-report.query';
import { EXPORT_FORMATS, type ExportFormat } from '../export-table';

export class SlaExportQuery extends SlaReportQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

export class RankingExportQuery extends RankingQuery {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}
