import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsISO8601, IsOptional, IsPositive, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsCleanText } from '../common/clean-text.validator';
import { CONTRACT_KINDS, type ContractKind } from '../org/compound-contract.entity';

/** Given or not, but never null: the column it sets may not be empty. */
const Given = () => ValidateIf((_o: object, v: unknown) => v !== undefined);
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const PHONE = /^[0-9+\-()（）\s]{3,30}$/;

export class EditOrgUnitDto {
  @ApiPropertyOptional({ example: '明园小区' })
  @Given() @IsString() @Length(1, 100) @IsCleanText()
  name?: string;

  @ApiPropertyOptional({ type: 'integer', description: 'move under another unit (a compound under a grid or community, a building under a compound…); tickets keep the community they were filed in' })
  @Given() @IsInt() @IsPositive() @Max(2_147_483_647)
  parentId?: number;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '户数; null clears it' })
  @IsOptional() @IsInt() @Min(0) @Max(1_000_000)
  households?: number | null;

  @ApiPropertyOptional({ type: 'integer', nullable: true, description: '单元数 (buildings only); null clears it' })
  @IsOptional() @IsInt() @Min(0) @Max(1000)
  entrances?: number | null;

  @ApiPropertyOptional({ type: 'string', nullable: true, example: '6480.50', description: '建筑面积 m², exact decimal, at most two places' })
  @IsOptional() @IsString() @Matches(/^(?!0+(\.0+)?$)\d{1,10}(\.\d{1,2})?$/, { message: 'floorAreaM2 must be a number of m² greater than 0 with at most two decimals, e.g. "6480.50"' })
  floorAreaM2?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true })
  @IsOptional() @IsString() @Length(1, 200) @IsCleanText()
  address?: string | null;
}

export class EditCompanyDto {
  @ApiPropertyOptional() @Given() @IsString() @Length(1, 100) @IsCleanText()
  name?: string;

  @ApiPropertyOptional({ description: '统一社会信用代码, checked against its GB 32100-2015 check character' })
  @Given() @IsString() @Length(18, 40) @IsCleanText()
  uscc?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true }) @IsOptional() @IsString() @Length(1, 40) @IsCleanText()
  shortName?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true }) @IsOptional() @IsString() @Matches(PHONE, { message: 'phone must be a phone number (digits, - and brackets), at most 30 characters' })
  phone?: string | null;

  @ApiPropertyOptional({ description: '国企兜底: serves compounds without a contract' }) @Given() @IsBoolean()
  isFallback?: boolean;
}

export class EditContractDto {
  @ApiPropertyOptional({ example: '2026-06-30', description: '结束日期: ending a contract early is a date, never a delete' })
  @Given() @IsString() @Matches(DATE, { message: 'endsOn must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'endsOn must be a date YYYY-MM-DD' })
  endsOn?: string;

  @ApiPropertyOptional({ example: '2024-01-01' })
  @Given() @IsString() @Matches(DATE, { message: 'startsOn must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'startsOn must be a date YYYY-MM-DD' })
  startsOn?: string;

  @ApiPropertyOptional({ enum: CONTRACT_KINDS })
  @Given() @IsIn(CONTRACT_KINDS, { message: `kind must be one of ${CONTRACT_KINDS.join(', ')}` })
  kind?: ContractKind;
}

export class EditDepartmentDto {
  @ApiPropertyOptional() @Given() @IsString() @Length(1, 100) @IsCleanText()
  name?: string;

  @ApiPropertyOptional({ type: 'string', nullable: true }) @IsOptional() @IsString() @Length(1, 40) @IsCleanText()
  shortName?: string | null;

  @ApiPropertyOptional({ type: 'string', nullable: true }) @IsOptional() @IsString() @Matches(PHONE, { message: 'phone must be a phone number (digits, - and brackets), at most 30 characters' })
  phone?: string | null;

  @ApiPropertyOptional({ type: [Number], description: 'the categories the department owns from now on (replaces the list)' })
  @Given() @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsInt({ each: true }) @IsPositive({ each: true }) @Max(2_147_483_647, { each: true })
  categoryIds?: number[];
}
