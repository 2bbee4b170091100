import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsPositive, IsString, Length, Matches, Max, ValidateNested } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { StrictInt } from '../common/strict-number.transform';
import { GRANTABLE_ROLES, type GrantableRole } from './role-scope.rules';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class GrantRoleDto {
  @ApiProperty({ enum: GRANTABLE_ROLES })
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of ${GRANTABLE_ROLES.join(', ')}` })
  role: GrantableRole;

  @ApiPropertyOptional({ type: 'integer', description: 'org unit scope (community for community_staff, street for street_staff, …)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  orgUnitId?: number;

  @ApiPropertyOptional({ type: 'integer', description: 'organization scope (property company, department)' })
  @IsOptional()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  organizationId?: number;
}

export class CreateUserDto {
  @ApiProperty({ example: 'zhang.lijuan', description: 'login name: letters, digits, . _ -' })
  @IsString()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$/, { message: 'username must be 3–64 letters, digits, ".", "_" or "-", starting with a letter or digit' })
  username: string;

  @ApiProperty({ example: '张丽娟' })
  @Transform(trim)
  @IsString()
  @Length(1, 50)
  @IsCleanText()
  displayName: string;

  @ApiPropertyOptional({ example: '13812345678' })
  @IsOptional()
  @Matches(/^1\d{10}$/, { message: 'phone must be an 11-digit mainland mobile number' })
  phone?: string;

  @ApiProperty({ type: [GrantRoleDto], description: 'at least one role with its scope' })
  @IsArray()
  @ArrayMinSize(1, { message: 'roles must name at least one role' })
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => GrantRoleDto)
  roles: GrantRoleDto[];
}

export class ListUsersQuery {
  @ApiPropertyOptional({ description: 'part of the username, name or phone' })
  @IsOptional()
  @IsString()
  @Length(1, 50)
  q?: string;

  @ApiPropertyOptional({ enum: GRANTABLE_ROLES })
  @IsOptional()
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of ${GRANTABLE_ROLES.join(', ')}` })
  role?: GrantableRole;

  @ApiPropertyOptional({ type: 'integer', description: 'people bound to this org unit or below it' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  orgUnitId?: number;

  @ApiPropertyOptional({ type: 'integer' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  organizationId?: number;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active must be true or false' })
  active?: boolean;

  @ApiPropertyOptional({ type: 'integer', description: 'older than this user id (nextCursor of the previous page)' })
  @IsOptional()
  @StrictInt()
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  cursor?: number;
}

export class RedeemCodeDto {
  @ApiProperty({ example: 'zhang.lijuan' })
  @IsString()
  @Length(1, 64)
  username: string;

  @ApiProperty({ example: 'K7WQ-M3PX', description: 'the one-time code the admin handed over' })
  @IsString()
  @Length(1, 32)
  code: string;

  /** 10+ characters, like a password change. */
  @ApiProperty({ minLength: 10 })
  @IsString()
  @Length(10, 200)
  newPassword: string;
}
