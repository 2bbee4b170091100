import { Module } from '@nestjs/common';
import { DisclosureBoardService } from './disclosure-board.service';
import { DisclosureClock } from './disclosure.clock';
import { DisclosuresController } from './disclosures.controller';
import { DisclosuresService } from './disclosures.service';
import { NoticeDraftsService } from './notice-drafts.service';
import { ReviewQueueService } from './review-queue.service';

@Module({ controllers: [DisclosuresController], providers: [DisclosureClock, DisclosuresService, DisclosureBoardService, NoticeDraftsService, ReviewQueueService] })
export class DisclosuresModule {}
