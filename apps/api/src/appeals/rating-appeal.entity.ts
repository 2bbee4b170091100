import { APPEAL_STATUSES, type AppealStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from '../org/organization.entity';
import { TicketEvent } from '../tickets/ticket-event.entity';
import { Ticket } from '../tickets/ticket.entity';
import { User } from '../users/user.entity';

/**
 * 申诉: the handler says a 不满意 rating was unreasonable; the street upholds or denies it. An upheld
 * appeal takes that rating out of the SLA report (`sla-report.sql.ts`). One appeal per rating, ever:
 * a denied appeal cannot be filed again. Filing and deciding also write ticket_events (the audit trail).
 */
@Entity('rating_appeals')
@Index('idx_rating_appeals_status', ['status', 'id'])
@Index('idx_rating_appeals_ticket', ['ticketId'])
export class RatingAppeal {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** The `rate` or `visit` event that carried the 不满意. */
  @Index({ unique: true })
  @Column({ name: 'rating_event_id', type: 'bigint' })
  ratingEventId: string;

  @ManyToOne(() => TicketEvent, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'rating_event_id' })
  ratingEvent?: TicketEvent;

  /** The company or department whose resolution was rated (the one appealing). */
  @Column({ name: 'handler_org_id', type: 'int' })
  handlerOrgId: number;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'handler_org_id' })
  handlerOrg?: Organization;

  @Column({ type: 'varchar', length: 500 })
  reason: string;

  @Column({ type: 'enum', enum: APPEAL_STATUSES, enumName: 'appeal_status', default: 'pending' })
  status: AppealStatus;

  @Column({ name: 'filed_by', type: 'int' })
  filedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'filed_by' })
  filer?: User;

  @CreateDateColumn({ name: 'filed_at', type: 'timestamptz' })
  filedAt: Date;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 500, nullable: true })
  decisionNote: string | null;
}
