import { createSecretKey, type KeyObject } from 'node:crypto';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActorService } from './access/actor.service';
import { AppConfig } from './config/app-config';
import { dataSourceOptions } from './database/data-source';
import { DeadlineLedger } from './deadlines/deadline-ledger.service';
import { TicketClocks } from './deadlines/ticket-clocks.service';
import { Notifier } from './notifications/notifier.service';
import { ReferenceCache } from './org/reference-cache.service';
import { PointsClock } from './points/points-clock.service';
import { PointsLedger } from './points/points-ledger.service';
import { PointsTicketHook } from './points/points-ticket-hook.service';
import { SlaService } from './sla/sla.service';
import { SubscribeTemplates } from './settings/subscribe-templates.service';

const keys = new Map<string, KeyObject>();
function jwtKey(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) keys.set(secret, (key = createSecretKey(Buffer.from(secret, 'utf8'))));
  return key;
}

const SHARED = [ActorService, SlaService, DeadlineLedger, TicketClocks, Notifier, ReferenceCache, PointsClock, PointsLedger, PointsTicketHook, SubscribeTemplates];

/** What the API and the worker processes share: config, the database, clocks and notices. */
@Global()
@Module({})
export class CoreModule {
  /** `role`: only the API bounds its statements (a request nobody waits for must not hold a connection). */
  static forRoot(config: AppConfig, role: 'api' | 'worker' = 'worker'): DynamicModule {
    return {
      module: CoreModule,
      imports: [
        TypeOrmModule.forRoot(
          dataSourceOptions(config.DATABASE_URL, {
            connectTimeoutMs: config.DATABASE_CONNECT_TIMEOUT_MS,
            statementTimeoutMs: role === 'api' ? config.DATABASE_STATEMENT_TIMEOUT_MS : 0,
            prepare: true,
          }),
        ),
        JwtModule.register({
          // A KeyObject, not the string: jsonwebtoken first tries a string secret as a public key
          // and throws, on every verify — a fifth of the API's CPU per request under load.
          secretOrKeyProvider: () => jwtKey(config.JWT_SECRET),
          signOptions: { expiresIn: config.JWT_TTL_SECONDS, algorithm: 'HS256' },
          verifyOptions: { algorithms: ['HS256'] },
        }),
      ],
      providers: [{ provide: AppConfig, useValue: config }, ...SHARED],
      exports: [AppConfig, JwtModule, ...SHARED],
    };
  }
}
