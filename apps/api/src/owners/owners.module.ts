import { Module } from '@nestjs/common';
import { OwnersController } from './owners.controller';
import { OwnersService } from './owners.service';
import { RegisterImportService } from './register-import.service';

@Module({ controllers: [OwnersController], providers: [OwnersService, RegisterImportService], exports: [OwnersService] })
export class OwnersModule {}
