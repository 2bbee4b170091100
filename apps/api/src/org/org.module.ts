import { Module } from '@nestjs/common';
import { CategoryAdminController } from './category-admin.controller';
import { OrgController } from './org.controller';
import { OrgService } from './org.service';

@Module({ controllers: [OrgController, CategoryAdminController], providers: [OrgService], exports: [OrgService] })
export class OrgModule {}
