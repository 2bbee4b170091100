import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Activity } from './activity.entity';

/** A resident's sign-up for an activity; one per (activity, resident). Check-in sets attended_at once. */
@Entity('activity_signups')
@Index('uq_activity_signups', ['activityId', 'userId'], { unique: true })
export class ActivitySignup {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'activity_id', type: 'int' })
  activityId: number;

  @ManyToOne(() => Activity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'activity_id' })
  activity?: Activity;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'attended_at', type: 'timestamptz', nullable: true })
  attendedAt: Date | null;

  @Column({ name: 'checked_by', type: 'int', nullable: true })
  checkedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'checked_by' })
  checker?: User;
}
