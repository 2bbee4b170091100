import type { SitePlan } from '@red-butler/domain';
import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

/**
 * 小区平面图: one per compound, the plan as validated JSON (see `validateSitePlan`). `revision` grows
 * with every edit and names the ETag, so a phone that cached the plan asks "still revision N?" and
 * gets a 304 instead of the document.
 */
@Entity('compound_plans')
export class CompoundPlan {
  @PrimaryColumn({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'jsonb' })
  data: SitePlan;

  @Column({ type: 'int', default: 1 })
  revision: number;

  /** Null for a generated demo plan (the seed), else the admin who last saved it. */
  @Column({ name: 'updated_by', type: 'int', nullable: true })
  updatedBy: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
