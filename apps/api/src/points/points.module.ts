import { Module } from '@nestjs/common';
import { ActivitiesService } from './activities.service';
import { PointsController } from './points.controller';
import { PointsService } from './points.service';
import { ShopService } from './shop.service';

/** The ledger, its clock and the ticket hook live in CoreModule: ticket steps write points too. */
@Module({ controllers: [PointsController], providers: [PointsService, ShopService, ActivitiesService] })
export class PointsModule {}
