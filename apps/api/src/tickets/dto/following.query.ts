import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { StrictInt } from '../../common/strict-number.transform';

/** `<followed at, ms>.<ticket id>` of the last row of the previous page. */
export const FOLLOWING_CURSOR = /^\d{1,15}\.\d{1,10}$/;

export class FollowingQuery {
  @ApiPropertyOptional({ type: 'string', pattern: FOLLOWING_CURSOR.source, maxLength: 30, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(30)
  @Matches(FOLLOWING_CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, maximum: 100 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
