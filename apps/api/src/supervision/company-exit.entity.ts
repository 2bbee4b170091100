import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CompoundContract } from '../org/compound-contract.entity';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';
import { OwnerVote } from '../votes/owner-vote.entity';
import { SupervisionNotice } from './supervision-notice.entity';

/**
 * 清退: the company stops serving the compound from `effective_on` (its contract now ends the day
 * before). Dispatch reads compound_contracts, so the cut-over needs no other switch.
 */
@Entity('company_exits')
@Index(['organizationId', 'id'])
@Index(['compoundId', 'effectiveOn'])
export class CompanyExit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  /** The first day the company no longer serves the compound. */
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn: string;

  @Column({ name: 'notice_id', type: 'int', nullable: true })
  noticeId: number | null;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'notice_id' })
  notice?: SupervisionNotice;

  /** The 业主大会 vote that decided it: a passed vote of this compound to dismiss this company or hire the successor. */
  @Column({ name: 'vote_id', type: 'int', nullable: true })
  voteId: number | null;

  @ManyToOne(() => OwnerVote, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'vote_id' })
  vote?: OwnerVote;

  @Column({ name: 'successor_organization_id', type: 'int', nullable: true })
  successorOrganizationId: number | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'successor_organization_id' })
  successor?: Organization;

  @Column({ name: 'successor_contract_id', type: 'int', nullable: true })
  successorContractId: number | null;

  @ManyToOne(() => CompoundContract, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'successor_contract_id' })
  successorContract?: CompoundContract;

  /** The contracts it cut short or removed, as they were: the history the contract rows lose. */
  @Column({ name: 'ended_contracts', type: 'jsonb' })
  endedContracts: Array<{ id: number; startsOn: string; endsOn: string; removed: boolean }>;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
