import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { Ticket } from './ticket.entity';

export const FOLLOW_SOURCES = ['follow', 'merge'] as const;
export type FollowSource = (typeof FOLLOW_SOURCES)[number];

/**
 * 也遇到了: a resident who follows someone else's ticket instead of filing a duplicate, or the
 * reporter/followers of a ticket merged into this one. Followers get its status notices.
 */
@Entity('ticket_followers')
@Index('idx_ticket_followers_user', ['userId', 'ticketId'])
export class TicketFollower {
  @PrimaryColumn({ name: 'ticket_id', type: 'int' })
  ticketId: number;

  @PrimaryColumn({ name: 'user_id', type: 'int' })
  userId: number;

  @ManyToOne(() => Ticket, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'ticket_id' })
  ticket?: Ticket;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  /** How they came to follow: 也遇到了 themselves, or carried over by a merge. */
  @Column({ type: 'varchar', length: 10 })
  source: FollowSource;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
