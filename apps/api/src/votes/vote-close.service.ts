import { Injectable, Logger } from '@nestjs/common';
import { tallyOwnersVote, type ElectorateUnit, type VoteMatter, type VotePurpose } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import { resultJson, resultNotice } from './vote-result.util';

export type CloseOutcome = 'closed' | 'not_due' | 'skipped';

/**
 * Closes a vote whose window has ended: counts it, freezes the result and publishes the notice, in
 * one transaction. Run by the worker's `votes.close` job and, as a fallback, by the first read after
 * the window; both take the same row lock and re-check the status, so it happens exactly once.
 */
@Injectable()
export class VoteCloseService {
  private readonly logger = new Logger('VoteClose');

  constructor(private readonly db: DataSource) {}

  async close(voteId: number, now: Date): Promise<CloseOutcome> {
    return this.db.transaction(async (em) => {
      // FOR UPDATE waits for ballots in flight (they hold FOR SHARE): every ballot committed before this is counted.
      const votes: Array<{ id: number; compound_id: number; options: string[]; matter: VoteMatter; purpose: VotePurpose | null; company: string | null; question: string; opens_at: Date; closes_at: Date; status: string }> =
        await em.query(
          `SELECT v.id, v.compound_id, v.options, v.matter, v.purpose, o.name AS company, v.question, v.opens_at, v.closes_at, v.status
             FROM owner_votes v LEFT JOIN organizations o ON o.id = v.purpose_company_id WHERE v.id = $1 FOR UPDATE OF v`,
          [voteId],
        );
      const v = votes[0];
      if (!v || v.status !== 'scheduled') return 'skipped';
      if (v.closes_at.getTime() > now.getTime()) return 'not_due';
      // The electorate frozen at approval, not the register now: a re-import during the vote counts for nothing here.
      const units: Array<{ id: number; centi: string; owner_key: string | null; sold: boolean }> = await em.query(
        `SELECT unit_id AS id, area_centi::text AS centi, owner_key, sold FROM owner_vote_electorate WHERE vote_id = $1 ORDER BY unit_id`,
        [voteId],
      );
      const electorate: ElectorateUnit[] = units.map((u) => ({ unitId: u.id, areaCenti: BigInt(u.centi), ownerKey: u.sold ? u.owner_key : null }));
      const ballots: Array<{ unit_id: number; option_index: number; last_event_id: string }> = await em.query(
        `SELECT unit_id, option_index, last_event_id FROM owner_ballots WHERE vote_id = $1`,
        [voteId],
      );
      const tally = tallyOwnersVote(electorate, ballots.map((b) => ({ unitId: b.unit_id, option: b.option_index, seq: Number(b.last_event_id) })), v.matter, v.options.length);
      const result = resultJson(tally, v.options, v.purpose);
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE owner_votes SET status = 'closed', closed_at = $2, result = $3 WHERE id = $1 AND status = 'scheduled' RETURNING id) SELECT id FROM u`,
        [voteId, now, JSON.stringify(result)],
      );
      if (done.length === 0) return 'skipped';
      await em.query(
        `INSERT INTO owner_vote_events (vote_id, action, from_status, to_status, actor_id, actor_role, note) VALUES ($1, 'close', 'scheduled', 'closed', NULL, 'system', $2)`,
        [voteId, result.adoptedOption === null ? '未形成决定' : `形成决定：${v.options[result.adoptedOption]}`],
      );
      const notice = resultNotice({ question: v.question, matter: v.matter, opensAt: v.opens_at, closesAt: v.closes_at, purpose: v.purpose, purposeCompany: v.company }, tally, v.options);
      await em.query(
        `INSERT INTO compound_notices (compound_id, kind, title, body, vote_id, data) VALUES ($1, 'vote_result', $2, $3, $4, $5)`,
        [v.compound_id, notice.title, notice.body, voteId, JSON.stringify(result)],
      );
      this.logger.log({ msg: 'vote closed', voteId, adoptedOption: result.adoptedOption, quorum: result.quorum });
      return 'closed';
    });
  }

  /** The votes whose window ended and that are still open, oldest first (the worker's catch-up). */
  async due(now: Date, limit: number): Promise<Array<{ id: number; closes_at: Date }>> {
    return this.db.query(`SELECT id, closes_at FROM owner_votes WHERE status = 'scheduled' AND closes_at <= $1 ORDER BY closes_at LIMIT $2`, [now, limit]);
  }
}
