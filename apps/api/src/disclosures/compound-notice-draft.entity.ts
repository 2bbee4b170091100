import { BOARD_NOTICE_KINDS, NOTICE_DRAFT_STATUSES, type BoardNoticeKind, type NoticeDraftStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';
import { CompoundNotice } from '../votes/compound-notice.entity';

/** One amount row of a 公示栏 notice (exact decimal yuan as a string). */
export interface NoticeAmount {
  item: string;
  amount: string;
}

/**
 * A 业委会 notice waiting for community review. It is never edited: the community approves it
 * (then it is copied, once, into the immutable compound_notices and `notice_id` points there) or
 * rejects it with a reason; the 业委会 drafts again. `corrects_id` names the published notice a
 * correction replaces.
 */
@Entity('compound_notice_drafts')
@Index('idx_compound_notice_drafts_status', ['status', 'id'])
@Index('idx_compound_notice_drafts_compound', ['compoundId', 'id'])
export class CompoundNoticeDraft {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'enum', enum: BOARD_NOTICE_KINDS, enumName: 'board_notice_kind' })
  kind: BoardNoticeKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** The month the notice covers, as its first day. */
  @Column({ type: 'date' })
  month: string;

  @Column({ type: 'jsonb' })
  amounts: NoticeAmount[];

  @Column({ name: 'attachment_ids', type: 'uuid', array: true, default: () => "'{}'" })
  attachmentIds: string[];

  @Column({ name: 'corrects_id', type: 'int', nullable: true })
  correctsId: number | null;

  @ManyToOne(() => CompoundNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'corrects_id' })
  corrects?: CompoundNotice;

  @Column({ type: 'enum', enum: NOTICE_DRAFT_STATUSES, enumName: 'notice_draft_status', default: 'pending_review' })
  status: NoticeDraftStatus;

  @Column({ name: 'drafted_by', type: 'int' })
  draftedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafted_by' })
  drafter?: User;

  @CreateDateColumn({ name: 'drafted_at', type: 'timestamptz' })
  draftedAt: Date;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;

  @Column({ name: 'notice_id', type: 'int', nullable: true, unique: true })
  noticeId: number | null;

  @ManyToOne(() => CompoundNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: CompoundNotice;
}
