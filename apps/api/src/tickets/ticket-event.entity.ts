import { ROLES, TICKET_ACTIONS, TICKET_STATUSES, type Role, type TicketAction, type TicketStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Ticket } from './ticket.entity';

/**
 * One immutable step on a ticket's timeline. A trigger in the migration refuses UPDATE and DELETE,
 * so the record of who did what stays as written even if application code goes wrong.
 */
@Entity('ticket_events')
@Index('idx_ticket_events_report', { synchronize: false })
@Index('idx_ticket_events_ticket', ['ticketId', 'id'])
export class TicketEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @Column({ type: 'enum', enum: TICKET_ACTIONS, enumName: 'ticket_action' })
  action: TicketAction;

  @Column({ name: 'from_status', type: 'enum', enum: TICKET_STATUSES, enumName: 'ticket_status', nullable: true })
  fromStatus: TicketStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: TICKET_STATUSES, enumName: 'ticket_status' })
  toStatus: TicketStatus;

  @Column({ name: 'actor_id', type: 'int' })
  actorId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column({ name: 'actor_role', type: 'enum', enum: ROLES, enumName: 'role' })
  actorRole: Role;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ name: 'photo_ids', type: 'uuid', array: true, default: () => "'{}'" })
  photoIds: string[];

  /** Action-specific facts: the handler dispatched to, the rating, the merge target. */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
