import { Module } from '@nestjs/common';
import { IdempotencyModule } from '../idempotency/idempotency.module';
import { AppealsController } from './appeals.controller';
import { AppealsService } from './appeals.service';

@Module({ imports: [IdempotencyModule], controllers: [AppealsController], providers: [AppealsService], exports: [AppealsService] })
export class AppealsModule {}
