import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { RegisterUnit } from './register-unit.entity';

export const UNIT_OWNER_STATUSES = ['requested', 'verified', 'rejected'] as const;
export type UnitOwnerStatus = (typeof UNIT_OWNER_STATUSES)[number];

/**
 * A resident's link to a unit of the register. Only a `verified` link (community staff confirmed a
 * resident's request, or bound the owner directly) lets the resident vote for the unit; a tenant
 * never gets one.
 */
@Entity('unit_owners')
@Index('uq_unit_owners_unit_user', ['unitId', 'userId'], { unique: true })
export class UnitOwner {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => RegisterUnit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'unit_id' })
  unit?: RegisterUnit;

  @Index()
  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'enum', enum: UNIT_OWNER_STATUSES, enumName: 'unit_owner_status' })
  status: UnitOwnerStatus;

  @CreateDateColumn({ name: 'requested_at', type: 'timestamptz' })
  requestedAt: Date;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
