import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Ticket } from '../tickets/ticket.entity';
import { Open311Key } from './open311-key.entity';

/**
 * What a 311 client sent with a request beyond the ticket itself: the submitter's contact details
 * (for staff only; never returned by the GET calls), the media URL, the raw attributes and the
 * token the client may poll.
 */
@Entity('open311_requests')
export class Open311Request {
  @PrimaryColumn({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @OneToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  token: string;

  @Index()
  @Column({ name: 'api_key_id', type: 'int' })
  apiKeyId: number;

  @ManyToOne(() => Open311Key, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: Open311Key;

  @Column({ type: 'varchar', length: 200, nullable: true })
  email: string | null;

  @Column({ name: 'first_name', type: 'varchar', length: 50, nullable: true })
  firstName: string | null;

  @Column({ name: 'last_name', type: 'varchar', length: 50, nullable: true })
  lastName: string | null;

  @Column({ name: 'device_id', type: 'varchar', length: 100, nullable: true })
  deviceId: string | null;

  @Column({ name: 'account_id', type: 'varchar', length: 100, nullable: true })
  accountId: string | null;

  @Column({ name: 'media_url', type: 'varchar', length: 500, nullable: true })
  mediaUrl: string | null;

  @Column({ type: 'jsonb', default: {} })
  attributes: Record<string, string | string[]>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
