import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { COMPLAINT_PHONE_PATTERN, DISCLOSURE_BASIS_KINDS, MONEY_PATTERN, type DisclosureBasisKind } from '@red-butler/domain';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, IsOptional, IsPositive, IsString, IsUUID, Length, Matches, Max, ValidateNested } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';

export const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** Amounts arrive as strings so no float ever touches them; a number is refused by @IsString. */
export const MONEY_MESSAGE = 'amount must be a decimal string of yuan with at most two places, e.g. "1.20"';

export class FeeItemDto {
  @ApiProperty({ example: '物业服务费（住宅）', maxLength: 100 })
  @Transform(trim)
  @IsString()
  @Length(1, 100, { message: 'item must be 1–100 characters' })
  @IsCleanText()
  item: string;

  @ApiProperty({ example: '元/平方米·月', maxLength: 30 })
  @Transform(trim)
  @IsString()
  @Length(1, 30, { message: 'unit must be 1–30 characters' })
  @IsCleanText()
  unit: string;

  @ApiProperty({ example: '1.20', pattern: MONEY_PATTERN.source })
  @IsString({ message: MONEY_MESSAGE })
  @Matches(MONEY_PATTERN, { message: MONEY_MESSAGE })
  amount: string;
}

/** The five disclosures as the company's manager writes them. */
export class DisclosureBodyDto {
  @ApiProperty({ description: '服务内容', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'serviceContent must be 1–5000 characters' })
  @IsCleanText({ multiline: true })
  serviceContent: string;

  @ApiProperty({ type: [FeeItemDto], description: '收费标准: item, unit and exact amount per row', minItems: 1, maxItems: 30 })
  @IsArray()
  @ArrayMinSize(1, { message: 'feeItems must have at least 1 row' })
  @ArrayMaxSize(30, { message: 'feeItems must have at most 30 rows' })
  @ValidateNested({ each: true })
  @Type(() => FeeItemDto)
  feeItems: FeeItemDto[];

  @ApiProperty({ enum: DISCLOSURE_BASIS_KINDS, description: '收费依据: the service contract or a price bureau document' })
  @IsIn(DISCLOSURE_BASIS_KINDS, { message: `basisKind must be one of ${DISCLOSURE_BASIS_KINDS.join(', ')}` })
  basisKind: DisclosureBasisKind;

  @ApiProperty({ example: '《银川市物业服务收费管理办法》银发改发〔2023〕12号', maxLength: 2000 })
  @Transform(trim)
  @IsString()
  @Length(1, 2000, { message: 'basisText must be 1–2000 characters' })
  @IsCleanText({ multiline: true })
  basisText: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'an upload of the document (photo or PDF) by the caller' })
  @IsOptional()
  @IsUUID('4', { message: 'basisUploadId must be an upload id' })
  basisUploadId?: string;

  @ApiProperty({ description: '服务承诺', maxLength: 5000 })
  @Transform(trim)
  @IsString()
  @Length(1, 5000, { message: 'commitments must be 1–5000 characters' })
  @IsCleanText({ multiline: true })
  commitments: string;

  @ApiProperty({ example: '0951-5108826', pattern: COMPLAINT_PHONE_PATTERN.source, description: '投诉电话: mobile, landline with area code, 400/800 number or 12345' })
  @Transform(trim)
  @IsString()
  @Matches(COMPLAINT_PHONE_PATTERN, { message: 'complaintPhone must be a mobile (11 digits), a landline with area code (0951-5108826), a 400/800 number or 12345' })
  complaintPhone: string;
}

export class EditDisclosureDto extends DisclosureBodyDto {
  @ApiProperty({ type: 'integer', description: 'the revision the form was loaded at; a stale one is 409' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  revision: number;
}

export class SubmitDisclosureDto {
  @ApiProperty({ type: 'integer', description: 'the revision being submitted; a stale one is 409' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  revision: number;
}

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;

export class ReviewDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'approve: it goes public; reject: with a note saying why' })
  @IsIn(REVIEW_DECISIONS, { message: `decision must be one of ${REVIEW_DECISIONS.join(', ')}` })
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({ example: '收费依据未附价格主管部门文件，请补充', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500, { message: 'note must be 1–500 characters' })
  @IsCleanText({ multiline: true })
  note?: string;
}
