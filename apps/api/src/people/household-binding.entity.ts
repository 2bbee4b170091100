import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { RegisterUnit } from '../owners/register-unit.entity';
import { User } from '../users/user.entity';

export const HOUSEHOLD_TENURES = ['owner', 'tenant'] as const;
export type HouseholdTenure = (typeof HOUSEHOLD_TENURES)[number];
export const HOUSEHOLD_BINDING_STATUSES = ['requested', 'approved', 'refused'] as const;
export type HouseholdBindingStatus = (typeof HOUSEHOLD_BINDING_STATUSES)[number];

/**
 * 绑定房屋: a resident's request to be bound to a home (compound, building, optionally the unit of
 * the register or a room number), as owner or tenant; the compound's community staff approve or
 * refuse it, or bind a resident directly. An approved owner binding names a register unit and
 * writes the verified unit_owners link in the same transaction (see docs/decisions.md).
 */
@Entity('household_bindings')
@Index('uq_household_bindings_pending', ['userId', 'compoundId'], { unique: true, where: `status = 'requested'` })
export class HouseholdBinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Index()
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Index()
  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'building_id', type: 'int' })
  buildingId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'building_id' })
  building?: OrgUnit;

  @Column({ name: 'unit_id', type: 'int', nullable: true })
  unitId: number | null;

  @ManyToOne(() => RegisterUnit, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'unit_id' })
  unit?: RegisterUnit;

  /** 单元-室 as the resident writes it, when no register unit is named (tenants, compounds without a register). */
  @Column({ type: 'varchar', length: 32, nullable: true })
  room: string | null;

  @Column({ type: 'enum', enum: HOUSEHOLD_TENURES, enumName: 'household_tenure' })
  tenure: HouseholdTenure;

  @Column({ type: 'enum', enum: HOUSEHOLD_BINDING_STATUSES, enumName: 'household_binding_status', default: 'requested' })
  status: HouseholdBindingStatus;

  /** Why staff refused (shown to the resident). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  reason: string | null;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
