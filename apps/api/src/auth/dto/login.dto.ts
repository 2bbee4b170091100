import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength, Matches } from 'class-validator';

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
  @ApiProperty({ description: 'the code from wx.login()', pattern: '^[A-Za-z0-9_-]{1,128}$' })
  @IsString()
  @Length(1, 128)
  // wx.login() codes are URL-safe tokens; anything else is refused here instead of being sent to WeChat.
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'code must be the token wx.login() returned (letters, digits, _ and -)' })
  code: string;
}
