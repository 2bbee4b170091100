import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, ValidateNested } from 'class-validator';
import { SUBSCRIBE_DECISIONS, SUBSCRIBE_TEMPLATES, type SubscribeDecision, type SubscribeTemplate } from './subscribe-consent.entity';

export class SubscribeAnswerDto {
  @ApiProperty({ enum: SUBSCRIBE_TEMPLATES })
  @IsIn(SUBSCRIBE_TEMPLATES)
  template: SubscribeTemplate;

  @ApiProperty({ enum: SUBSCRIBE_DECISIONS, description: 'Taro.requestSubscribeMessage’s answer for this template' })
  @IsIn(SUBSCRIBE_DECISIONS)
  decision: SubscribeDecision;
}

/** The answers of one consent prompt (or of the opt-in in 消息 settings). */
export class SubscribeConsentsDto {
  @ApiProperty({ type: [SubscribeAnswerDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(SUBSCRIBE_TEMPLATES.length)
  @ValidateNested({ each: true })
  @Type(() => SubscribeAnswerDto)
  answers: SubscribeAnswerDto[];
}
