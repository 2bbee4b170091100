import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * 报表日汇总 One slice of pre-aggregated SLA facts: additive counts, sums of minutes and a handling-time
 * histogram per leg, for one day (or one month, `grain`) × community × one dimension (`dim`):
 * 'all' (dim_id 0), 'category' (category id), 'handler' (the 责任单位's organization id, 0: none)
 * or 'channel' (the channel's position in the `channel` enum) × `until`. Each dimension holds the
 * same facts summed differently, so a report by company reads only the handler rows: a year is
 * 12 months × communities × companies rows, not × categories × channels as a single cube would be.
 * Written only by ReportRollupService from the facts of sla-facts.sql.ts; read by SlaReportService
 * instead of the raw tables.
 *
 * `until` (超期未办截止日) only splits the overdue counts: the Shanghai day the overdue leg closed. An
 * overdue leg counts as still open in a bucket [s, e) when until ≥ e; 'infinity' marks legs still
 * open (and every non-overdue fact), a day at or before the slice's own day marks legs closed
 * within the slice (never open at a bucket's end).
 */
@Entity('report_rollups')
export class ReportRollup {
  @PrimaryColumn({ type: 'varchar', length: 5 })
  grain: 'day' | 'month';

  @PrimaryColumn({ type: 'date' })
  day: string;

  @PrimaryColumn({ name: 'community_id', type: 'int' })
  communityId: number;

  @PrimaryColumn({ type: 'varchar', length: 8 })
  dim: 'all' | 'category' | 'handler' | 'channel';

  @PrimaryColumn({ name: 'dim_id', type: 'int' })
  dimId: number;

  @PrimaryColumn({ type: 'date' })
  until: string;

  @Column({ type: 'int', default: 0 }) received: number;
  @Column({ type: 'int', default: 0 }) complaints: number;
  @Column({ type: 'int', default: 0 }) resolved: number;
  @Column({ type: 'int', default: 0 }) resolutions: number;
  @Column({ name: 'dispatch_closed', type: 'int', default: 0 }) dispatchClosed: number;
  @Column({ name: 'dispatch_on_time', type: 'int', default: 0 }) dispatchOnTime: number;
  @Column({ name: 'dispatch_minutes', type: 'numeric', default: 0 }) dispatchMinutes: string;
  @Column({ name: 'dispatch_bins', type: 'int', array: true, nullable: true }) dispatchBins: number[] | null;
  @Column({ name: 'accept_closed', type: 'int', default: 0 }) acceptClosed: number;
  @Column({ name: 'accept_on_time', type: 'int', default: 0 }) acceptOnTime: number;
  @Column({ name: 'accept_minutes', type: 'numeric', default: 0 }) acceptMinutes: string;
  @Column({ name: 'accept_bins', type: 'int', array: true, nullable: true }) acceptBins: number[] | null;
  @Column({ name: 'resolve_closed', type: 'int', default: 0 }) resolveClosed: number;
  @Column({ name: 'resolved_on_time', type: 'int', default: 0 }) resolvedOnTime: number;
  @Column({ name: 'resolve_minutes', type: 'numeric', default: 0 }) resolveMinutes: string;
  @Column({ name: 'resolve_bins', type: 'int', array: true, nullable: true }) resolveBins: number[] | null;
  @Column({ name: 'resolve_withdrawn_late', type: 'int', default: 0 }) resolveWithdrawnLate: number;
  @Column({ type: 'int', default: 0 }) overdue: number;
  @Column({ name: 'resolve_overdue', type: 'int', default: 0 }) resolveOverdue: number;
  @Column({ name: 'surveys_sent', type: 'int', default: 0 }) surveysSent: number;
  @Column({ type: 'int', default: 0 }) satisfied: number;
  @Column({ name: 'basically_satisfied', type: 'int', default: 0 }) basicallySatisfied: number;
  @Column({ type: 'int', default: 0 }) dissatisfied: number;
  @Column({ type: 'int', default: 0 }) unrated: number;
}
