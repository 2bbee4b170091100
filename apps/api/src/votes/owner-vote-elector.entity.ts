import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { RegisterUnit } from '../owners/register-unit.entity';
import { OwnerVote } from './owner-vote.entity';

/**
 * The electorate of one vote, frozen when the community approves it (the moment the vote is
 * announced to the owners): one row per unit of the register as it stood then, with the area and the
 * owner head the count uses. Ballots are taken only for these units and the close counts only these
 * rows, so re-importing the register while a vote is open changes nothing about it. Rows are written
 * only in the approving transaction and never changed or deleted (trigger).
 */
@Entity('owner_vote_electorate')
export class OwnerVoteElector {
  @PrimaryColumn({ name: 'vote_id', type: 'int' })
  voteId: number;

  @ManyToOne(() => OwnerVote, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'vote_id' })
  vote?: OwnerVote;

  @PrimaryColumn({ name: 'unit_id', type: 'int' })
  unitId: number;

  @ManyToOne(() => RegisterUnit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'unit_id' })
  unit?: RegisterUnit;

  /** Registered floor area in hundredths of m² (exact integer, as the count reads it). */
  @Column({ name: 'area_centi', type: 'bigint' })
  areaCenti: string;

  /** Sold and handed over at approval; false: the developer's (one head with all other unsold units). */
  @Column({ type: 'boolean' })
  sold: boolean;

  /** The owner's key at approval (several units of one key are one head); null for the developer's units. */
  @Column({ name: 'owner_key', type: 'varchar', length: 64, nullable: true })
  ownerKey: string | null;
}
