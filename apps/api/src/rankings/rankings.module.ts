import { Module } from '@nestjs/common';
import { ReportsModule } from '../reports/reports.module';
import { QuarterListsService } from './quarter-lists.service';
import { RankingsController } from './rankings.controller';
import { RankingService } from './ranking.service';

@Module({
  imports: [ReportsModule],
  controllers: [RankingsController],
  providers: [RankingService, QuarterListsService],
  exports: [RankingService, QuarterListsService],
})
export class RankingsModule {}

/** What the worker needs to publish the lists: the services, no HTTP controllers. */
@Module({
  imports: [ReportsModule],
  providers: [RankingService, QuarterListsService],
  exports: [QuarterListsService],
})
export class QuarterListsWorkerModule {}
