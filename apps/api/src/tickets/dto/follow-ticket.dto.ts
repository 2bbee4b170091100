import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsLatitude, IsLongitude, IsNumber, IsOptional, IsPositive, Max } from 'class-validator';
import { MAX_ID } from './create-ticket.dto';

/**
 * 也遇到了: where the resident searched (the query of GET /tickets/nearby). A ticket can be followed
 * only if that search shows it, or if it is in the resident's home compound.
 */
export class FollowTicketDto {
  @ApiPropertyOptional({ example: 38.4872, description: 'with lng: the point of the nearby search' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLatitude()
  lat?: number;

  @ApiPropertyOptional({ example: 106.2309 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsLongitude()
  lng?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the building of the nearby search' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  buildingId?: number;
}
