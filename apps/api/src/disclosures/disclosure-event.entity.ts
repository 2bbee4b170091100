import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';

export const DISCLOSURE_SUBJECTS = ['disclosure', 'notice_draft'] as const;
export type DisclosureSubject = (typeof DISCLOSURE_SUBJECTS)[number];
export const DISCLOSURE_ACTIONS = ['draft', 'edit', 'submit', 'approve', 'reject'] as const;
export type DisclosureAction = (typeof DISCLOSURE_ACTIONS)[number];

/**
 * The append-only trail of 五公开 versions and 公示栏 drafts: every step (drafting, each edit,
 * submission, the review) with who and when, written in the same transaction as the guarded
 * UPDATE it records. A trigger refuses UPDATE and DELETE.
 */
@Entity('disclosure_events')
@Index('idx_disclosure_events_subject', ['subject', 'subjectId', 'id'])
export class DisclosureEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'enum', enum: DISCLOSURE_SUBJECTS, enumName: 'disclosure_subject' })
  subject: DisclosureSubject;

  @Column({ name: 'subject_id', type: 'int' })
  subjectId: number;

  @Column({ type: 'enum', enum: DISCLOSURE_ACTIONS, enumName: 'disclosure_action' })
  action: DisclosureAction;

  @Column({ name: 'actor_id', type: 'int' })
  actorId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
