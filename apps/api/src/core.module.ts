import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorService } from './access/actor.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { DeadlineLedger } from './deadlines/deadline-ledger.service';
import { TicketClocks } from './deadlines/ticket-clocks.service';
import { Notifier } from './notifications/notifier.service';
import { SlaService } from './sla/sla.service';

const SHARED = [ActorService, SlaService, DeadlineLedger, TicketClocks, Notifier];

/** What the API and the worker processes share: config, the database, clocks and notices. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(dataSourceOptions(config.DATABASE_URL)),
        JwtModule.register({ secret: config.JWT_SECRET, signOptions: { expiresIn: config.JWT_TTL_SECONDS } }),
      ],
      providers: [{ provide: AppConfig, useValue: config }, ...SHARED],
      exports: [AppConfig, JwtModule, ...SHARED],
    };
  }
}
