import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { OwnerVote } from './owner-vote.entity';

// fund_spending / public_income: the 业委会's monthly notices (disclosures module), published after review.
export const NOTICE_KINDS = ['vote_result', 'correction', 'fund_spending', 'public_income'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * 公示: a notice on the compound's board for its residents. Immutable once written (a trigger
 * refuses UPDATE and DELETE); a correction is a new notice naming the one it corrects. One result
 * notice per vote (partial unique index), so a second close cannot publish twice.
 */
@Entity('compound_notices')
@Index('idx_compound_notices_compound', ['compoundId', 'id'])
// One correction per notice, so "已更正" points at exactly one successor, also when two reviews race.
@Index('uq_compound_notices_corrects', ['correctsId'], { unique: true, where: 'corrects_id IS NOT NULL' })
@Index('uq_compound_notices_vote_result', ['voteId'], { unique: true, where: `kind = 'vote_result'` })
export class CompoundNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'enum', enum: NOTICE_KINDS, enumName: 'compound_notice_kind' })
  kind: NoticeKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ name: 'vote_id', type: 'int', nullable: true })
  voteId: number | null;

  @ManyToOne(() => OwnerVote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vote_id' })
  vote?: OwnerVote;

  @Column({ name: 'corrects_id', type: 'int', nullable: true })
  correctsId: number | null;

  @ManyToOne(() => CompoundNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: CompoundNotice;

  @Column({ type: 'jsonb', nullable: true })
  data: Record<string, unknown> | null;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;
}
