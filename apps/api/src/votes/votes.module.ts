import { Module } from '@nestjs/common';
import { BallotsService } from './ballots.service';
import { VoteCloseService } from './vote-close.service';
import { VotesController } from './votes.controller';
import { VotesService } from './votes.service';

@Module({ controllers: [VotesController], providers: [VotesService, BallotsService, VoteCloseService], exports: [VoteCloseService] })
export class VotesModule {}
