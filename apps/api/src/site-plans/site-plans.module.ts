import { Module } from '@nestjs/common';
import { SitePlansController } from './site-plans.controller';
import { SitePlansService } from './site-plans.service';

@Module({ controllers: [SitePlansController], providers: [SitePlansService] })
export class SitePlansModule {}
