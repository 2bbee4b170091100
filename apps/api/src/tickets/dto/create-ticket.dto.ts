import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, type Channel } from '@red-butler/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive,
  IsString, IsUUID, Length, Matches, Max, MaxLength, ValidateNested,
} from 'class-validator';

export const MAX_ID = 2_147_483_647;
export const MAX_PHOTOS = 9;

export class LocationDto {
  @ApiProperty({ example: 38.4872 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat: number;

  @ApiProperty({ example: 106.2309 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng: number;

  @ApiPropertyOptional({ example: '金凤区湖畔嘉苑6号楼东侧' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

export class CreateTicketDto {
  @ApiProperty()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  categoryId: number;

  @ApiProperty({ example: '6号楼东侧井盖丢失，晚上很危险' })
  @IsString()
  @Length(2, 1000)
  description: string;

  @ApiPropertyOptional({ description: 'defaults to the reporter’s own compound' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  compoundId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  buildingId?: number;

  @ApiPropertyOptional({ type: LocationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationDto)
  location?: LocationDto;

  @ApiPropertyOptional({ type: [String], description: 'ids from POST /uploads, at most 9' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  photoIds?: string[];

  @ApiPropertyOptional({ enum: CHANNELS, description: 'staff entering a case: hotline_12345, walk_in, grid_patrol' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: '13812345678', description: 'the number to call back' })
  @IsOptional()
  @Matches(/^(1\d{10}|0\d{9,11})$/, { message: 'reporterPhone must be a mobile (11 digits) or landline with area code' })
  reporterPhone?: string;
}
