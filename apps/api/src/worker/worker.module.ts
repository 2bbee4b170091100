import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { CoreModule } from '../core.module';
import { MetricsModule } from '../metrics/metrics.module';
import { DeadlineEffects } from '../deadlines/deadline-effects.service';
import { DeadlineSweep } from '../deadlines/deadline-sweep.service';
import { PushDelivery } from '../notifications/push-delivery.service';
import { SubscribeMessageSender, WechatSubscribeSender } from '../notifications/subscribe-message.sender';
import { QuarterListsScheduler } from '../rankings/quarter-lists.scheduler';
import { QuarterListsWorkerModule } from '../rankings/rankings.module';
import { ReportsModule } from '../reports/reports.module';
import { UploadsService } from '../uploads/uploads.service';
import { VoteCloseService } from '../votes/vote-close.service';
import { VoteCloseSweep } from '../votes/vote-close.sweep';
import { WorkerHost } from './worker-host.service';
import { AuditPrune } from '../audit/audit-prune.service';
import { CompanyTrail } from '../supervision/company-trail.service';
import { NoticeDeadlines } from '../supervision/notice-deadlines.service';
import { NoticeSweep } from '../supervision/notice-sweep.service';

@Module({})
export class WorkerModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: WorkerModule,
      imports: [CoreModule.forRoot(config), MetricsModule.forRoot('worker'), ReportsModule, QuarterListsWorkerModule],
      providers: [
        DeadlineEffects,
        DeadlineSweep,
        PushDelivery,
        { provide: SubscribeMessageSender, useClass: WechatSubscribeSender },
        QuarterListsScheduler,
        UploadsService,
        VoteCloseService,
        VoteCloseSweep,
        WorkerHost,
        CompanyTrail,
        NoticeDeadlines,
        NoticeSweep,
        AuditPrune,
      ],
    };
  }
}
