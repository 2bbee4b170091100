import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  APPEAL_DECISIONS,
  APPEAL_NOTE_MAX,
  APPEAL_REASON_MAX,
  APPEAL_REASON_MIN,
  APPEAL_STATUSES,
  type AppealDecision,
  type AppealStatus,
} from '@red-butler/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, Length, Max } from 'class-validator';
import { StrictInt } from '../common/strict-number.transform';
import { IsCleanText } from '../common/clean-text.validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class FileAppealDto {
  @ApiProperty({ example: '居民要求更换整栋楼的水管，超出本次报修范围，已按报修内容修复', minLength: APPEAL_REASON_MIN, maxLength: APPEAL_REASON_MAX })
  @Transform(trim)
  @IsString()
  @Length(APPEAL_REASON_MIN, APPEAL_REASON_MAX, { message: `reason must be ${APPEAL_REASON_MIN}–${APPEAL_REASON_MAX} characters` })
  @IsCleanText({ multiline: true })
  reason: string;

  @ApiPropertyOptional({ type: 'integer', description: 'the rate/visit event carrying the 不满意; default: the latest 不满意 about the caller’s organization' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(Number.MAX_SAFE_INTEGER)
  ratingEventId?: number;
}

export class DecideAppealDto {
  @ApiProperty({ enum: APPEAL_DECISIONS, description: 'upheld: the rating leaves 满意率; denied: it stays' })
  @IsIn(APPEAL_DECISIONS, { message: `decision must be one of ${APPEAL_DECISIONS.join(', ')}` })
  decision: AppealDecision;

  @ApiProperty({ example: '经核实，居民诉求超出报修范围，申诉成立', maxLength: APPEAL_NOTE_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, APPEAL_NOTE_MAX, { message: `note must be 1–${APPEAL_NOTE_MAX} characters` })
  @IsCleanText({ multiline: true })
  note: string;
}

export class ListAppealsQuery {
  @ApiPropertyOptional({ enum: APPEAL_STATUSES })
  @IsOptional()
  @IsIn(APPEAL_STATUSES, { message: `status must be one of ${APPEAL_STATUSES.join(', ')}` })
  status?: AppealStatus;

  @ApiPropertyOptional({ type: 'integer', description: 'older than this appeal id (cursor from the previous page)' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  cursor?: number;

  @ApiPropertyOptional({ type: 'integer', default: 50, maximum: 200 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(200)
  limit?: number;
}

