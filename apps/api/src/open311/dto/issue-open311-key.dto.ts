import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';
import { OPEN311_KEY_SCOPES, type Open311KeyScope } from '../open311-key.entity';

export class IssueOpen311KeyDto {
  @ApiProperty({ example: '金凤区12345热线 311 客户端', description: 'who the key is for; shown in the list and on the reporter user' })
  @IsString()
  @Length(2, 100)
  @IsCleanText()
  name: string;

  @ApiPropertyOptional({
    enum: OPEN311_KEY_SCOPES,
    default: 'public',
    description: 'public: reads what the anonymous feed shows; full: exact location, address and description of every category (phones and ID numbers still masked)',
  })
  @IsOptional()
  @IsIn(OPEN311_KEY_SCOPES)
  scope?: Open311KeyScope;

  @ApiPropertyOptional({ example: '12345热线回访来电市民的报事办理情况', description: 'why the key may read more than the public feed; required for the full scope' })
  @IsOptional()
  @IsString()
  @Length(4, 500)
  @IsCleanText({ multiline: true })
  purpose?: string;
}
