import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';
import { SupervisionNotice } from './supervision-notice.entity';

/**
 * 降级: a company loses `steps` stars for one compound in every ranking from `effective_quarter`
 * (the quarter after the one it was recorded in) through `until_quarter` (null: until lifted).
 */
@Entity('star_downgrades')
@Index('uq_star_downgrades_notice_compound', ['noticeId', 'compoundId'], { unique: true })
@Index(['organizationId', 'effectiveQuarter'])
export class StarDowngrade {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'notice_id', type: 'int' })
  noticeId: number;

  @ManyToOne(() => SupervisionNotice, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'notice_id' })
  notice?: SupervisionNotice;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ type: 'int', default: 1 })
  steps: number;

  @Column({ name: 'effective_quarter', type: 'varchar', length: 6 })
  effectiveQuarter: string;

  @Column({ name: 'until_quarter', type: 'varchar', length: 6, nullable: true })
  untilQuarter: string | null;

  @Column({ type: 'varchar', length: 1000 })
  reason: string;

  @Column({ name: 'created_by', type: 'int' })
  createdBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by' })
  creator?: User;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
