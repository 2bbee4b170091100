import { ApiProperty } from '@nestjs/swagger';
import { PRIORITIES, type Priority } from '@red-butler/domain';
import { IsIn, IsString, Matches } from 'class-validator';
import { UpdateCategoryDto } from './update-category.dto';

/** A new category (POST): everything a PUT sets, plus its permanent code and the priority its reports start with. */
export class CreateCategoryDto extends UpdateCategoryDto {
  @ApiProperty({ example: 'bike_shed_fire_risk', description: 'a permanent machine code, unique: lower-case letters, digits and _, 3 to 64' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{2,63}$/, { message: 'code must be lower-case letters, digits or _, starting with a letter, 3 to 64 long' })
  code: string;

  @ApiProperty({ enum: PRIORITIES, description: 'the priority a report in this category starts with' })
  @IsIn(PRIORITIES)
  defaultPriority: Priority;
}
