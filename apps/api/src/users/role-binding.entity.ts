import { ROLES, type Role } from '@red-butler/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from './user.entity';

/**
 * A role held within a scope: an org unit (community staff of 中强巷社区) or an organization
 * (manager at one property company). A user may hold several.
 */
@Entity('role_bindings')
@Index(['userId', 'role', 'orgUnitId', 'organizationId'], { unique: true })
export class RoleBinding {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, (u) => u.roleBindings, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'enum', enum: ROLES, enumName: 'role' })
  role: Role;

  @Index()
  @Column({ name: 'org_unit_id', type: 'int', nullable: true })
  orgUnitId: number | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'org_unit_id' })
  orgUnit?: OrgUnit;

  @Index()
  @Column({ name: 'organization_id', type: 'int', nullable: true })
  organizationId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;
}
