import type { QuarterListEntry, RankingFormula, RankingRow } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

export const QUARTER_LIST_KINDS = ['scheduled', 'correction'] as const;
export type QuarterListKind = (typeof QUARTER_LIST_KINDS)[number];

/**
 * 红黑榜 One published version of a district's red and black lists for a quarter. A row is a frozen
 * snapshot (a trigger refuses UPDATE and DELETE): later ticket changes never alter it, and a
 * correction is a new row with the next version, the old one kept.
 */
@Entity('quarter_lists')
@Index('uq_quarter_lists_version', ['quarter', 'districtId', 'version'], { unique: true })
export class QuarterList {
  @PrimaryGeneratedColumn()
  id: number;

  /** '2026Q4' */
  @Column({ type: 'varchar', length: 6 })
  quarter: string;

  @Column({ name: 'district_id', type: 'int' })
  districtId: number;

  @ManyToOne(() => OrgUnit)
  @JoinColumn({ name: 'district_id' })
  district?: OrgUnit;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'enum', enum: QUARTER_LIST_KINDS, enumName: 'quarter_list_kind' })
  kind: QuarterListKind;

  @Column({ type: 'varchar', length: 500, nullable: true })
  reason: string | null;

  @Column({ name: 'published_by', type: 'int', nullable: true })
  publishedBy: number | null;

  @ManyToOne(() => User)
  @JoinColumn({ name: 'published_by' })
  publisher?: User;

  @CreateDateColumn({ name: 'published_at', type: 'timestamptz' })
  publishedAt: Date;

  /** the formula in force when it was computed */
  @Column({ type: 'jsonb' })
  formula: RankingFormula;

  @Column({ name: 'red_list', type: 'jsonb' })
  redList: QuarterListEntry[];

  @Column({ name: 'black_list', type: 'jsonb' })
  blackList: QuarterListEntry[];

  /** the whole ranking the lists came from, so a reader can see why a company is (not) listed */
  @Column({ type: 'jsonb' })
  ranking: RankingRow[];
}
