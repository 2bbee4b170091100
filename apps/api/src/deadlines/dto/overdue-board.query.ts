import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { StrictInt } from '../../common/strict-number.transform';

/** `<due at in µs since the epoch (exact: a leg's due time has µs), or - while paused>.<leg id>` of the last row of the previous page. */
export const OVERDUE_CURSOR = /^(\d{1,17}|-)\.\d{1,18}$/;

/** The board's page size when none is asked for: what it returned in one piece before it had pages. */
export const OVERDUE_PAGE_DEFAULT = 500;

export class OverdueBoardQuery {
  @ApiPropertyOptional({ type: 'string', pattern: OVERDUE_CURSOR.source, maxLength: 40, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(OVERDUE_CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: OVERDUE_PAGE_DEFAULT, maximum: 500 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
