import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { ShopItem } from './shop-item.entity';

export const REDEMPTION_STATUSES = ['pending', 'handed_over', 'cancelled'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** A resident's redemption of one 爱心屋 item: pending until staff hand it over, or cancelled (points and stock back). */
@Entity('redemptions')
@Index('idx_redemptions_user', ['userId', 'id'])
@Index('idx_redemptions_item', ['itemId', 'status'])
export class Redemption {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'item_id', type: 'int' })
  itemId: number;

  @ManyToOne(() => ShopItem, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'item_id' })
  item?: ShopItem;

  @Column({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** The price paid, kept: a later price change does not change what a cancellation gives back. */
  @Column({ type: 'int' })
  price: number;

  @Column({ type: 'enum', enum: REDEMPTION_STATUSES, enumName: 'redemption_status', default: 'pending' })
  status: RedemptionStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;
}
