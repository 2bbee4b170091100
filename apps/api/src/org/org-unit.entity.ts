import { ORG_UNIT_KINDS, type OrgUnitKind } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, JoinColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One node of district → street → community → grid → compound → building. Each row keeps the ids
 * of its ancestors so that a ticket can copy them at report time and every scope check becomes a
 * plain equality on the ticket (`community_id = :scope`), with no recursive query.
 */
@Entity('org_units')
@Index(['kind', 'parentId'])
// GIN over rb_bigrams(name) for compounds and buildings (migration 1795300004300): a search word's places.
@Index('idx_org_units_place_name_bigram', { synchronize: false })
export class OrgUnit {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'enum', enum: ORG_UNIT_KINDS, enumName: 'org_unit_kind' })
  kind: OrgUnitKind;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id' })
  parent?: OrgUnit;

  @Column({ name: 'district_id', type: 'int', nullable: true })
  districtId: number | null;

  @Column({ name: 'street_id', type: 'int', nullable: true })
  streetId: number | null;

  @Column({ name: 'community_id', type: 'int', nullable: true })
  communityId: number | null;

  @Column({ name: 'grid_id', type: 'int', nullable: true })
  gridId: number | null;

  @Column({ name: 'compound_id', type: 'int', nullable: true })
  compoundId: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  /** Households served: the denominator of the complaint rate. */
  @Column({ type: 'int', nullable: true })
  households: number | null;

  /** 单元数: the entrances (stairwells) of a building, as the district's register lists them. */
  @Column({ type: 'int', nullable: true })
  entrances: number | null;

  /** 建筑面积 in m² (exact, two places): a compound's or building's total, from the district's register. */
  @Column({ name: 'floor_area_m2', type: 'numeric', precision: 12, scale: 2, nullable: true })
  floorAreaM2: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
