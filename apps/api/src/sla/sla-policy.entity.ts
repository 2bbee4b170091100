import { PRIORITIES, SLA_CLOCKS, type Priority, type SlaClock } from '@red-butler/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Category } from '../org/category.entity';

/**
 * 时限: how long each party has, per category × priority. Working-time policies count on the
 * working calendar; clock-time policies (emergencies) count every minute.
 */
@Entity('sla_policies')
@Index(['categoryId', 'priority'], { unique: true })
export class SlaPolicy {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'priority' })
  priority: Priority;

  @Column({ type: 'enum', enum: SLA_CLOCKS, enumName: 'sla_clock' })
  clock: SlaClock;

  @Column({ name: 'dispatch_minutes', type: 'int' })
  dispatchMinutes: number;

  @Column({ name: 'accept_minutes', type: 'int' })
  acceptMinutes: number;

  @Column({ name: 'resolve_minutes', type: 'int' })
  resolveMinutes: number;

  /** The resident's window to rate in the app (clock time), then a phone visit is due. */
  @Column({ name: 'survey_minutes', type: 'int', default: 72 * 60 })
  surveyMinutes: number;

  /** The community's window for the phone visit (clock time); after it, closed as 未评价. */
  @Column({ name: 'visit_minutes', type: 'int', default: 7 * 24 * 60 })
  visitMinutes: number;

  /** Warn the responsible people once this share of the allowed time has passed. */
  @Column({ name: 'warn_ratio', type: 'real', default: 0.8 })
  warnRatio: number;

  /** Each 督办 level gets this long (same clock as the policy) before the next level is called. */
  @Column({ name: 'escalation_minutes', type: 'int', default: 240 })
  escalationMinutes: number;

  /** A pause (挂起) longer than this ends by itself and the clock runs again. */
  @Column({ name: 'max_pause_minutes', type: 'int', default: 3 * 24 * 60 })
  maxPauseMinutes: number;

  /** 挂起 needs the community's approval: the handler's pause becomes a request the community decides. */
  @Column({ name: 'pause_needs_approval', type: 'boolean', default: false })
  pauseNeedsApproval: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
