import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsPositive, IsString, Length, Matches } from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';

export class UpdateMeDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 50)
  @IsCleanText()
  displayName?: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'the compound the resident lives in' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  buildingId?: number;
}
