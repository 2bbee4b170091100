import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';

/**
 * One 专有部分 of a compound's register: the electorate of its 业主大会. The area is the registered
 * floor area (numeric, exact to 0.01 m²); the owner is named and keyed by a hash of the ID number,
 * never the number itself. An unsold or not handed-over unit has no owner: it is the developer's.
 */
@Entity('register_units')
@Index('uq_register_units_unit', ['compoundId', 'buildingId', 'unitNo'], { unique: true })
export class RegisterUnit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'building_id', type: 'int' })
  buildingId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: OrgUnit;

  /** 房号 as the register writes it, e.g. "2-1101" (单元-室). */
  @Column({ name: 'unit_no', type: 'varchar', length: 32 })
  unitNo: string;

  @Column({ name: 'area_m2', type: 'numeric', precision: 12, scale: 2 })
  areaM2: string;

  /** Sold and handed over; false: still the developer's (one head together, SPC art. 9). */
  @Column({ type: 'boolean' })
  sold: boolean;

  @Column({ name: 'owner_name', type: 'varchar', length: 100, nullable: true })
  ownerName: string | null;

  /** SHA-256 of the normalised ID number (owner-key.util.ts): the same person on several units is one head. */
  @Index()
  @Column({ name: 'owner_key', type: 'varchar', length: 64, nullable: true })
  ownerKey: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
