import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

export const POINTS_ENTRY_KINDS = ['earn', 'spend', 'reverse'] as const;
export type PointsEntryKind = (typeof POINTS_ENTRY_KINDS)[number];
export const POINTS_SOURCE_KINDS = ['activity', 'report', 'survey', 'redemption'] as const;
export type PointsSourceKind = (typeof POINTS_SOURCE_KINDS)[number];

/**
 * One line of a resident's points ledger. Append-only (a trigger refuses UPDATE and DELETE): a
 * mistake is corrected by a `reverse` line naming the line it takes back. `points` is signed
 * (earn > 0, spend < 0, reverse the opposite sign of what it reverses), so the balance is the sum.
 * The unique (user, kind, source) key makes every earning idempotent: the same check-in, report or
 * survey answer can never earn twice, and one line is reversed at most once.
 */
@Entity('points_entries')
@Index('uq_points_entries_source', ['userId', 'kind', 'sourceKind', 'sourceId'], { unique: true })
@Index('idx_points_entries_user', ['userId', 'id'])
@Index('idx_points_entries_community', ['communityId', 'createdAt'])
export class PointsEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The community the points were earned or spent in: the supervisor's participation view groups by it. */
  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: OrgUnit;

  @Column({ type: 'enum', enum: POINTS_ENTRY_KINDS, enumName: 'points_entry_kind' })
  kind: PointsEntryKind;

  @Column({ type: 'int' })
  points: number;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ name: 'source_kind', type: 'enum', enum: POINTS_SOURCE_KINDS, enumName: 'points_source_kind' })
  sourceKind: PointsSourceKind;

  @Column({ name: 'source_id', type: 'int' })
  sourceId: number;

  /** The day (Asia/Shanghai) the line counts towards a daily cap. */
  @Column({ type: 'date' })
  day: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
