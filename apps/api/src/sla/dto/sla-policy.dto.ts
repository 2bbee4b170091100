import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PRIORITIES, SLA_CLOCKS, type Priority, type SlaClock } from '@red-butler/domain';
import { IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsPositive, Max, Min } from 'class-validator';

const WEEK = 7 * 24 * 60;

export class SlaPolicyDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  categoryId: number;

  @ApiProperty({ enum: PRIORITIES })
  @IsIn(PRIORITIES)
  priority: Priority;

  @ApiProperty({ enum: SLA_CLOCKS })
  @IsIn(SLA_CLOCKS)
  clock: SlaClock;

  @ApiProperty({ type: 'integer', description: 'minutes' })
  @IsInt()
  @Min(1)
  @Max(4 * WEEK)
  dispatchMinutes: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(4 * WEEK)
  acceptMinutes: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(26 * WEEK)
  resolveMinutes: number;

  @ApiProperty({ type: 'integer', description: 'the resident’s window to rate in the app (clock minutes), default 72 h' })
  @IsInt()
  @Min(1)
  @Max(4 * WEEK)
  surveyMinutes: number;

  @ApiProperty({ type: 'integer', description: 'the phone-visit window after it (clock minutes), default 7 days' })
  @IsInt()
  @Min(1)
  @Max(8 * WEEK)
  visitMinutes: number;

  @ApiProperty({ example: 0.8 })
  @IsNumber()
  @Min(0.1)
  @Max(0.99)
  warnRatio: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(4 * WEEK)
  escalationMinutes: number;

  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  @Max(8 * WEEK)
  maxPauseMinutes: number;

  @ApiPropertyOptional({ default: false, description: '挂起 needs the community’s approval: the handler files a request, the clock runs until it is approved' })
  @IsOptional()
  @IsBoolean()
  pauseNeedsApproval?: boolean;
}
