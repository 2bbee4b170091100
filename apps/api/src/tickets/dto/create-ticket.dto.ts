import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, SITE_PLAN_LIMITS, type Channel } from '@red-butler/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive,
  IsString, IsUUID, Length, Matches, Max, MaxLength, Min, ValidateNested,
} from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';

export const MAX_ID = 2_147_483_647;
export const MAX_PHOTOS = 9;
/** A mobile (11 digits) or a landline with its area code, digits only. */
export const PHONE = /^(1\d{10}|0\d{9,11})$/;
/** 12345 case numbers as the provincial platforms print them: letters, digits, '-' and '_'. */
export const HOTLINE_CASE_NO = /^[A-Za-z0-9][A-Za-z0-9_-]{3,39}$/;

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
  @IsCleanText()
  address?: string;
}

/** A point on the compound's 小区平面图 (plan units ≈ metres, y down). */
export class PlanPointDto {
  @ApiProperty({ example: 120.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(SITE_PLAN_LIMITS.maxSize)
  x: number;

  @ApiProperty({ example: 48 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(SITE_PLAN_LIMITS.maxSize)
  y: number;
}

export class CreateTicketDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  categoryId: number;

  @ApiProperty({ example: '6号楼东侧井盖丢失，晚上很危险' })
  @IsString()
  @Length(2, 1000)
  @IsCleanText({ multiline: true })
  description: string;

  @ApiPropertyOptional({ type: 'integer', description: 'defaults to the reporter’s own compound' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer' })
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

  @ApiPropertyOptional({ type: PlanPointDto, description: 'where on the compound’s 小区平面图 (GET /compounds/{id}/plan); the building under it is taken when buildingId is not given' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PlanPointDto)
  planPoint?: PlanPointDto;

  @ApiPropertyOptional({ type: [String], description: 'ids from POST /uploads, at most 9' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  photoIds?: string[];

  @ApiPropertyOptional({ enum: CHANNELS, description: 'a resident: mini_program (the default) or h5, the client they report from; staff entering a case: hotline_12345, walk_in, grid_patrol' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ example: '13812345678', description: 'the number to call back' })
  @IsOptional()
  @Matches(PHONE, { message: 'reporterPhone must be a mobile (11 digits) or landline with area code' })
  reporterPhone?: string;

  @ApiPropertyOptional({ example: 'NX2611250012', description: 'hotline_12345 only, and required there: the 12345 case number (工单编号)' })
  @IsOptional()
  @Matches(HOTLINE_CASE_NO, { message: 'hotlineCaseNo must be 4–40 letters, digits, - or _' })
  hotlineCaseNo?: string;

  @ApiPropertyOptional({ example: '2026-11-25T09:30:00+08:00', description: 'hotline_12345 only: when the resident called 12345' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'calledAt must be an ISO 8601 date-time' })
  calledAt?: string;

  @ApiPropertyOptional({ example: '张秀英', description: 'staff channels only: the resident’s name as given' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @IsCleanText()
  callerName?: string;
}
