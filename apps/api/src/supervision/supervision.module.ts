import { Module } from '@nestjs/common';
import { CompanyTrail } from './company-trail.service';
import { ConsequencesService } from './consequences.service';
import { NoticeStepsService } from './notice-steps.service';
import { NoticesService } from './notices.service';
import { SupervisionController } from './supervision.controller';
import { TrailsService } from './trails.service';

@Module({ controllers: [SupervisionController], providers: [CompanyTrail, NoticesService, NoticeStepsService, ConsequencesService, TrailsService] })
export class SupervisionModule {}
