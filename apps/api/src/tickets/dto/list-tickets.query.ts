import { ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, TICKET_STATUSES, type Channel, type TicketStatus } from '@red-butler/domain';
import { Transform } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsPositive, IsString, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID } from './create-ticket.dto';
import { StrictInt } from '../../common/strict-number.transform';

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

  @ApiPropertyOptional({ type: 'integer', description: 'the company or department holding the ticket' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  handlerOrgId?: number;

  @ApiPropertyOptional({ description: 'matches the number, description or address' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  text?: string;

  @ApiPropertyOptional({ description: 'only tickets with an open leg past its deadline (超期)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @ApiPropertyOptional({ enum: ['newest', 'due'], description: 'due: soonest deadline first (no cursor; at most `limit` rows)' })
  @IsOptional()
  @IsIn(['newest', 'due'])
  sort?: 'newest' | 'due';

  @ApiPropertyOptional({ type: 'integer', description: 'nextCursor of the previous page' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  @Max(MAX_ID)
  cursor?: number;

  @ApiPropertyOptional({ type: 'integer', default: 20, maximum: 100 })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}
