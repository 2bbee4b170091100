import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SITE_PLAN_LIMITS } from '@red-butler/domain';
import { IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive, Max, Min } from 'class-validator';
import { MAX_ID } from './create-ticket.dto';
import { StrictDecimal, StrictInt } from '../../common/strict-number.transform';

/** Where a report is being written: by coordinates, by building, or both. */
export class NearbyTicketsQuery {
  @ApiProperty({ type: 'integer' })
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  categoryId: number;

  @ApiPropertyOptional({ example: 38.4872, description: 'with lng: open tickets within 100 m' })
  @IsOptional()
  @StrictDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat?: number;

  @ApiPropertyOptional({ example: 106.2309 })
  @IsOptional()
  @StrictDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the compound of buildingId (checked when given)' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'open tickets in the same building' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  buildingId?: number;

  @ApiPropertyOptional({ example: 120.5, description: 'with planY and compoundId: open tickets within 20 plan units on the compound’s 小区平面图' })
  @IsOptional()
  @StrictDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(SITE_PLAN_LIMITS.maxSize)
  planX?: number;

  @ApiPropertyOptional({ example: 48 })
  @IsOptional()
  @StrictDecimal()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(SITE_PLAN_LIMITS.maxSize)
  planY?: number;
}
