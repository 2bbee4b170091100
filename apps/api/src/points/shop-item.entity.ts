import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';

/** An item of a community's 爱心屋 (points shop). Stock is decremented by a guarded UPDATE; the CHECK backs it. */
@Entity('shop_items')
@Index('idx_shop_items_community', ['communityId', 'id'])
@Check('ck_shop_items_stock', 'stock >= 0 AND price > 0')
export class ShopItem {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'community_id' })
  community?: OrgUnit;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'int' })
  price: number;

  @Column({ type: 'int' })
  stock: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
