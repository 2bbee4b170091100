import { HttpStatus, Injectable } from '@nestjs/common';
import type { Role } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { isCommitteeOf } from '../owners/compound-scope';
import type { CastBallotDto } from './votes.dto';
import { VotesService } from './votes.service';

/**
 * One ballot per unit and vote. The owner votes in the mini-program; the 业委会 or community staff
 * enter paper and on-site ballots for a unit (channel and who entered it are kept). A second ballot
 * for the unit replaces the first until the window closes.
 *
 * Concurrent ballots for one unit: the (vote, unit) unique index turns them into one row; each
 * INSERT … ON CONFLICT DO UPDATE waits for the previous one's row lock, so they apply one after the
 * other, none is lost from the trail, none is doubled, and the one committed last counts. None gets
 * a 409: each answer is the ballot as it stood after that submission (`revision` says how many came
 * before). Every ballot takes FOR SHARE on the vote, the close takes FOR UPDATE: a ballot either
 * commits before the close (and is counted) or sees the vote closed (409 VOTE_NOT_OPEN).
 */
@Injectable()
export class BallotsService {
  constructor(
    private readonly db: DataSource,
    private readonly votes: VotesService,
  ) {}

  async cast(actor: Actor, voteId: number, dto: CastBallotDto) {
    const { row, compound, access } = await this.votes.visible(actor, voteId);
    const channel = dto.channel ?? 'mini_program';
    let role: Role = 'resident';
    if (channel === 'mini_program') {
      const owns: unknown[] = await this.db.query(
        `SELECT 1 FROM unit_owners o JOIN register_units u ON u.id = o.unit_id WHERE o.unit_id = $1 AND o.user_id = $2 AND o.status = 'verified' AND u.compound_id = $3`,
        [dto.unitId, actor.userId, compound.id],
      );
      if (owns.length === 0) throw new ApiException(HttpStatus.FORBIDDEN, 'NOT_UNIT_OWNER', 'unitId: you are not a verified owner of this unit');
    } else {
      if (!access.organiser) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'channel: only the 业委会 or community staff enter paper and on-site ballots');
      role = isCommitteeOf(actor, compound) ? 'owners_committee_member' : actor.bindings.some((b) => b.role === 'community_staff') ? 'community_staff' : 'admin';
      const units: unknown[] = await this.db.query(`SELECT 1 FROM register_units WHERE id = $1 AND compound_id = $2`, [dto.unitId, compound.id]);
      if (units.length === 0) throw ApiException.invalidReference('unitId', 'no such unit in this compound’s register');
    }
    // Only the units of the electorate frozen at approval vote: a unit added to the register since
    // cannot take part in this vote (a new owner of a unit in it can: the unit votes, not the person).
    const electors: unknown[] = await this.db.query(`SELECT 1 FROM owner_vote_electorate WHERE vote_id = $1 AND unit_id = $2`, [voteId, dto.unitId]);
    if (electors.length === 0) {
      throw new ApiException(HttpStatus.CONFLICT, 'UNIT_NOT_IN_ELECTORATE', 'unitId: this unit was not in the register when the vote was approved, so it has no vote in it');
    }
    if (dto.option >= row.options.length) throw ApiException.validation('option', `the vote has ${row.options.length} options (0–${row.options.length - 1})`);

    return this.db.transaction(async (em) => {
      const now = new Date();
      const [v]: Array<{ status: string; opens_at: Date; closes_at: Date }> = await em.query(`SELECT status, opens_at, closes_at FROM owner_votes WHERE id = $1 FOR SHARE`, [voteId]);
      if (v.status !== 'scheduled' || now < v.opens_at || now >= v.closes_at) {
        throw new ApiException(HttpStatus.CONFLICT, 'VOTE_NOT_OPEN', `the vote takes ballots from ${v.opens_at.toISOString()} until ${v.closes_at.toISOString()} (status ${v.status})`);
      }
      const [ballot]: Array<{ id: number; revision: number }> = await em.query(
        `INSERT INTO owner_ballots (vote_id, unit_id, option_index, channel, cast_by, cast_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (vote_id, unit_id) DO UPDATE
           SET option_index = EXCLUDED.option_index, channel = EXCLUDED.channel, cast_by = EXCLUDED.cast_by, cast_at = EXCLUDED.cast_at,
               revision = owner_ballots.revision + 1
         RETURNING id, revision`,
        [voteId, dto.unitId, dto.option, channel, actor.userId, now],
      );
      // Still holding the ballot's row lock: the trail id orders submissions exactly as they applied.
      const [event]: Array<{ id: string }> = await em.query(
        `INSERT INTO owner_vote_events (vote_id, action, from_status, to_status, actor_id, actor_role, unit_id, option_index, channel, note)
         VALUES ($1, 'ballot', 'scheduled', 'scheduled', $2, $3, $4, $5, $6, $7) RETURNING id`,
        [voteId, actor.userId, role, dto.unitId, dto.option, channel, ballot.revision > 1 ? `第${ballot.revision}次提交，替换此前的选择` : null],
      );
      await em.query(`UPDATE owner_ballots SET last_event_id = $2 WHERE id = $1`, [ballot.id, event.id]);
      return { voteId, unitId: dto.unitId, option: dto.option, label: row.options[dto.option], channel, castBy: actor.userId, castAt: now, revision: ballot.revision, replaced: ballot.revision > 1 };
    });
  }
}
