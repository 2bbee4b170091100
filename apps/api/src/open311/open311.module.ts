import { Module } from '@nestjs/common';
import { TicketsModule } from '../tickets/tickets.module';
import { Open311KeysController } from './open311-keys.controller';
import { Open311KeysService } from './open311-keys.service';
import { Open311LocationService } from './open311-location.service';
import { Open311RequestsService } from './open311-requests.service';
import { Open311ServicesService } from './open311-services.service';
import { Open311Controller } from './open311.controller';

/** Open311 GeoReport v2 (/open311/v2) and the admin API for its keys (/api/admin/open311-keys). */
@Module({
  imports: [TicketsModule],
  controllers: [Open311Controller, Open311KeysController],
  providers: [
    Open311KeysService, Open311ServicesService, Open311LocationService, Open311RequestsService,
  ],
})
export class Open311Module {}
