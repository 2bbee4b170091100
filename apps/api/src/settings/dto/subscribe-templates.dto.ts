import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, ValidateIf } from 'class-validator';

const TEMPLATE_ID = /^[A-Za-z0-9_-]{8,64}$/;
const MESSAGE = 'must be a template id from the WeChat console (8–64 letters, digits, _ or -), or null for the env default';

/** Each field: a template id, `null` to fall back to the env default, or absent to leave it. */
export class SubscribeTemplatesDto {
  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'bDmywsp2oEHjwAadTGKkUHpC0RgBVPvfAtf1l5Y3yXk', description: '工单状态通知' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(TEMPLATE_ID, { message: `status ${MESSAGE}` })
  status?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: 'Kp7dfYqZ9vE0mQx3aBcDeFgHiJkLmNoPqRsTuVwXyZ1', description: '回访邀请' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @Matches(TEMPLATE_ID, { message: `visit ${MESSAGE}` })
  visit?: string | null;
}
