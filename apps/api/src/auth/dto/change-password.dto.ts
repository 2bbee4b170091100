import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  /** 10+ characters: staff accounts see residents' phone numbers and addresses. */
  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200)
  newPassword: string;
}
