import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';

export const VISIT_TASK_STATUSES = ['open', 'done', 'expired', 'cancelled'] as const;
export type VisitTaskStatus = (typeof VISIT_TASK_STATUSES)[number];

/** 电话回访: the community calls a resident who did not rate in the app. One per resolution. */
@Entity('visit_tasks')
@Index('idx_visit_tasks_community', ['communityId', 'status', 'dueAt'])
export class VisitTask {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** The deadline row (survey leg) whose expiry created the task: unique, so it is made once. */
  @Index({ unique: true })
  @Column({ name: 'survey_deadline_id', type: 'bigint' })
  surveyDeadlineId: string;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @Column({ type: 'enum', enum: VISIT_TASK_STATUSES, enumName: 'visit_task_status', default: 'open' })
  status: VisitTaskStatus;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}
