import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';

export class IssueOpen311KeyDto {
  @ApiProperty({ example: '金凤区12345热线 311 客户端', description: 'who the key is for; shown in the list and on the reporter user' })
  @IsString()
  @Length(2, 100)
  @IsCleanText()
  name: string;
}
