import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { StrictInt } from '../common/strict-number.transform';
import { POINTS_RULE_KINDS, type PointsRuleKind } from './points-rule.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MAX_INT = 2_147_483_647;

export class SetRuleDto {
  @ApiProperty({ type: 'integer', description: 'a district (admins: district-wide) or a community (its staff)' })
  @IsInt()
  @IsPositive()
  @Max(MAX_INT)
  orgUnitId: number;

  @ApiProperty({ enum: POINTS_RULE_KINDS })
  @IsIn(POINTS_RULE_KINDS, { message: `kind must be one of ${POINTS_RULE_KINDS.join(', ')}` })
  kind: PointsRuleKind;

  @ApiProperty({ type: 'integer', description: 'points per event, or per hour for activity_hour', minimum: 0, maximum: 1000 })
  @IsInt()
  @Min(0)
  @Max(1000)
  points: number;

  @ApiProperty({ type: 'integer', description: 'most points one person earns by this rule in one day (Asia/Shanghai)', minimum: 0, maximum: 10000 })
  @IsInt()
  @Min(0)
  @Max(10000)
  dailyCap: number;
}

export class CreateShopItemDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(MAX_INT)
  communityId: number;

  @ApiProperty({ example: '洗衣液 2kg', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'name must be 1–100 characters' })
  @IsCleanText()
  name: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 100000 })
  @IsInt()
  @Min(1)
  @Max(100000)
  price: number;

  @ApiProperty({ type: 'integer', minimum: 0, maximum: 100000 })
  @IsInt()
  @Min(0)
  @Max(100000)
  stock: number;
}

export class CreateActivityDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(MAX_INT)
  communityId: number;

  @ApiProperty({ example: '小区环境集体劳动', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'title must be 1–100 characters' })
  @IsCleanText()
  title: string;

  @ApiProperty({ example: '湖畔嘉苑南门', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'place must be 1–100 characters' })
  @IsCleanText()
  place: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt: string;

  @ApiProperty({ type: 'number', description: 'hours credited to each attendee, in steps of 0.5', example: 2, minimum: 0.5, maximum: 24 })
  @IsIn(Array.from({ length: 48 }, (_, i) => (i + 1) / 2), { message: 'hours must be 0.5–24 in steps of 0.5' })
  hours: number;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: 10000 })
  @IsInt()
  @Min(1)
  @Max(10000)
  capacity: number;
}

export class CheckInDto {
  @ApiProperty({ type: 'integer', description: 'the signed-up resident who attended' })
  @IsInt()
  @IsPositive()
  @Max(MAX_INT)
  userId: number;
}

export class ParticipationQuery {
  @ApiPropertyOptional({ format: 'date', description: 'first day (Asia/Shanghai), default 30 days ago' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'last day (Asia/Shanghai), default today' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;
}

export class RulesQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_INT)
  orgUnitId?: number;
}
