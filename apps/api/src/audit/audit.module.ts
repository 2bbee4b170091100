import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditLog } from './audit-log.service';
import { AuditQueryService } from './audit-query.service';

/** 操作日志: the global interceptor that writes it and the admin routes that read it. */
@Module({
  controllers: [AuditController],
  providers: [AuditLog, AuditQueryService, { provide: APP_INTERCEPTOR, useClass: AuditInterceptor }],
})
export class AuditModule {}
