import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

/**
 * A community activity (志愿服务, 集体劳动). `signed_up` counts sign-ups and is raised by a guarded
 * UPDATE (`signed_up < capacity`), so concurrent sign-ups cannot overfill it; the CHECK backs that.
 */
@Entity('activities')
@Index('idx_activities_community', ['communityId', 'startsAt'])
@Check('ck_activities_capacity', 'signed_up >= 0 AND signed_up <= capacity AND capacity > 0 AND hours_tenths > 0')
export class Activity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: OrgUnit;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'varchar', length: 100 })
  place: string;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt: Date;

  /** Hours credited to each attendee, in tenths of an hour (1.5 h = 15) so points stay integers. */
  @Column({ name: 'hours_tenths', type: 'int' })
  hoursTenths: number;

  @Column({ type: 'int' })
  capacity: number;

  @Column({ name: 'signed_up', type: 'int', default: 0 })
  signedUp: number;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
