import { Module } from '@nestjs/common';
import { MessageCentre } from './message-centre.service';
import { MessagesController } from './messages.controller';

@Module({ controllers: [MessagesController], providers: [MessageCentre] })
export class MessagesModule {}
