import { Module } from '@nestjs/common';
import { OverdueReportService } from './overdue-report.service';
import { ReportRollupService } from './report-rollup.service';
import { ReportScopeService } from './report-scope.service';
import { ReportsController } from './reports.controller';
import { SlaReportService } from './sla-report.service';

@Module({
  controllers: [ReportsController],
  providers: [ReportScopeService, SlaReportService, OverdueReportService, ReportRollupService],
  exports: [ReportScopeService, SlaReportService, ReportRollupService],
})
export class ReportsModule {}
