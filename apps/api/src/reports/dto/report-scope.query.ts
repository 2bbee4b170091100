import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsPositive, Max } from 'class-validator';
import { MAX_ID } from '../../tickets/dto/create-ticket.dto';
import { StrictInt } from '../../common/strict-number.transform';

export class ReportScopeQuery {
  @ApiPropertyOptional({ type: 'integer', description: 'an org unit (district, street, community, grid or compound) inside the caller’s own scope' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  scopeId?: number;
}
