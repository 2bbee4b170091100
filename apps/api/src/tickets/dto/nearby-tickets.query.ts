import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive, Max } from 'class-validator';
import { MAX_ID } from './create-ticket.dto';

/** Where a report is being written: by coordinates, by building, or both. */
export class NearbyTicketsQuery {
  @ApiProperty({ type: 'integer' })
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  categoryId: number;

  @ApiPropertyOptional({ example: 38.4872, description: 'with lng: open tickets within 100 m' })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat?: number;

  @ApiPropertyOptional({ example: 106.2309 })
  @IsOptional()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the compound of buildingId (checked when given)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'open tickets in the same building' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  buildingId?: number;
}
