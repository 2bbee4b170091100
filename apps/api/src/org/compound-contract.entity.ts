import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './organization.entity';
import { OrgUnit } from './org-unit.entity';

export const CONTRACT_KINDS = ['contract', 'custody'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];

/** Which company serves a compound and when: the source of the dispatch suggestion. */
@Entity('compound_contracts')
@Index(['compoundId', 'startsOn'])
export class CompoundContract {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** custody: 社区托管, a community-run service station rather than a market contract. */
  @Column({ type: 'enum', enum: CONTRACT_KINDS, enumName: 'contract_kind', default: 'contract' })
  kind: ContractKind;

  @Column({ name: 'starts_on', type: 'date' })
  startsOn: string;

  @Column({ name: 'ends_on', type: 'date' })
  endsOn: string;
}
