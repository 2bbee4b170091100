import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { HotlineImportController } from './hotline-import.controller';
import { HotlineImportService } from './hotline-import.service';

/** Bulk intake: the 12345 export, written through the ticket loop's own intake. */
@Module({ imports: [TicketsModule], controllers: [HotlineImportController], providers: [HotlineImportService] })
export class ImportsModule {}
