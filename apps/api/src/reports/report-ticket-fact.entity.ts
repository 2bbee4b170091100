import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * 工单报表事实 One SLA fact (sla-facts.sql.ts) as a ticket last contributed it to report_rollups, with
 * its rollup keys worked out. The drain subtracts a changed ticket's stored facts from the rollups and
 * adds its current ones, so its cost follows the tickets that changed, not the tickets per day; the
 * rebuild rewrites the facts of the days it recomputes and sums the rollups from them. So at any time
 * the day rollups are exactly these rows summed. Keyed by the fact: ticket, fact code (`mc`, the
 * pivot's integer code), the row it comes from (the ticket, an event or a deadline leg) and its day:
 * a rebuild of a range of days may store a dirty ticket's fact on its new day while its old day, not
 * rebuilt, still counts it; both rows stay until the drain takes the ticket's facts away and adds its
 * current ones.
 */
@Entity('report_ticket_facts')
// The rebuild replaces the facts of a range of days.
@Index('idx_report_ticket_facts_day', ['day'])
export class ReportTicketFact {
  @PrimaryColumn({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @PrimaryColumn({ type: 'smallint' })
  mc: number;

  @PrimaryColumn({ name: 'src_id', type: 'bigint' })
  srcId: string;

  /** The Shanghai day of the fact's instant: the day slice it counts in. */
  @PrimaryColumn({ type: 'date' })
  day: string;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  /** 责任单位 as the fact counts it (0: none). */
  @Column({ name: 'handler_org_id', type: 'int' })
  handlerOrgId: number;

  /** The channel's 1-based position in the `channel` enum (the rollups' dim_id for channels). */
  @Column({ name: 'channel_id', type: 'smallint' })
  channelId: number;

  /** The day slice's `until` (see ReportRollup). */
  @Column({ type: 'date' })
  until: string;

  @Column({ type: 'boolean', nullable: true })
  flag: boolean | null;

  /** Handling-time bin of a met leg. */
  @Column({ type: 'smallint', nullable: true })
  bin: number | null;

  /** A leg's wall-clock minutes. */
  @Column({ type: 'numeric', nullable: true })
  v: string | null;
}
