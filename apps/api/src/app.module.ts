import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { QueueBoardController } from './admin/queue-board.controller';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { DemoAccountsCheck } from './auth/demo-accounts.check';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { LoginThrottle } from './auth/login-throttle.service';
import { WechatClient } from './auth/wechat.client';
import { NulByteGuard } from './common/nul-byte.guard';
import { RateLimitGuard } from './common/rate-limit.guard';
import { RateLimitModule } from './common/rate-limit.module';
import { AppConfig } from './config/app-config';
import { CoreModule } from './core.module';
import { DatabaseCircuit } from './database/database-circuit.service';
import { OverdueBoardController } from './deadlines/overdue-board.controller';
import { HealthModule as HealthChecksModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { MetricsModule } from './metrics/metrics.module';
import { NotificationsController } from './notifications/notifications.controller';
import { MessagesModule } from './notifications/messages.module';
import { SlaController } from './sla/sla.controller';
import { VisitsController } from './visits/visits.controller';
import { Open311Module } from './open311/open311.module';
import { OrgModule } from './org/org.module';
import { SettingsModule } from './settings/settings.module';
import { OwnersModule } from './owners/owners.module';
import { VotesModule } from './votes/votes.module';
import { DisclosuresModule } from './disclosures/disclosures.module';
import { PointsModule } from './points/points.module';
import { DistrictImportModule } from './district-import/district-import.module';
import { SitePlansModule } from './site-plans/site-plans.module';
import { ReportsModule } from './reports/reports.module';
import { TicketsModule } from './tickets/tickets.module';
import { RankingsModule } from './rankings/rankings.module';
import { SupervisionModule } from './supervision/supervision.module';
import { ReportExportsModule } from './report-exports/report-exports.module';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsService } from './uploads/uploads.service';
import { MeService } from './users/me.service';
import { PeopleModule } from './people/people.module';
import { AuditModule } from './audit/audit.module';

@Module({ controllers: [AuthController], providers: [AuthService, LoginThrottle, WechatClient, MeService, DemoAccountsCheck] })
class AuthModule {}

@Module({ controllers: [UploadsController], providers: [UploadsService] })
class UploadsModule {}

@Module({ imports: [HealthChecksModule], controllers: [QueueBoardController] })
class HealthModule {}

@Module({ controllers: [NotificationsController, VisitsController, SlaController, OverdueBoardController] })
class DeadlinesApiModule {}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config, 'api'), MetricsModule.forRoot('api'), RateLimitModule, AuthModule, OrgModule, TicketsModule, UploadsModule, HealthModule, DeadlinesApiModule, ReportsModule, RankingsModule, ReportExportsModule, Open311Module, ImportsModule, OwnersModule, VotesModule, SupervisionModule, MessagesModule, DisclosuresModule, PointsModule, SettingsModule, PeopleModule, AuditModule, DistrictImportModule, SitePlansModule],
      providers: [
        DatabaseCircuit,
        // Order matters: the caller is known before the rate limit picks its bucket key.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
        { provide: APP_GUARD, useClass: NulByteGuard },
      ],
    };
  }
}
