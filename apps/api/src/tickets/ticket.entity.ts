import {
  CHANNELS, HANDLER_KINDS, PRIORITIES, RATINGS, TICKET_STATUSES,
  type Channel, type HandlerKind, type Priority, type Rating, type TicketStatus,
} from '@red-butler/domain';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Category } from '../org/category.entity';
import { Organization } from '../org/organization.entity';
import { OrgUnit } from '../org/org-unit.entity';
import { User } from '../users/user.entity';

/**
 * 工单. The ancestor ids (district … building) are copied from the compound at report time so
 * that scope filters are equalities on indexed columns. `version` guards every state change.
 */
@Entity('tickets')
@Check('ck_tickets_plan_point', '(plan_x IS NULL) = (plan_y IS NULL)')
@Index('idx_tickets_created', { synchronize: false })
// Trigram (pg_trgm GIN) indexes for list search; written by hand in 1795300003500-TicketSearch.
@Index('idx_tickets_description_trgm', { synchronize: false })
@Index('idx_tickets_address_trgm', { synchronize: false })
// 2-character grams of description and address (GIN, rb_bigrams); by hand in 1795300003900-TicketBigramSearch.
@Index('idx_tickets_text_bigram', { synchronize: false })
@Index('idx_tickets_community_status', ['communityId', 'status', 'id'])
// Newest first in one community or compound, whatever the status (migration 1795300004100).
@Index('idx_tickets_community', ['communityId', 'id'])
@Index('idx_tickets_compound', ['compoundId', 'id'])
// By deadline in a community's queue and an inbox tab (migration 1795300004200).
@Index('idx_tickets_community_due', ['communityId', 'status', 'dueKey', 'id'])
@Index('idx_tickets_handler_due', ['handlerOrgId', 'status', 'dueKey', 'id'])
@Index('idx_tickets_street', ['streetId', 'id'])
@Index('idx_tickets_district', ['districtId', 'id'])
@Index('idx_tickets_grid', ['gridId', 'id'])
@Index('idx_tickets_handler', ['handlerOrgId', 'status', 'id'])
@Index('idx_tickets_reporter', ['reporterId', 'id'])
@Index('idx_tickets_assignee', ['assigneeId', 'id'])
@Index('idx_tickets_building_category', ['buildingId', 'categoryId'])
@Index('idx_tickets_compound_plan', ['compoundId', 'categoryId'], { where: 'plan_x IS NOT NULL' })
export class Ticket {
  @PrimaryGeneratedColumn()
  id: number;

  /** The number a resident reads out on the phone, e.g. HG261122000042. */
  @Index({ unique: true })
  @Column({ type: 'varchar', length: 20 })
  no: string;

  @Column({ type: 'enum', enum: TICKET_STATUSES, enumName: 'ticket_status' })
  status: TicketStatus;

  @Column({ name: 'category_id', type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Column({ type: 'enum', enum: PRIORITIES, enumName: 'priority' })
  priority: Priority;

  @Column({ type: 'enum', enum: CHANNELS, enumName: 'channel' })
  channel: Channel;

  @Column({ type: 'text' })
  description: string;

  @Column({ name: 'reporter_id', type: 'int' })
  reporterId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reporter_id' })
  reporter?: User;

  /** The phone to call back: the resident's own, or the caller's on a hotline case. */
  @Column({ name: 'reporter_phone', type: 'varchar', length: 20, nullable: true })
  reporterPhone: string | null;

  /** 12345 hotline: the platform's case number (工单编号); one ticket per case, so re-imports skip it. */
  @Index('uq_tickets_hotline_case_no', { unique: true })
  @Column({ name: 'hotline_case_no', type: 'varchar', length: 40, nullable: true })
  hotlineCaseNo: string | null;

  /** 12345 hotline: when the resident called the hotline (the ticket's own clocks start at entry). */
  @Column({ name: 'called_at', type: 'timestamptz', nullable: true })
  calledAt: Date | null;

  /** Hotline and walk-in cases: the resident's name as given; the reporter is the staff member. */
  @Column({ name: 'caller_name', type: 'varchar', length: 50, nullable: true })
  callerName: string | null;

  @Column({ name: 'district_id', type: 'int' })
  districtId: number;

  @Column({ name: 'street_id', type: 'int' })
  streetId: number;

  @Column({ name: 'community_id', type: 'int' })
  communityId: number;

  @Column({ name: 'grid_id', type: 'int', nullable: true })
  gridId: number | null;

  @Column({ name: 'compound_id', type: 'int' })
  compoundId: number;

  @ManyToOne(() => OrgUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'compound_id' })
  compound?: OrgUnit;

  @Column({ name: 'building_id', type: 'int', nullable: true })
  buildingId: number | null;

  @ManyToOne(() => OrgUnit, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'building_id' })
  building?: OrgUnit;

  @Column({ type: 'double precision', nullable: true })
  lat: number | null;

  @Column({ type: 'double precision', nullable: true })
  lng: number | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  address: string | null;

  /** Where on the compound's 小区平面图 the resident tapped (plan units ≈ metres); both or neither. */
  @Column({ name: 'plan_x', type: 'real', nullable: true })
  planX: number | null;

  @Column({ name: 'plan_y', type: 'real', nullable: true })
  planY: number | null;

  @Column({ name: 'handler_kind', type: 'enum', enum: HANDLER_KINDS, enumName: 'handler_kind', nullable: true })
  handlerKind: HandlerKind | null;

  @Column({ name: 'handler_org_id', type: 'int', nullable: true })
  handlerOrgId: number | null;

  @ManyToOne(() => Organization, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_org_id' })
  handlerOrg?: Organization;

  @Column({ name: 'assignee_id', type: 'int', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User;

  @Column({ name: 'merged_into_id', type: 'int', nullable: true })
  mergedIntoId: number | null;

  @ManyToOne(() => Ticket, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'merged_into_id' })
  mergedInto?: Ticket;

  @Column({ name: 'return_count', type: 'int', default: 0 })
  returnCount: number;

  @Column({ name: 'reopen_count', type: 'int', default: 0 })
  reopenCount: number;

  @Column({ type: 'enum', enum: RATINGS, enumName: 'rating', nullable: true })
  rating: Rating | null;

  @Column({ name: 'rating_comment', type: 'varchar', length: 500, nullable: true })
  ratingComment: string | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ name: 'dispatched_at', type: 'timestamptz', nullable: true })
  dispatchedAt: Date | null;

  @Column({ name: 'accepted_at', type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  /**
   * The earliest open deadline (survey window excepted), to the millisecond; `infinity` when none.
   * The lists' "by deadline" key, kept by triggers on ticket_deadlines (migration 1795300004200),
   * never by the application.
   */
  @Column({ name: 'due_key', type: 'timestamptz', default: () => "'infinity'", select: false, insert: false, update: false })
  dueKey: Date;
}
