import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A ticket whose report facts must be folded in again. Written by triggers on tickets, ticket_events,
 * ticket_deadlines and (households known ↔ unknown) org_units in the changing transaction; emptied
 * by the `reports.rollup` drain. It is the source of truth for what is stale (Redis may lose the
 * job, never this row).
 */
@Entity('report_dirty_tickets')
// The drain takes the oldest marks first.
@Index('idx_report_dirty_marked', ['markedAt'])
export class ReportDirtyTicket {
  @PrimaryColumn({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  /**
   * Shanghai days the ticket's facts may have left (old deadlines, old close times). Still written by
   * the triggers, no longer read: the drain finds the days a ticket's facts left in report_ticket_facts.
   */
  @Column({ type: 'date', array: true, default: () => "'{}'" })
  days: string[];

  /** Compared on delete: a ticket marked again while a drain ran stays dirty. */
  @Column({ name: 'marked_at', type: 'timestamptz', default: () => 'now()' })
  markedAt: Date;
}
