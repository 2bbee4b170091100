import { ApiProperty } from '@nestjs/swagger';
import { HANDLER_KINDS, type HandlerKind } from '@red-butler/domain';
import { IsBoolean, IsIn, IsInt, IsPositive, IsString, Length, Matches, Max, ValidateIf } from 'class-validator';
import { IsCleanText } from '../../common/clean-text.validator';

/** The whole editable shape of a category (PUT): what residents see and who owns the case. */
export class UpdateCategoryDto {
  @ApiProperty({ example: '路灯不亮' })
  @IsString()
  @Length(2, 50)
  @IsCleanText()
  name: string;

  @ApiProperty({ example: '公共设施', description: 'the heading the category is listed under' })
  @IsString()
  @Length(2, 50)
  @IsCleanText()
  groupName: string;

  @ApiProperty({ example: 'light', description: 'an icon code the client draws (manhole, light, door, …)' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]{0,29}$/, { message: 'icon must be an icon code: lower-case letters, digits, _ or -, at most 30' })
  icon: string;

  @ApiProperty({ enum: HANDLER_KINDS, description: 'company: the compound’s property company; department: the owning department' })
  @IsIn(HANDLER_KINDS)
  handlerKind: HandlerKind;

  @ApiProperty({ type: 'integer', nullable: true, description: 'the department that owns this kind of case; required when handlerKind is department' })
  @ValidateIf((_, v) => v !== null)
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  departmentId: number | null;

  @ApiProperty({ description: 'listed in the anonymous Open311 feed (only problems anyone could see on the compound)' })
  @IsBoolean()
  publiclyListed: boolean;

  @ApiProperty({ description: 'offered to residents when reporting' })
  @IsBoolean()
  active: boolean;
}
