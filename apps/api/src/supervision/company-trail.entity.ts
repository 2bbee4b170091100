import { TRAIL_KINDS, type TrailKind } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../org/organization.entity';

/**
 * The append-only record of what was asked of a company and what followed (a trigger refuses
 * UPDATE and DELETE). `summary` is written for residents: no names, phones or internal notes;
 * `detail` carries those for staff.
 */
@Entity('company_trail')
@Index(['organizationId', 'id'])
export class CompanyTrailEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ name: 'compound_ids', type: 'int', array: true })
  compoundIds: number[];

  @Column({ type: 'enum', enum: TRAIL_KINDS, enumName: 'trail_kind' })
  kind: TrailKind;

  @Column({ name: 'notice_id', type: 'int', nullable: true })
  noticeId: number | null;

  @Column({ type: 'varchar', length: 500 })
  summary: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  detail: Record<string, unknown>;

  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
