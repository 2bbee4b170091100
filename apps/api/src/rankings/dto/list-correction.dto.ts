import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { RankingQuery } from './ranking.query';
import { IsCleanText } from '../../common/clean-text.validator';

export class ListCorrectionDto extends RankingQuery {
  @ApiProperty({ example: '第四季度部分工单责任单位录入有误，已核实更正', description: 'why the published lists are corrected (kept with the version)' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MinLength(4)
  @MaxLength(500)
  @IsCleanText({ multiline: true })
  reason: string;
}
