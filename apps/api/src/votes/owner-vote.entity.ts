import { VOTE_MATTERS, VOTE_PURPOSES, VOTE_STATUSES, type VoteMatter, type VotePurpose, type VoteStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { Organization } from '../org/organization.entity';
import { User } from '../users/user.entity';

/**
 * A 业主大会 vote of one compound. Its status is data and moves only by guarded updates
 * (`WHERE id = $1 AND status = $from`); once closed, a trigger refuses any further change, so the
 * frozen `result` is what was published.
 */
@Entity('owner_votes')
@Index('idx_owner_votes_compound', ['compoundId', 'id'])
@Index('idx_owner_votes_closing', ['status', 'closesAt'])
export class OwnerVote {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'varchar', length: 500 })
  question: string;

  /** The options in order; ballots name them by index. */
  @Column({ type: 'jsonb' })
  options: string[];

  @Column({ type: 'enum', enum: VOTE_MATTERS, enumName: 'vote_matter' })
  matter: VoteMatter;

  @Column({ type: 'enum', enum: VOTE_PURPOSES, enumName: 'vote_purpose', nullable: true })
  purpose: VotePurpose | null;

  @Column({ name: 'purpose_company_id', type: 'int', nullable: true })
  purposeCompanyId: number | null;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'purpose_company_id' })
  purposeCompany?: Organization;

  @Column({ name: 'opens_at', type: 'timestamptz' })
  opensAt: Date;

  @Column({ name: 'closes_at', type: 'timestamptz' })
  closesAt: Date;

  @Column({ type: 'enum', enum: VOTE_STATUSES, enumName: 'vote_status', default: 'pending_review' })
  status: VoteStatus;

  @Column({ name: 'drafted_by', type: 'int' })
  draftedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafted_by' })
  drafter?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reviewed_by' })
  reviewer?: User;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** The frozen count (areas as "m².00" strings), written once by the close step. */
  @Column({ type: 'jsonb', nullable: true })
  result: Record<string, unknown> | null;
}
