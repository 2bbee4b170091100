import { Module } from '@nestjs/common';
import { RankingsModule } from '../rankings/rankings.module';
import { ReportsModule } from '../reports/reports.module';
import { ReportExportsController } from './report-exports.controller';

@Module({ imports: [ReportsModule, RankingsModule], controllers: [ReportExportsController] })
export class ReportExportsModule {}
