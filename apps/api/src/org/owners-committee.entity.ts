import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

export const COMMITTEE_KINDS = ['owners_committee', 'management_committee'] as const;
export type CommitteeKind = (typeof COMMITTEE_KINDS)[number];

/** 业委会 (owners' committee) or 物管会 (property management committee) of a compound. */
@Entity('owners_committees')
export class OwnersCommittee {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'enum', enum: COMMITTEE_KINDS, enumName: 'committee_kind' })
  kind: CommitteeKind;

  @Column({ type: 'varchar', length: 100 })
  name: string;
}
