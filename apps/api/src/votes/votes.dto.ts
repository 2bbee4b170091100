import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  BALLOT_CHANNELS, VOTE_MATTERS, VOTE_OPTION_MAX, VOTE_OPTIONS_MAX, VOTE_PURPOSES, VOTE_QUESTION_MAX,
  type BallotChannel, type VoteMatter, type VotePurpose,
} from '@red-butler/domain';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsISO8601, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { StrictInt } from '../common/strict-number.transform';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const trimAll = ({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value);

export class DraftVoteDto {
  @ApiProperty({ type: 'integer', description: 'the compound (小区) whose owners vote' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  compoundId: number;

  @ApiProperty({ example: '是否解聘现物业服务企业', maxLength: VOTE_QUESTION_MAX })
  @Transform(trim)
  @IsString()
  @Length(1, VOTE_QUESTION_MAX, { message: `question must be 1–${VOTE_QUESTION_MAX} characters` })
  @IsCleanText({ multiline: true })
  question: string;

  @ApiProperty({ type: [String], example: ['同意', '不同意', '弃权'], minItems: 2, maxItems: VOTE_OPTIONS_MAX, description: 'the first option is the motion (同意) for a purpose vote' })
  @Transform(trimAll)
  @IsArray()
  @ArrayMinSize(2, { message: 'options must have at least 2 entries' })
  @ArrayMaxSize(VOTE_OPTIONS_MAX, { message: `options must have at most ${VOTE_OPTIONS_MAX} entries` })
  @ArrayUnique({ message: 'options must be different from each other' })
  @IsString({ each: true })
  @Length(1, VOTE_OPTION_MAX, { each: true, message: `each option must be 1–${VOTE_OPTION_MAX} characters` })
  options: string[];

  @ApiProperty({ enum: VOTE_MATTERS, description: 'ordinary (> 1/2), or one of art. 278 items 6–8 (≥ 3/4)' })
  @IsIn(VOTE_MATTERS, { message: `matter must be one of ${VOTE_MATTERS.join(', ')}` })
  matter: VoteMatter;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'opensAt must be an ISO 8601 date-time' })
  opensAt: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'closesAt must be an ISO 8601 date-time' })
  closesAt: string;

  @ApiPropertyOptional({ enum: VOTE_PURPOSES, description: 'a vote to dismiss or hire a company, so a 清退 can link to it' })
  @IsOptional()
  @IsIn(VOTE_PURPOSES, { message: `purpose must be one of ${VOTE_PURPOSES.join(', ')}` })
  purpose?: VotePurpose;

  @ApiPropertyOptional({ type: 'integer', description: 'the property company the purpose is about (required with purpose)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  purposeCompanyId?: number;
}

export const REVIEW_DECISIONS = ['approve', 'reject'] as const;

export class ReviewVoteDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, description: 'approve: the vote opens at opensAt; reject: with a note saying why' })
  @IsIn(REVIEW_DECISIONS, { message: `decision must be one of ${REVIEW_DECISIONS.join(', ')}` })
  decision: (typeof REVIEW_DECISIONS)[number];

  @ApiPropertyOptional({ example: '表决事项表述不清，请补充维修项目和预算', maxLength: 500 })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 500, { message: 'note must be 1–500 characters' })
  @IsCleanText({ multiline: true })
  note?: string;
}

export class CastBallotDto {
  @ApiProperty({ type: 'integer', description: 'the register unit voting' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  unitId: number;

  @ApiProperty({ type: 'integer', description: 'index into the vote’s options' })
  @IsInt()
  @Min(0)
  @Max(VOTE_OPTIONS_MAX - 1)
  option: number;

  @ApiPropertyOptional({ enum: BALLOT_CHANNELS, default: 'mini_program', description: 'paper / on_site: staff or the 业委会 enter a ballot for the unit' })
  @IsOptional()
  @IsIn(BALLOT_CHANNELS, { message: `channel must be one of ${BALLOT_CHANNELS.join(', ')}` })
  channel?: BallotChannel;
}

export class ListVotesQuery {
  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  compoundId?: number;
}
