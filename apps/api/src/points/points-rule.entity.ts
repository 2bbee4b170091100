import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

export const POINTS_RULE_KINDS = ['activity_hour', 'report_confirmed', 'survey_answered'] as const;
export type PointsRuleKind = (typeof POINTS_RULE_KINDS)[number];

/**
 * An earning rule, as data: set district-wide by an admin (org unit = the district) or for one
 * community by its staff; the community's rule wins over the district's. `points` is per hour for
 * activity_hour, per event otherwise; `daily_cap` bounds what one person earns by it in one
 * Asia/Shanghai day.
 */
@Entity('points_rules')
@Index('uq_points_rules_unit_kind', ['orgUnitId', 'kind'], { unique: true })
@Check('ck_points_rules_points', 'points >= 0 AND daily_cap >= 0')
export class PointsRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'org_unit_id', type: 'int' })
  orgUnitId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnit;

  @Column({ type: 'enum', enum: POINTS_RULE_KINDS, enumName: 'points_rule_kind' })
  kind: PointsRuleKind;

  @Column({ type: 'int' })
  points: number;

  @Column({ name: 'daily_cap', type: 'int' })
  dailyCap: number;

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by' })
  updater?: User;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
