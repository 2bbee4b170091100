import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';

/**
 * A resident's running balance, kept equal to the sum of their ledger in the same transaction as
 * every entry. Its row is what concurrent redemptions lock (SELECT … FOR UPDATE), so two spends of
 * one resident run one after the other; the CHECK is the last line against a negative balance.
 */
@Entity('points_accounts')
@Check('ck_points_accounts_balance', 'balance >= 0')
export class PointsAccount {
  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @OneToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ type: 'int', default: 0 })
  balance: number;
}
