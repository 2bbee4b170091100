import { Module } from '@nestjs/common';
import { SubscribeTemplatesController } from './subscribe-templates.controller';

/** Admin-editable settings; SubscribeTemplates itself is shared (CoreModule): the worker sends with it. */
@Module({ controllers: [SubscribeTemplatesController] })
export class SettingsModule {}
