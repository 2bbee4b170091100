import { BALLOT_CHANNELS, ROLES, VOTE_STATUSES, type BallotChannel, type Role, type VoteStatus } from '@red-butler/domain';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../users/user.entity';
import { OwnerVote } from './owner-vote.entity';

export const VOTE_EVENT_ACTIONS = ['draft', 'approve', 'reject', 'ballot', 'close'] as const;
export type VoteEventAction = (typeof VOTE_EVENT_ACTIONS)[number];

/** The vote's audit trail: every state change and every ballot submission. Append-only (trigger). */
@Entity('owner_vote_events')
@Index('idx_owner_vote_events_vote', ['voteId', 'id'])
export class OwnerVoteEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'vote_id', type: 'int' })
  voteId: number;

  @ManyToOne(() => OwnerVote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vote_id' })
  vote?: OwnerVote;

  @Column({ type: 'enum', enum: VOTE_EVENT_ACTIONS, enumName: 'vote_event_action' })
  action: VoteEventAction;

  @Column({ name: 'from_status', type: 'enum', enum: VOTE_STATUSES, enumName: 'vote_status', nullable: true })
  fromStatus: VoteStatus | null;

  @Column({ name: 'to_status', type: 'enum', enum: VOTE_STATUSES, enumName: 'vote_status' })
  toStatus: VoteStatus;

  /** Null for the worker's close. */
  @Column({ name: 'actor_id', type: 'int', nullable: true })
  actorId: number | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id' })
  actor?: User;

  @Column({ name: 'actor_role', type: 'enum', enum: ROLES, enumName: 'role' })
  actorRole: Role;

  @Column({ name: 'unit_id', type: 'int', nullable: true })
  unitId: number | null;

  @Column({ name: 'option_index', type: 'smallint', nullable: true })
  optionIndex: number | null;

  @Column({ type: 'enum', enum: BALLOT_CHANNELS, enumName: 'ballot_channel', nullable: true })
  channel: BallotChannel | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
