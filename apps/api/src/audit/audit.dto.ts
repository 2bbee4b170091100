import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches, IsInt, IsOptional, IsPositive, IsString, Length, Max, Min } from 'class-validator';
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

  @ApiPropertyOptional({ description: 'the target object’s id (the path id)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  target?: string;

  @ApiPropertyOptional({ enum: ['ok', 'failed'], description: 'ok: 2xx/3xx; failed: 4xx/5xx' })
  @IsOptional()
  @IsIn(['ok', 'failed'], { message: 'outcome must be ok or failed' })
  outcome?: 'ok' | 'failed';

  @ApiPropertyOptional({ format: 'date', description: 'first day (Asia/Shanghai)' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'from must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'from must be a date (YYYY-MM-DD)' })
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'last day (Asia/Shanghai), included' })
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'to must be a date (YYYY-MM-DD)' })
  @IsISO8601({ strict: true }, { message: 'to must be a date (YYYY-MM-DD)' })
  to?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'older than this entry id (nextCursor of the previous page)' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @Min(1)
  cursor?: number;
}
