import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { StrictInt } from '../common/strict-number.transform';
import { DISTRICT_IMPORT_KINDS, type DistrictImportKind } from './import-kinds';
import { ORG_CHANGE_ENTITIES, type OrgChangeEntity } from './org-change.entity';
import { TEMPLATE_FORMATS, type TemplateFormat } from './template.util';

const kindMessage = { message: `kind must be one of ${DISTRICT_IMPORT_KINDS.join(', ')}` };

export class TemplateQuery {
  @ApiProperty({ enum: DISTRICT_IMPORT_KINDS, description: 'org: 组织架构; companies: 物业公司; contracts: 物业服务合同; departments: 职能部门' })
  @IsIn(DISTRICT_IMPORT_KINDS, kindMessage)
  kind: DistrictImportKind;

  @ApiProperty({ enum: TEMPLATE_FORMATS })
  @IsIn(TEMPLATE_FORMATS, { message: 'format must be csv or xlsx' })
  format: TemplateFormat;
}

export class DistrictImportQuery {
  @ApiProperty({ enum: DISTRICT_IMPORT_KINDS })
  @IsIn(DISTRICT_IMPORT_KINDS, kindMessage)
  kind: DistrictImportKind;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'run every row and report, then roll back: nothing is written' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'dryRun must be true or false' })
  dryRun?: 'true' | 'false';
}

export class OrgUnitsQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'the unit whose children to list; omitted: the top of what the admin maintains' })
  @IsOptional() @StrictInt() @IsInt({ message: 'parentId must be an id' }) @IsPositive() @Max(2_147_483_647)
  parentId?: number;
}

export class ContractsQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'one compound’s contracts; omitted: all within reach' })
  @IsOptional() @StrictInt() @IsInt({ message: 'compoundId must be an id' }) @IsPositive() @Max(2_147_483_647)
  compoundId?: number;
}

export class HistoryQuery {
  @ApiProperty({ enum: ORG_CHANGE_ENTITIES })
  @IsIn(ORG_CHANGE_ENTITIES, { message: `entity must be one of ${ORG_CHANGE_ENTITIES.join(', ')}` })
  entity: OrgChangeEntity;

  @ApiProperty({ type: 'integer' })
  @StrictInt() @IsInt({ message: 'entityId must be an id' }) @IsPositive() @Max(2_147_483_647)
  entityId: number;
}
