import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { MAX_ID } from '../../tickets/dto/create-ticket.dto';

export class ReportScopeQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'an org unit (district, street, community, grid or compound) inside the caller’s own scope' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  scopeId?: number;
}
