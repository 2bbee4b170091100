import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDateString, IsIn, IsInt, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
import { StrictInt } from '../common/strict-number.transform';

export const AUDIT_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

export class AuditQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'entries of this actor' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  actorId?: number;

  @ApiPropertyOptional({ enum: AUDIT_METHODS })
  @IsOptional()
  @IsIn(AUDIT_METHODS, { message: `method must be one of ${AUDIT_METHODS.join(', ')}` })
  method?: (typeof AUDIT_METHODS)[number];

  @ApiPropertyOptional({ description: 'part of the route pattern, e.g. /admin/users' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  route?: string;

  @ApiPropertyOptional({ description: 'the target id (path id)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  targetId?: string;

  @ApiPropertyOptional({ enum: ['ok', 'failed'], description: 'ok: 2xx/3xx; failed: 4xx/5xx' })
  @IsOptional()
  @IsIn(['ok', 'failed'], { message: 'outcome must be ok or failed' })
  outcome?: 'ok' | 'failed';

  @ApiPropertyOptional({ format: 'date-time', description: 'at or after' })
  @IsOptional()
  @IsDateString({}, { message: 'from must be an ISO date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'before' })
  @IsOptional()
  @IsDateString({}, { message: 'to must be an ISO date-time' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'older than this entry id (nextCursor of the previous page)' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  cursor?: number;
}
