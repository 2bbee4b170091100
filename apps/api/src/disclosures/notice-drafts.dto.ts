import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { BOARD_NOTICE_KINDS, MONEY_PATTERN, type BoardNoticeKind } from '@red-butler/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsOptional, IsPositive, IsString, IsUUID, Length, Matches, Max, ValidateNested } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { MONEY_MESSAGE, trim } from './disclosures.dto';

export class NoticeAmountDto {
  @ApiProperty({ example: '3号楼电梯主板更换', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'item must be 1–100 characters' })
  @IsCleanText()
  item: string;

  @ApiProperty({ example: '18600.00', pattern: MONEY_PATTERN.source, description: 'yuan, exact decimal string' })
  @IsString({ message: MONEY_MESSAGE })
  @Matches(MONEY_PATTERN, { message: MONEY_MESSAGE })
  amount: string;
}

/** A 业委会 notice for the 公示栏; it waits for community review and is never edited. */
export class DraftNoticeDto {
  @ApiProperty({ enum: BOARD_NOTICE_KINDS, description: 'fund_spending: 维修资金使用; public_income: 公共收益及使用' })
  @IsIn(BOARD_NOTICE_KINDS, { message: `kind must be one of ${BOARD_NOTICE_KINDS.join(', ')}` })
  kind: BoardNoticeKind;

  @ApiProperty({ example: '2026年11月维修资金使用公示', maxLength: 200 })
  @Transform(trim)
  @IsString()
  @Length(1, 200, { message: 'title must be 1–200 characters' })
  @IsCleanText()
  title: string;

  @ApiProperty({ maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'body must be 1–5000 characters' })
  @IsCleanText({ multiline: true })
  body: string;

  @ApiProperty({ example: '2026-11', pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'the month the notice covers' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be YYYY-MM' })
  month: string;

  @ApiProperty({ type: [NoticeAmountDto], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1, { message: 'amounts must have at least 1 row' })
  @ArrayMaxSize(50, { message: 'amounts must have at most 50 rows' })
  @ValidateNested({ each: true })
  @Type(() => NoticeAmountDto)
  amounts: NoticeAmountDto[];

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 9, description: 'photos or PDFs the caller uploaded' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(9, { message: 'attachmentIds must have at most 9 entries' })
  @ArrayUnique({ message: 'attachmentIds must be different from each other' })
  @IsUUID('4', { each: true, message: 'each attachmentId must be an upload id' })
  attachmentIds?: string[];

  @ApiPropertyOptional({ type: 'integer', description: 'the published notice this one corrects (更正)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  correctsId?: number;
}
