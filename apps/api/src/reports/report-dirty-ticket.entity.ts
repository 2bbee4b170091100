import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A ticket whose report slices must be recomputed. Written by triggers on tickets, ticket_events
 * and ticket_deadlines in the changing transaction; emptied by the `reports.rollup` drain. It is
 * the source of truth for what is stale (Redis may lose the job, never this row).
 */
@Entity('report_dirty_tickets')
// The drain takes the oldest marks first.
@Index('idx_report_dirty_marked', ['markedAt'])
export class ReportDirtyTicket {
  @PrimaryColumn({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  /** Shanghai days the ticket's facts may have left (old deadlines, old close times). */
  @Column({ type: 'date', array: true, default: () => "'{}'" })
  days: string[];

  /** Compared on delete: a ticket marked again while a drain ran stays dirty. */
  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
