import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RATINGS, type Rating } from '@red-butler/domain';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsPositive, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { MAX_ID, MAX_PHOTOS } from './create-ticket.dto';
import { IsCleanText } from '../../common/clean-text.validator';

export class DispatchDto {
  @ApiPropertyOptional({ type: 'integer', description: 'a property company (派单)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  companyId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'a department (吹哨)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  departmentId?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText({ multiline: true, allowBlank: true })
  note?: string;
}

export class ReasonDto {
  @ApiProperty({ example: '该问题属于市政管网，不在物业服务范围内' })
  @IsString()
  @Length(2, 500)
  @IsCleanText({ multiline: true })
  reason: string;
}

export class CancelDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText({ multiline: true, allowBlank: true })
  reason?: string;
}

export class AcceptDto {
  @ApiPropertyOptional({ type: 'integer', description: 'a worker of the handling company or department' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  assigneeId?: number;
}

/** 改派: another worker of the same organization takes over an accepted ticket. */
export class ReassignDto {
  @ApiProperty({ type: 'integer', description: 'a worker of the handling company or department' })
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  assigneeId: number;

  @ApiPropertyOptional({ type: 'integer', description: 'the ticket version the manager saw: if it has changed since, 409 STALE_STATE' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(MAX_ID)
  version?: number;

  @ApiPropertyOptional({ example: '原维修工休假，改派张师傅' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @IsCleanText({ multiline: true })
  note?: string;
}

/** The community's answer to a 挂起申请. */
export class PauseDecisionDto {
  @ApiProperty({ description: 'true: the resolve clock stops now; false: the handler works on' })
  @IsBoolean()
  approve: boolean;

  @ApiPropertyOptional({ example: '同意，配件到货后请及时恢复' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsCleanText({ multiline: true })
  note?: string;
}

/** 督办: a supervisor's reminder to whoever holds the ticket. */
export class SuperviseDto {
  @ApiPropertyOptional({ example: '请今天内处理完毕并反馈' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  @IsCleanText({ multiline: true })
  note?: string;
}

export class NoteDto {
  @ApiProperty({ example: '已更换井盖并设置警示标志' })
  @IsString()
  @Length(1, 1000)
  @IsCleanText({ multiline: true })
  note: string;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_PHOTOS)
  @ArrayUnique()
  @IsUUID('4', { each: true })
  photoIds?: string[];
}

export class RateDto {
  @ApiProperty({ enum: RATINGS })
  @IsIn(RATINGS)
  rating: Rating;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText({ multiline: true, allowBlank: true })
  comment?: string;
}

export class MergeDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  intoTicketId: number;
}

export class EscalateDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @IsPositive()
  @Max(MAX_ID)
  departmentId: number;

  @ApiProperty({ example: '物业多次处理未果，涉及违章搭建，需城管执法' })
  @IsString()
  @Length(2, 500)
  @IsCleanText({ multiline: true })
  reason: string;
}

export class VisitDto {
  @ApiProperty({ description: 'whether the resident answered the call' })
  @IsBoolean()
  reached: boolean;

  @ApiPropertyOptional({ enum: RATINGS, description: 'required when reached' })
  @IsOptional()
  @IsIn(RATINGS)
  rating?: Rating;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsCleanText({ multiline: true, allowBlank: true })
  comment?: string;
}
