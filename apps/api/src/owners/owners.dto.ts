import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsInt, IsPositive, Max } from 'class-validator';

export class ClaimUnitDto {
  @ApiProperty({ type: 'integer', description: 'the register unit the resident owns' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  unitId: number;
}

export const CLAIM_DECISIONS = ['verified', 'rejected'] as const;

export class DecideClaimDto {
  @ApiProperty({ enum: CLAIM_DECISIONS, description: 'verified: the resident votes for the unit; rejected: e.g. a tenant' })
  @IsIn(CLAIM_DECISIONS, { message: `decision must be one of ${CLAIM_DECISIONS.join(', ')}` })
  decision: (typeof CLAIM_DECISIONS)[number];
}

export class BindOwnerDto {
  @ApiProperty({ type: 'integer', description: 'the resident account to bind as a verified owner' })
  @IsInt()
  @IsPositive()
  @Max(2_147_483_647)
  userId: number;
}
