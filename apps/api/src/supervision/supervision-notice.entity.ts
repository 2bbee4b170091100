import { NOTICE_STATUSES, type NoticeStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

export const NOTICE_EVENTS = ['overdue', 'escalate'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/**
 * 督导通知 to a property company. `next_event`/`next_event_at` are the worker's truth, as on
 * ticket_deadlines: the sweep turns them into jobs, the handler claims the row, Redis may be wiped.
 */
@Entity('supervision_notices')
@Index('idx_supervision_notices_next', ['nextEventAt'], { where: 'next_event_at IS NOT NULL' })
@Index('idx_supervision_notices_org', ['organizationId', 'id'])
export class SupervisionNotice {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'organization_id', type: 'int' })
  organizationId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The compounds the notice is about (one, or all the company serves in the issuer's scope). */
  @Column({ name: 'compound_ids', type: 'int', array: true })
  compoundIds: number[];

  /** Their streets, copied so that scope checks need no join. */
  @Column({ name: 'street_ids', type: 'int', array: true })
  streetIds: number[];

  @Column({ name: 'district_id', type: 'int' })
  districtId: number;

  /** The issuing desk: a street (street staff) or the district (supervisors); it verifies. */
  @Column({ name: 'issuer_unit_id', type: 'int' })
  issuerUnitId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issuer_unit_id' })
  issuerUnit?: OrgUnit;

  @Column({ name: 'issued_by', type: 'int' })
  issuedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'issued_by' })
  issuer?: User;

  @Column({ type: 'varchar', length: 1000 })
  problem: string;

  @Column({ type: 'varchar', length: 1000 })
  expected: string;

  @Column({ name: 'ticket_ids', type: 'int', array: true, default: () => "'{}'" })
  ticketIds: number[];

  /** The 黑榜 quarter the notice refers to ('2026Q3'), checked against the published list. */
  @Column({ name: 'black_list_quarter', type: 'varchar', length: 6, nullable: true })
  blackListQuarter: string | null;

  @Column({ name: 'working_days', type: 'int' })
  workingDays: number;

  @Column({ type: 'enum', enum: NOTICE_STATUSES, enumName: 'notice_status', default: 'issued' })
  status: NoticeStatus;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'issued_at', type: 'timestamptz' })
  issuedAt: Date;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'overdue_at', type: 'timestamptz', nullable: true })
  overdueAt: Date | null;

  @Column({ name: 'escalation_level', type: 'int', default: 0 })
  escalationLevel: number;

  @Column({ name: 'next_event', type: 'enum', enum: NOTICE_EVENTS, enumName: 'notice_event', nullable: true })
  nextEvent: NoticeEvent | null;

  @Column({ name: 'next_event_at', type: 'timestamptz', nullable: true })
  nextEventAt: Date | null;
}
