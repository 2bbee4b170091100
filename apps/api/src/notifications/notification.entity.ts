import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';
import { User } from '../users/user.entity';

export const PUSH_STATUSES = ['none', 'pending', 'sent', 'failed'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

/**
 * The in-app inbox. `dedupe_key` is unique per user, so an effect that runs twice (a job retried
 * after a crash) cannot notify twice.
 */
@Entity('notifications')
@Index(['userId', 'dedupeKey'], { unique: true })
@Index('idx_notifications_inbox', ['userId', 'id'])
@Index('idx_notifications_push', ['id'], { where: `push_status = 'pending'` })
export class Notification {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'ticket_id', type: 'int', nullable: true })
  ticketId: number | null;

  @ManyToOne(() => Ticket, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 500 })
  body: string;

  @Column({ name: 'dedupe_key', type: 'varchar', length: 120 })
  dedupeKey: string;

  /** WeChat subscribe-message delivery, an outbox: the sweep re-queues what is still pending. */
  @Column({ name: 'push_status', type: 'enum', enum: PUSH_STATUSES, enumName: 'push_status', default: 'none' })
  pushStatus: PushStatus;

  @Column({ name: 'push_attempts', type: 'int', default: 0 })
  pushAttempts: number;

  @Column({ name: 'push_error', type: 'varchar', length: 200, nullable: true })
  pushError: string | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  /** The API request (or the job's originating request) that wrote the notice; its push job carries it. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
