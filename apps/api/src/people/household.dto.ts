import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, Length, Max, ValidateIf } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { HOUSEHOLD_BINDING_STATUSES, HOUSEHOLD_TENURES, type HouseholdBindingStatus, type HouseholdTenure } from './household-binding.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class RequestHouseholdDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  compoundId: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  buildingId: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the unit of the compound’s register; an owner names it or types its 房号 in room' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  unitId?: number;

  @ApiPropertyOptional({ example: '2-601', description: '单元-室; for an owner, the 房号 exactly as the register writes it' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 32)
  @IsCleanText()
  room?: string;

  @ApiProperty({ enum: HOUSEHOLD_TENURES, description: 'owner (业主) or tenant (租户)' })
  @IsIn(HOUSEHOLD_TENURES, { message: `tenure must be one of ${HOUSEHOLD_TENURES.join(', ')}` })
  tenure: HouseholdTenure;
}

/** Staff bind a resident directly; the compound is the path's. */
export class BindHouseholdDto extends OmitType(RequestHouseholdDto, ['compoundId'] as const) {
  @ApiProperty({ type: 'integer', description: 'the resident account to bind' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  userId: number;
}

export const HOUSEHOLD_DECISIONS = ['approved', 'refused'] as const;

export class DecideHouseholdDto {
  @ApiProperty({ enum: HOUSEHOLD_DECISIONS })
  @IsIn(HOUSEHOLD_DECISIONS, { message: `decision must be one of ${HOUSEHOLD_DECISIONS.join(', ')}` })
  decision: (typeof HOUSEHOLD_DECISIONS)[number];

  @ApiPropertyOptional({ example: '经核实，该户业主不是申请人', description: 'required when refusing; shown to the resident' })
  @ValidateIf((o: DecideHouseholdDto) => o.decision === 'refused' || o.reason !== undefined)
  @Transform(trim)
  @IsString({ message: 'reason is required when refusing' })
  @Length(2, 200, { message: 'reason must be 2–200 characters' })
  @IsCleanText()
  reason?: string;
}

export class ListHouseholdQuery {
  @ApiPropertyOptional({ enum: HOUSEHOLD_BINDING_STATUSES, description: 'default: requested' })
  @IsOptional()
  @IsIn(HOUSEHOLD_BINDING_STATUSES, { message: `status must be one of ${HOUSEHOLD_BINDING_STATUSES.join(', ')}` })
  status?: HouseholdBindingStatus;
}
