import { ORGANIZATION_KINDS, type OrganizationKind } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from './org-unit.entity';

/** A property company (物业公司) or a government department (职能部门) that handles tickets. */
@Entity('organizations')
export class Organization {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'enum', enum: ORGANIZATION_KINDS, enumName: 'organization_kind' })
  kind: OrganizationKind;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** 统一社会信用代码 (GB 32100-2015): a company's natural key in the district import; departments have none. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 18, nullable: true })
  uscc: string | null;

  @Column({ name: 'short_name', type: 'varchar', length: 40, nullable: true })
  shortName: string | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  phone: string | null;

  @Column({ name: 'district_id', type: 'int' })
  districtId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'district_id' })
  district?: OrgUnit;

  /** The state-owned company that takes compounds nobody else serves (国企兜底). */
  @Column({ name: 'is_fallback', type: 'boolean', default: false })
  isFallback: boolean;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
