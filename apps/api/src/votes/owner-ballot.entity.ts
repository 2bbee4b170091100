import { BALLOT_CHANNELS, type BallotChannel } from '@red-butler/domain';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { RegisterUnit } from '../owners/register-unit.entity';
import { User } from '../users/user.entity';
import { OwnerVote } from './owner-vote.entity';

/**
 * The ballot that counts for one unit in one vote: unique per (vote, unit), so concurrent
 * submissions upsert one row and the last committed wins. Every submission is also on
 * owner_vote_events (append-only); `revision` counts them.
 */
@Entity('owner_ballots')
@Index('uq_owner_ballots_vote_unit', ['voteId', 'unitId'], { unique: true })
export class OwnerBallot {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'vote_id', type: 'int' })
  voteId: number;

  @ManyToOne(() => OwnerVote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vote_id' })
  vote?: OwnerVote;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => RegisterUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: RegisterUnit;

  @Column({ name: 'option_index', type: 'smallint' })
  optionIndex: number;

  @Column({ type: 'enum', enum: BALLOT_CHANNELS, enumName: 'ballot_channel' })
  channel: BallotChannel;

  /** The owner who voted, or the staff member who entered the paper/on-site ballot. */
  @Column({ name: 'cast_by', type: 'int' })
  castBy: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'cast_by' })
  caster?: User;

  @Column({ name: 'cast_at', type: 'timestamptz' })
  castAt: Date;

  @Column({ type: 'int', default: 1 })
  revision: number;

  /** The trail row of the submission that counts: its id orders a multi-unit owner's choices. */
  @Column({ name: 'last_event_id', type: 'bigint', nullable: true })
  lastEventId: string | null;
}
