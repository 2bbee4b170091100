import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Ticket } from './ticket.entity';

/**
 * A client's Idempotency-Key on a state-changing ticket request (点单 and every action): a retry of
 * the same request is answered from this record instead of being done twice. Written in the same
 * transaction as the change it guards; kept for IDEMPOTENCY_KEY_TTL (24 h). See idempotency.service.ts.
 */
@Entity('idempotency_keys')
export class IdempotencyKey {
  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @PrimaryColumn({ type: 'varchar', length: 100 })
  key: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** Method and path, e.g. `POST /api/tickets/42/accept`: the same key on another request is a client bug. */
  @Column({ type: 'varchar', length: 200 })
  route: string;

  /** sha256 of the request body: the same key with a different body is a client bug, not a retry. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64 })
  requestHash: string;

  /** The ticket the request made or acted on. */
  @Column({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  /** The first answer's status; null for 点单, whose replay is built from the ticket. */
  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus: number | null;

  /**
   * The first answer's body, stored just after the action committed (json keeps it as sent). Null
   * for 点单, or when the process stopped between the commit and storing it: then a replay answers
   * with the state now.
   */
  @Column({ name: 'response_body', type: 'json', nullable: true })
  responseBody: unknown;

  @Index('idx_idempotency_keys_created_at')
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
