import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'community' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'hgj-demo-2026' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class DevLoginDto {
  @ApiProperty({ example: 'resident' })
  @IsString()
  @Length(1, 64)
  username: string;
}

export class WechatLoginDto {
  @ApiProperty({ description: 'the code from wx.login()' })
  @IsString()
  @Length(1, 128)
  code: string;
}
