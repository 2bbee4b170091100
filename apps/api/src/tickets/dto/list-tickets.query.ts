import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, TICKET_STATUSES, type Channel, type TicketStatus } from '@red-butler/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID } from './create-ticket.dto';
import { StrictInt } from '../../common/strict-number.transform';

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** Keyset cursors: `n.<id>` (newest first), `d.<due ms or ->.<id>` (by deadline); a bare id is `n.<id>`. */
export const CURSOR = /^(n\.\d{1,10}|d\.(-|\d{1,15})\.\d{1,10}|\d{1,10})$/;

export class ListTicketsQuery {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true, description: 'one status or several, comma-separated', example: 'submitted,dispatched' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').filter(Boolean) : value))
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  categoryId?: number;

  @ApiPropertyOptional({ enum: CHANNELS, description: 'how the case came in' })
  @IsOptional()
  @IsIn(CHANNELS)
  channel?: Channel;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  compoundId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  communityId?: number;

  @ApiPropertyOptional({ type: 'integer', description: '楼栋' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  buildingId?: number;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-01', description: 'reported on or after this day (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'from must be a date written YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', example: '2026-11-30', description: 'reported on or before this day (Asia/Shanghai)' })
  @IsOptional()
  @Matches(DAY, { message: 'to must be a date written YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'the company or department holding the ticket' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  handlerOrgId?: number;

  @ApiPropertyOptional({
    description: 'words separated by spaces, all must match: a ticket or 12345 case number (digits), else the description, address, compound or building',
    example: '井盖 3号楼',
  })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  text?: string;

  @ApiPropertyOptional({ description: 'only tickets with an open leg past its deadline (超期)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['newest', 'due'], description: 'newest first (default), or due: soonest open deadline first, none last' })
  @IsOptional()
  @IsIn(['newest', 'due'])
  sort?: 'newest' | 'due';

  @ApiPropertyOptional({ type: 'string', pattern: CURSOR.source, maxLength: 40, description: 'nextCursor of the previous page (same filters and sort)' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  @Matches(CURSOR, { message: 'cursor must be the nextCursor of a previous page' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, maximum: 100 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
