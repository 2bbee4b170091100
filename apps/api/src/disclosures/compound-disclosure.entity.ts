import { DISCLOSURE_BASIS_KINDS, DISCLOSURE_STATUSES, type DisclosureBasisKind, type DisclosureStatus } from '@red-butler/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrgUnit } from '../org/org-unit.entity';
import { Organization } from '../org/organization.entity';
import { User } from '../users/user.entity';

/** One fee-standard row: amounts are exact decimal strings (yuan), never floats. */
export interface FeeItem {
  item: string;
  unit: string;
  amount: string;
}

/**
 * 五公开: one version of a compound's five disclosures by its serving company. Every version is
 * kept; a draft is edited (guarded by `revision`), submitted, then approved or rejected by the
 * community. The public one is the latest approved. Once reviewed a version is frozen by a trigger,
 * and at most one draft/pending version per compound exists (partial unique index), so two
 * managers cannot open two.
 */
@Entity('compound_disclosures')
@Index('uq_compound_disclosures_version', ['compoundId', 'version'], { unique: true })
@Index('uq_compound_disclosures_open', ['compoundId'], { unique: true, where: `status IN ('draft', 'pending_review')` })
@Index('idx_compound_disclosures_status', ['status', 'id'])
export class CompoundDisclosure {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'enum', enum: DISCLOSURE_STATUSES, enumName: 'disclosure_status', default: 'draft' })
  status: DisclosureStatus;

  /** Bumped by every edit: the guard of the next edit, so a stale form is 409. */
  @Column({ type: 'int', default: 1 })
  revision: number;

  @Column({ name: 'service_content', type: 'text' })
  serviceContent: string;

  @Column({ name: 'fee_items', type: 'jsonb' })
  feeItems: FeeItem[];

  @Column({ name: 'basis_kind', type: 'enum', enum: DISCLOSURE_BASIS_KINDS, enumName: 'disclosure_basis_kind' })
  basisKind: DisclosureBasisKind;

  @Column({ name: 'basis_text', type: 'text' })
  basisText: string;

  @Column({ name: 'basis_upload_id', type: 'uuid', nullable: true })
  basisUploadId: string | null;

  @Column({ type: 'text' })
  commitments: string;

  @Column({ name: 'complaint_phone', type: 'varchar', length: 20 })
  complaintPhone: string;

  @Column({ name: 'drafted_by', type: 'int' })
  draftedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'drafted_by' })
  drafter?: User;

  @Column({ name: 'drafted_at', type: 'timestamptz' })
  draftedAt: Date;

  @Column({ name: 'updated_by', type: 'int' })
  updatedBy: number;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'submitted_by', type: 'int', nullable: true })
  submittedBy: number | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt: Date | null;

  @Column({ name: 'reviewed_by', type: 'int', nullable: true })
  reviewedBy: number | null;

  @Column({ name: 'reviewed_at', type: 'timestamptz', nullable: true })
  reviewedAt: Date | null;

  @Column({ name: 'review_note', type: 'varchar', length: 500, nullable: true })
  reviewNote: string | null;
}
