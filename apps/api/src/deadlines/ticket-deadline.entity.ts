import { DEADLINE_LEGS, DEADLINE_PARTIES, SLA_CLOCKS, type DeadlineLeg, type DeadlineParty, type SlaClock } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';

export const DEADLINE_STATUSES = ['open', 'met', 'cancelled'] as const;
export type DeadlineStatus = (typeof DEADLINE_STATUSES)[number];

export const DEADLINE_EVENTS = ['warn', 'breach', 'escalate', 'resume'] as const;
export type DeadlineEvent = (typeof DEADLINE_EVENTS)[number];

/**
 * One leg's clock: who owes what by when. The database is the source of truth for every timer;
 * `next_event_at` / `next_event` say what the workers must do next, and the sweep turns the rows
 * that come due soon into delayed jobs. A leg stays `open` until the party acts; `breached_at`
 * records that it was late (so reports can say who was late even after it is met).
 */
@Entity('ticket_deadlines')
// Report indexes (partial, one on an expression) live in migration 1795300000003.
@Index('idx_ticket_deadlines_started', { synchronize: false })
@Index('idx_ticket_deadlines_closed', { synchronize: false })
@Index('idx_ticket_deadlines_overdue', { synchronize: false })
// Open overdue legs only, for the metrics' count (migration 1795300000700).
@Index('idx_ticket_deadlines_open_breached', { synchronize: false })
// The 督办 board's pages, in its order (migration 1795300004000).
@Index('idx_ticket_deadlines_overdue_board', { synchronize: false })
@Index('idx_ticket_deadlines_ticket', ['ticketId', 'leg'])
@Index('idx_ticket_deadlines_next', ['nextEventAt'], { where: `status = 'open' AND next_event_at IS NOT NULL` })
// The sweep's "changed since my last pass" read (migration 1795300003700).
@Index('idx_ticket_deadlines_changed', ['changedXid'], { where: `status = 'open' AND next_event_at IS NOT NULL` })
export class TicketDeadline {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @Column({ type: 'enum', enum: DEADLINE_LEGS, enumName: 'deadline_leg' })
  leg: DeadlineLeg;

  @Column({ type: 'enum', enum: DEADLINE_PARTIES, enumName: 'deadline_party' })
  party: DeadlineParty;

  /** The company or department that owes the leg (accept/resolve legs). */
  @Column({ name: 'party_org_id', type: 'int', nullable: true })
  partyOrgId: number | null;

  @Column({ type: 'enum', enum: SLA_CLOCKS, enumName: 'sla_clock' })
  clock: SlaClock;

  @Column({ name: 'allowed_minutes', type: 'int' })
  allowedMinutes: number;

  @Column({ name: 'warn_ratio', type: 'real' })
  warnRatio: number;

  @Column({ name: 'escalation_minutes', type: 'int' })
  escalationMinutes: number;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  /** Null while paused (the deadline is unknown until the clock runs again). */
  @Column({ name: 'due_at', type: 'timestamptz', nullable: true })
  dueAt: Date | null;

  @Column({ name: 'warn_at', type: 'timestamptz', nullable: true })
  warnAt: Date | null;

  @Column({ type: 'enum', enum: DEADLINE_STATUSES, enumName: 'deadline_status', default: 'open' })
  status: DeadlineStatus;

  @Column({ name: 'warned_at', type: 'timestamptz', nullable: true })
  warnedAt: Date | null;

  /**
   * Set instead of `warned_at` when the warning came due only after the deadline had passed (the
   * worker was down): no warning is sent for a time already gone, the overdue notice comes alone.
   */
  @Column({ name: 'warn_skipped_at', type: 'timestamptz', nullable: true })
  warnSkippedAt: Date | null;

  @Column({ name: 'breached_at', type: 'timestamptz', nullable: true })
  breachedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /** 督办 level reached after the breach: 0 none, 1 handler, 2 community, 3 street, 4 district. */
  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** Minutes of the leg's clock that were left when it was paused; due_at is recomputed from them. */
  @Column({ name: 'remaining_minutes', type: 'real', nullable: true })
  remainingMinutes: number | null;

  /** Total paused time so far (minutes of the leg's clock), for the timeline and for reports. */
  @Column({ name: 'paused_minutes', type: 'real', default: 0 })
  pausedMinutes: number;

  @Column({ name: 'pause_reason', type: 'varchar', length: 200, nullable: true })
  pauseReason: string | null;

  @Column({ name: 'next_event_at', type: 'timestamptz', nullable: true })
  nextEventAt: Date | null;

  @Column({ name: 'next_event', type: 'enum', enum: DEADLINE_EVENTS, enumName: 'deadline_event', nullable: true })
  nextEvent: DeadlineEvent | null;

  /** The API request that opened the leg: the worker's log lines for its effects carry it. */
  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  /**
   * The transaction that last inserted the leg or changed its next event or status (an xid8 as
   * bigint), written by a trigger whoever writes; never by the application. The sweep reads only
   * rows whose writer its previous pass could not see (DeadlineSweep).
   */
  @Column({ name: 'changed_xid', type: 'bigint', default: 0, select: false, insert: false, update: false })
  changedXid: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
