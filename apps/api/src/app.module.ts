import { DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorService } from './access/actor.service';
import { AuthController } from './auth/auth.controller';
import { AuthService } from './auth/auth.service';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { WechatClient } from './auth/wechat.client';
import { RateLimitGuard } from './common/rate-limit.guard';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { OrgController } from './org/org.controller';
import { OrgService } from './org/org.service';
import { TicketActionsService } from './tickets/ticket-actions.service';
import { TicketIntakeService } from './tickets/ticket-intake.service';
import { TicketTransitionService } from './tickets/ticket-transition.service';
import { TicketsQueryService } from './tickets/tickets-query.service';
import { TicketsController } from './tickets/tickets.controller';
import { UploadsController } from './uploads/uploads.controller';
import { UploadsService } from './uploads/uploads.service';
import { MeService } from './users/me.service';

@Global()
@Module({})
class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL)),
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_TTL_SECONDS } }),
      ],
      providers: [{ provide: AppConfig, useValue: config }, ActorService],
      exports: [AppConfig, ActorService, JwtModule],
    };
  }
}

@Module({ controllers: [AuthController], providers: [AuthService, WechatClient, MeService] })
class AuthModule {}

@Module({ controllers: [OrgController], providers: [OrgService], exports: [OrgService] })
class OrgModule {}

@Module({
  imports: [OrgModule],
  controllers: [TicketsController],
  providers: [TicketsQueryService, TicketTransitionService, TicketActionsService, TicketIntakeService],
})
class TicketsModule {}

@Module({ controllers: [UploadsController], providers: [UploadsService] })
class UploadsModule {}

@Module({ controllers: [HealthController] })
class HealthModule {}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(config), AuthModule, OrgModule, TicketsModule, UploadsModule, HealthModule],
      providers: [
        // Order matters: the caller is known before the rate limit picks its bucket key.
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_GUARD, useClass: RateLimitGuard },
      ],
    };
  }
}
