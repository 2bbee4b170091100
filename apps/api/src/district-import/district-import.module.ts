import { Module } from '@nestjs/common';
import { DistrictEditService } from './district-edit.service';
import { DistrictImportController } from './district-import.controller';
import { DistrictImportService } from './district-import.service';

/** The district's reference data from its spreadsheets, and its edits with history (issue #12). */
@Module({ controllers: [DistrictImportController], providers: [DistrictImportService, DistrictEditService] })
export class DistrictImportModule {}
