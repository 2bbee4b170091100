import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';
import { User } from '../users/user.entity';

/**
 * The WeChat outbox. pending (also: a retry after an answer proving non-delivery) → sending (claimed,
 * committed before WeChat is called) → sent | failed | unknown. `unknown`: the worker died or timed
 * out mid-send, so WeChat may have delivered; never resent (at-most-once, docs/decisions.md).
 */
export const PUSH_STATUSES = ['none', 'pending', 'sending', 'sent', 'failed', 'unknown'] as const;
export type PushStatus = (typeof PUSH_STATUSES)[number];

/**
 * The in-app inbox. `dedupe_key` is unique per user, so an effect that runs twice (a job retried
 * after a crash) cannot notify twice.
 */
@Entity('notifications')
@Index(['userId', 'dedupeKey'], { unique: true })
@Index('idx_notifications_inbox', ['userId', 'id'])
@Index('idx_notifications_push', ['id'], { where: `push_status = 'pending'` })
// The unread badge and per-ticket counts read only unread rows: a partial index keeps them cheap.
@Index('idx_notifications_unread', ['userId', 'ticketId'], { where: 'read_at IS NULL' })
// The sweep finds claims whose lease ran out.
@Index('idx_notifications_claimed', ['claimedAt'], { where: `push_status = 'sending'` })
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

  /** Which subscribe template (and so which user consent) the push uses: 'status' or 'visit'. */
  @Column({ name: 'push_template', type: 'varchar', length: 20, nullable: true })
  pushTemplate: string | null;

  /** When a worker claimed the push (push_status 'sending'); a claim older than the lease is recovered. */
  @Column({ name: 'claimed_at', type: 'timestamptz', nullable: true })
  claimedAt: Date | null;

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
