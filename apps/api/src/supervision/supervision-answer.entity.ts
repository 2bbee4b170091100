import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { SupervisionNotice } from './supervision-notice.entity';

export const ANSWER_VERDICTS = ['accepted', 'rejected'] as const;
export type AnswerVerdict = (typeof ANSWER_VERDICTS)[number];

/** One answer of the company to a notice (a rejected one may be followed by another), and its verdict. */
@Entity('supervision_answers')
@Index(['noticeId', 'id'])
export class SupervisionAnswer {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'notice_id', type: 'int' })
  noticeId: number;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: SupervisionNotice;

  @Column({ type: 'varchar', length: 1000 })
  body: string;

  @Column({ name: 'photo_ids', type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  @Column({ name: 'answered_by', type: 'int' })
  answeredBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'answered_by' })
  answerer?: User;

  @CreateDateColumn({ name: 'answered_at', type: 'timestamptz' })
  answeredAt: Date;

  @Column({ type: 'enum', enum: ANSWER_VERDICTS, enumName: 'answer_verdict', nullable: true })
  verdict: AnswerVerdict | null;

  @Column({ name: 'verdict_reason', type: 'varchar', length: 1000, nullable: true })
  verdictReason: string | null;

  @Column({ name: 'verified_by', type: 'int', nullable: true })
  verifiedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'verified_by' })
  verifier?: User;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;
}
