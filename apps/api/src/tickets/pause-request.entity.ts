import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Ticket } from './ticket.entity';

export const PAUSE_REQUEST_STATUSES = ['pending', 'approved', 'refused'] as const;
export type PauseRequestStatus = (typeof PAUSE_REQUEST_STATUSES)[number];

/**
 * 挂起申请: where the SLA policy says a pause needs the community's approval, the handler's 挂起 is
 * recorded here and the clock keeps running until the community approves it. One pending per ticket.
 */
@Entity('pause_requests')
@Index('uq_pause_requests_pending', ['ticketId'], { unique: true, where: `status = 'pending'` })
export class PauseRequest {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @Column({ name: 'requested_by', type: 'int' })
  requestedBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by' })
  requester?: User;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Column({ type: 'enum', enum: PAUSE_REQUEST_STATUSES, enumName: 'pause_request_status', default: 'pending' })
  status: PauseRequestStatus;

  @Column({ name: 'decided_by', type: 'int', nullable: true })
  decidedBy: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'decided_by' })
  decider?: User;

  @Column({ name: 'decision_note', type: 'varchar', length: 200, nullable: true })
  decisionNote: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
