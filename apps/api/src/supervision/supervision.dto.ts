import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  NOTICE_DAYS_MAX, NOTICE_PHOTOS_MAX, NOTICE_STATUSES, NOTICE_TEXT_MAX, NOTICE_TICKETS_MAX, type NoticeStatus,
} from '@red-butler/domain';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsPositive, IsString, IsUUID, Length, Matches, Max, Min,
} from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { StrictInt } from '../common/strict-number.transform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const INT_MAX = 2_147_483_647;
const QUARTER = /^\d{4}Q[1-4]$/;

export class IssueNoticeDto {
  @ApiProperty({ type: 'integer', description: 'the property company (organizations.id)' })
  @IsInt() @IsPositive() @Max(INT_MAX)
  organizationId: number;

  @ApiPropertyOptional({ type: 'integer', description: 'one compound; omitted: every compound the company serves in the issuer’s scope' })
  @IsOptional() @IsInt() @IsPositive() @Max(INT_MAX)
  compoundId?: number;

  @ApiProperty({ example: '9号楼电梯多次报修超期未修复，居民评价不满意', maxLength: NOTICE_TEXT_MAX })
  @Transform(trim) @IsString() @Length(5, NOTICE_TEXT_MAX, { message: `problem must be 5–${NOTICE_TEXT_MAX} characters` }) @IsCleanText({ multiline: true })
  problem: string;

  @ApiProperty({ example: '5个工作日内修复电梯并提交维保记录和现场照片', maxLength: NOTICE_TEXT_MAX })
  @Transform(trim) @IsString() @Length(5, NOTICE_TEXT_MAX, { message: `expected must be 5–${NOTICE_TEXT_MAX} characters` }) @IsCleanText({ multiline: true })
  expected: string;

  @ApiProperty({ type: 'integer', minimum: 1, maximum: NOTICE_DAYS_MAX, description: '限期: working days on the shared working calendar' })
  @IsInt() @Min(1) @Max(NOTICE_DAYS_MAX)
  workingDays: number;

  @ApiPropertyOptional({ type: [Number], description: 'the company’s tickets in scope the notice is about (e.g. overdue or 不满意 ones)' })
  @IsOptional() @IsArray() @ArrayMaxSize(NOTICE_TICKETS_MAX) @ArrayUnique() @IsInt({ each: true }) @IsPositive({ each: true }) @Max(INT_MAX, { each: true })
  ticketIds?: number[];

  @ApiPropertyOptional({ example: '2026Q3', description: 'the quarter whose 黑榜 lists the company' })
  @IsOptional() @IsString() @Matches(QUARTER, { message: 'blackListQuarter must be written YYYYQn' })
  blackListQuarter?: string;
}

export class AnswerNoticeDto {
  @ApiProperty({ example: '已更换电梯曳引机并完成年检，附维保记录', maxLength: NOTICE_TEXT_MAX })
  @Transform(trim) @IsString() @Length(2, NOTICE_TEXT_MAX, { message: `body must be 2–${NOTICE_TEXT_MAX} characters` }) @IsCleanText({ multiline: true })
  body: string;

  @ApiPropertyOptional({ type: [String], format: 'uuid', description: 'the caller’s own uploads (POST /api/uploads)' })
  @IsOptional() @IsArray() @ArrayMaxSize(NOTICE_PHOTOS_MAX) @ArrayUnique() @IsUUID('all', { each: true, message: 'photoIds must be upload ids' })
  photoIds?: string[];
}

export const VERDICTS = ['accepted', 'rejected'] as const;

export class VerifyNoticeDto {
  @ApiProperty({ enum: VERDICTS })
  @IsIn(VERDICTS, { message: `verdict must be one of ${VERDICTS.join(', ')}` })
  verdict: (typeof VERDICTS)[number];

  @ApiPropertyOptional({ example: '现场核查电梯仍有异响，未达到整改要求', description: 'required when rejected', maxLength: NOTICE_TEXT_MAX })
  @IsOptional() @Transform(trim) @IsString() @Length(2, NOTICE_TEXT_MAX, { message: `reason must be 2–${NOTICE_TEXT_MAX} characters` }) @IsCleanText({ multiline: true })
  reason?: string;
}

export class DowngradeDto {
  @ApiPropertyOptional({ type: 'integer', description: 'one of the notice’s compounds; omitted: all of them' })
  @IsOptional() @IsInt() @IsPositive() @Max(INT_MAX)
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 4, default: 1, description: 'stars taken off' })
  @IsOptional() @IsInt() @Min(1) @Max(4)
  steps?: number;

  @ApiPropertyOptional({ example: '2027Q4', description: 'last quarter the downgrade applies to; omitted: until lifted' })
  @IsOptional() @IsString() @Matches(QUARTER, { message: 'untilQuarter must be written YYYYQn' })
  untilQuarter?: string;
}

export class ExitDto {
  @ApiProperty({ type: 'integer' })
  @IsInt() @IsPositive() @Max(INT_MAX)
  organizationId: number;

  @ApiProperty({ type: 'integer' })
  @IsInt() @IsPositive() @Max(INT_MAX)
  compoundId: number;

  @ApiProperty({ example: '2027-01-01', description: 'the first day the company no longer serves the compound (today or later, Asia/Shanghai)' })
  @IsISO8601({ strict: true }, { message: 'effectiveOn must be a date YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'effectiveOn must be a date YYYY-MM-DD' })
  effectiveOn: string;

  @ApiProperty({ example: '限期整改逾期未完成，经区住建局研究予以清退', maxLength: NOTICE_TEXT_MAX })
  @Transform(trim) @IsString() @Length(5, NOTICE_TEXT_MAX, { message: `reason must be 5–${NOTICE_TEXT_MAX} characters` }) @IsCleanText({ multiline: true })
  reason: string;

  @ApiPropertyOptional({ type: 'integer', description: 'the notice that led to it' })
  @IsOptional() @IsInt() @IsPositive() @Max(INT_MAX)
  noticeId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the 业主大会 vote that decided it: a closed, passed vote of this compound to dismiss this company or to hire the successor' })
  @IsOptional() @IsInt() @IsPositive() @Max(INT_MAX)
  voteId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the company taking over from effectiveOn; omitted: dispatch falls back to the 国企兜底 company' })
  @IsOptional() @IsInt() @IsPositive() @Max(INT_MAX)
  successorCompanyId?: number;

  @ApiPropertyOptional({ example: '2027-12-31', description: 'end of the successor’s contract; default one year' })
  @IsOptional() @IsISO8601({ strict: true }, { message: 'successorEndsOn must be a date YYYY-MM-DD' }) @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'successorEndsOn must be a date YYYY-MM-DD' })
  successorEndsOn?: string;
}

export class ListNoticesQuery {
  @ApiPropertyOptional({ enum: NOTICE_STATUSES })
  @IsOptional() @IsIn(NOTICE_STATUSES, { message: `status must be one of ${NOTICE_STATUSES.join(', ')}` })
  status?: NoticeStatus;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional() @StrictInt() @IsInt() @IsPositive() @Max(INT_MAX)
  organizationId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'older than this notice id (cursor)' })
  @IsOptional() @StrictInt() @IsInt() @IsPositive() @Max(INT_MAX)
  cursor?: number;

  @ApiPropertyOptional({ type: 'integer', default: 50, maximum: 200 })
  @IsOptional() @StrictInt() @IsInt() @IsPositive() @Max(200)
  limit?: number;
}
