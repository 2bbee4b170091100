import { HttpStatus, Injectable } from '@nestjs/common';
import { formatAreaCenti, VOTE_MATTER_LABELS, type BallotChannel, type VoteStatus } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { textProblem } from '../common/clean-text.validator';
import { isCommunityStaffOf, loadCompound, organiserRole, organisesVotesOf, type CompoundPlace } from '../owners/compound-scope';
import { seesVote, visibleVotesSql, voteAccess, type VoteAccess } from './vote-access';
import { VoteCloseService } from './vote-close.service';
import { VOTE_SELECT, voteView, type MyUnitBallot, type VoteRow } from './vote.view';
import type { DraftVoteDto, ListVotesQuery, ReviewVoteDto } from './votes.dto';

/** A window shorter than this is no 业主大会 anyone could take part in; longer than a year is a mistake. */
const MIN_WINDOW_MS = 60_000;
const MAX_WINDOW_MS = 366 * 86_400_000;

/**
 * Drafting, community review and reading of 业主大会 votes. Every step is one transaction: a
 * guarded UPDATE on the status and its row on the vote's trail. A vote whose window has ended is
 * closed (counted, frozen, published) before it is shown, by the same guarded step the worker runs.
 */
@Injectable()
export class VotesService {
  constructor(
    private readonly db: DataSource,
    private readonly closer: VoteCloseService,
  ) {}

  async draft(actor: Actor, dto: DraftVoteDto) {
    const c = await loadCompound(this.db, dto.compoundId);
    if (!c) throw ApiException.invalidReference('compoundId', 'no such compound');
    if (!organisesVotesOf(actor, c)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the compound’s 业委会 or its community staff draft a vote');
    dto.options.forEach((o, i) => {
      const problem = textProblem(o);
      if (problem) throw ApiException.validation(`options[${i}]`, problem);
    });
    const opensAt = new Date(dto.opensAt);
    const closesAt = new Date(dto.closesAt);
    if (closesAt.getTime() - opensAt.getTime() < MIN_WINDOW_MS) throw ApiException.validation('closesAt', 'the window must end at least a minute after opensAt');
    if (closesAt.getTime() - opensAt.getTime() > MAX_WINDOW_MS) throw ApiException.validation('closesAt', 'the window must be at most a year');
    if (closesAt.getTime() <= Date.now()) throw ApiException.validation('closesAt', 'the window must end in the future');
    if ((dto.purpose === undefined) !== (dto.purposeCompanyId === undefined)) throw ApiException.validation('purposeCompanyId', 'purpose and purposeCompanyId go together');
    if (dto.purposeCompanyId !== undefined) {
      const companies: unknown[] = await this.db.query(`SELECT 1 FROM organizations WHERE id = $1 AND kind = 'property_company'`, [dto.purposeCompanyId]);
      if (companies.length === 0) throw ApiException.invalidReference('purposeCompanyId', 'not a property company');
    }
    const id = await this.db.transaction(async (em) => {
      const [{ id }]: Array<{ id: number }> = await em.query(
        `INSERT INTO owner_votes (compound_id, question, options, matter, purpose, purpose_company_id, opens_at, closes_at, drafted_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [c.id, dto.question, JSON.stringify(dto.options), dto.matter, dto.purpose ?? null, dto.purposeCompanyId ?? null, opensAt, closesAt, actor.userId],
      );
      await em.query(
        `INSERT INTO owner_vote_events (vote_id, action, from_status, to_status, actor_id, actor_role, note) VALUES ($1, 'draft', NULL, 'pending_review', $2, $3, $4)`,
        [id, actor.userId, organiserRole(actor, c), VOTE_MATTER_LABELS[dto.matter]],
      );
      return id;
    });
    return this.detail(actor, id);
  }

  /** 社区审核: approve (the vote opens at opensAt) or reject with a reason; a second review is 409. */
  async review(actor: Actor, id: number, dto: ReviewVoteDto) {
    const { row, compound } = await this.visible(actor, id);
    if (!isCommunityStaffOf(actor, compound)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the compound’s community staff review a vote');
    if (dto.decision === 'reject' && !dto.note) throw ApiException.validation('note', 'a rejection needs a note saying why');
    const to: VoteStatus = dto.decision === 'approve' ? 'scheduled' : 'rejected';
    await this.db.transaction(async (em) => {
      const now = new Date();
      // An approval after the window ended would open nothing: refused, and the guard makes it atomic.
      const done: unknown[] = await em.query(
        `WITH u AS (
           UPDATE owner_votes SET status = $2, reviewed_by = $3, reviewed_at = $4, review_note = $5
            WHERE id = $1 AND status = 'pending_review' AND ($6::boolean OR closes_at > $4) RETURNING id)
         SELECT id FROM u`,
        [id, to, actor.userId, now, dto.note ?? null, to === 'rejected'],
      );
      if (done.length === 0) {
        if (row.status === 'pending_review' && dto.decision === 'approve') throw new ApiException(HttpStatus.CONFLICT, 'VOTE_NOT_OPEN', 'closesAt: the voting window has already ended; draft the vote again');
        throw new ApiException(HttpStatus.CONFLICT, 'VOTE_STATE_CHANGED', `the vote is no longer waiting for review (now ${row.status})`);
      }
      let note = dto.note ?? null;
      if (to === 'scheduled') {
        // The electorate is fixed here, when the approved vote is announced to the owners: the
        // register's units as they stand now, with their areas and owner heads. Ballots and the
        // count read only this snapshot, so a register import during the vote changes neither.
        const [e]: Array<{ units: number; centi: string }> = await em.query(
          `WITH s AS (
             INSERT INTO owner_vote_electorate (vote_id, unit_id, area_centi, sold, owner_key)
             SELECT $1, u.id, (u.area_m2 * 100)::bigint, u.sold, CASE WHEN u.sold THEN u.owner_key END
               FROM register_units u WHERE u.compound_id = $2 RETURNING area_centi)
           SELECT count(*)::int AS units, coalesce(sum(area_centi), 0)::text AS centi FROM s`,
          [id, row.compound_id],
        );
        note = [`确定表决权人：${e.units} 户，专有部分面积 ${formatAreaCenti(BigInt(e.centi))} 平方米`, note].filter(Boolean).join('；').slice(0, 500);
      }
      await em.query(
        `INSERT INTO owner_vote_events (vote_id, action, from_status, to_status, actor_id, actor_role, note) VALUES ($1, $2, 'pending_review', $3, $4, 'community_staff', $5)`,
        [id, dto.decision, to, actor.userId, note],
      );
    });
    return this.detail(actor, id);
  }

  async list(actor: Actor, q: ListVotesQuery) {
    const params: unknown[] = [];
    const where = [visibleVotesSql(actor, params)];
    if (q.compoundId !== undefined) where.push(`v.compound_id = $${params.push(q.compoundId)}`);
    const due: Array<{ id: number }> = await this.db.query(
      `SELECT v.id FROM owner_votes v JOIN org_units c ON c.id = v.compound_id WHERE ${where.join(' AND ')} AND v.status = 'scheduled' AND v.closes_at <= $${params.length + 1}`,
      [...params, new Date()],
    );
    for (const d of due) await this.closer.close(d.id, new Date());
    const rows: VoteRow[] = await this.db.query(`${VOTE_SELECT} WHERE ${where.join(' AND ')} ORDER BY v.id DESC LIMIT 200`, params);
    // Each compound and the caller's access to it once (200 votes are a few compounds), then the
    // caller's units and the counts for every vote in one query each: not five queries a vote.
    const places = new Map<number, Promise<{ compound: CompoundPlace; access: VoteAccess }>>();
    for (const id of new Set(rows.map((r) => r.compound_id))) {
      places.set(id, loadCompound(this.db, id).then(async (c) => ({ compound: c as CompoundPlace, access: await voteAccess(this.db, actor, c as CompoundPlace) })));
    }
    const seen = await Promise.all(rows.map(async (r) => ({ row: r, ...(await places.get(r.compound_id))! })));
    return { items: await this.views(actor, seen, new Date()) };
  }

  async detail(actor: Actor, id: number) {
    const { row, compound, access } = await this.visible(actor, id);
    const view = async (r: VoteRow) => (await this.views(actor, [{ row: r, compound, access }], new Date()))[0];
    if (row.status !== 'scheduled' || row.closes_at.getTime() > Date.now()) return view(row);
    // The window ended and the worker has not closed it yet: close it now (the same guarded step).
    await this.closer.close(id, new Date());
    return view((await this.load(id)) as VoteRow);
  }

  /** The vote's trail (state changes and every ballot submission), for its organisers and overseers. */
  async trail(actor: Actor, id: number) {
    const { access } = await this.visible(actor, id);
    if (!access.organiser && !access.overseer) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'the trail is for the 业委会 and staff');
    const rows: Array<{ id: string; action: string; from_status: string | null; to_status: string; actor_id: number | null; display_name: string | null; actor_role: string; unit_id: number | null; unit_label: string | null; option_index: number | null; channel: string | null; note: string | null; created_at: Date }> =
      await this.db.query(
        `SELECT e.id, e.action, e.from_status, e.to_status, e.actor_id, us.display_name, e.actor_role, e.unit_id,
                CASE WHEN ru.id IS NULL THEN NULL ELSE b.name || ' ' || ru.unit_no END AS unit_label, e.option_index, e.channel, e.note, e.created_at
           FROM owner_vote_events e LEFT JOIN users us ON us.id = e.actor_id
           LEFT JOIN register_units ru ON ru.id = e.unit_id LEFT JOIN org_units b ON b.id = ru.building_id
          WHERE e.vote_id = $1 ORDER BY e.id`,
        [id],
      );
    return {
      items: rows.map((r) => ({
        id: Number(r.id), action: r.action, from: r.from_status, to: r.to_status,
        actor: r.actor_id === null ? null : { id: r.actor_id, displayName: r.display_name as string, role: r.actor_role },
        unit: r.unit_id === null ? null : { id: r.unit_id, label: r.unit_label as string }, option: r.option_index, channel: r.channel, note: r.note, at: r.created_at,
      })),
    };
  }

  /** The compound's 公示栏: its published notices, newest first. */
  async notices(actor: Actor, compoundId: number) {
    const c = await loadCompound(this.db, compoundId);
    if (!c) throw ApiException.notFound('compound');
    const a = await voteAccess(this.db, actor, c);
    if (!a.organiser && !a.overseer && !a.resident) throw ApiException.notFound('compound');
    // corrected_by_id: the notice that corrects this one (at most one, unique index), so the board shows 已更正.
    const rows: Array<{ id: number; kind: string; title: string; body: string; vote_id: number | null; corrects_id: number | null; corrected_by_id: number | null; data: unknown; published_at: Date }> = await this.db.query(
      `SELECT n.id, n.kind, n.title, n.body, n.vote_id, n.corrects_id, x.id AS corrected_by_id, n.data, n.published_at
         FROM compound_notices n LEFT JOIN compound_notices x ON x.corrects_id = n.id WHERE n.compound_id = $1 ORDER BY n.id DESC LIMIT 200`,
      [compoundId],
    );
    return {
      compound: { id: c.id, name: c.name },
      items: rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, body: r.body, voteId: r.vote_id, correctsId: r.corrects_id, correctedById: r.corrected_by_id, data: r.data, publishedAt: r.published_at })),
    };
  }

  /** The vote and the caller's relation to it; 404 when out of scope (drafts are invisible to residents). */
  async visible(actor: Actor, id: number): Promise<{ row: VoteRow; compound: CompoundPlace; access: VoteAccess }> {
    const row = await this.load(id);
    const compound = row && (await loadCompound(this.db, row.compound_id));
    if (!row || !compound) throw ApiException.notFound('vote');
    const access = await voteAccess(this.db, actor, compound);
    if (!seesVote(access, row.status)) throw ApiException.notFound('vote');
    return { row, compound, access };
  }

  async load(id: number): Promise<VoteRow | null> {
    const rows: VoteRow[] = await this.db.query(`${VOTE_SELECT} WHERE v.id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** Votes as the caller sees them: their units' ballots in each, and the counts for who runs or oversees it. */
  private async views(actor: Actor, votes: Array<{ row: VoteRow; compound: CompoundPlace; access: VoteAccess }>, now: Date) {
    if (votes.length === 0) return [];
    // The electorate is frozen at approval (scheduled, closed): then a unit outside it does not vote,
    // and the count is of the snapshot; before, of the register as it stands.
    const frozen = (r: VoteRow) => r.status === 'scheduled' || r.status === 'closed';
    const counted = votes.filter((v) => v.access.organiser || v.access.overseer).map((v) => v.row);
    const [units, counts] = await Promise.all([
      this.db.query(
        `SELECT v.id AS vote_id, u.id, b.name || ' ' || u.unit_no AS label, ob.option_index, ob.channel, ob.cast_at, ob.revision,
                (NOT v.frozen OR EXISTS (SELECT 1 FROM owner_vote_electorate e WHERE e.vote_id = v.id AND e.unit_id = u.id)) AS in_electorate
           FROM unnest($2::int[], $3::int[], $4::boolean[]) AS v(id, compound_id, frozen)
           JOIN register_units u ON u.compound_id = v.compound_id
           JOIN unit_owners o ON o.unit_id = u.id AND o.user_id = $1 AND o.status = 'verified'
           JOIN org_units b ON b.id = u.building_id
           LEFT JOIN owner_ballots ob ON ob.unit_id = u.id AND ob.vote_id = v.id
          ORDER BY v.id, b.name, u.unit_no`,
        [actor.userId, votes.map((v) => v.row.id), votes.map((v) => v.row.compound_id), votes.map((v) => frozen(v.row))],
      ) as Promise<Array<{ vote_id: number; id: number; label: string; option_index: number | null; channel: BallotChannel; cast_at: Date; revision: number; in_electorate: boolean }>>,
      counted.length === 0
        ? []
        : (this.db.query(
            `SELECT v.id, (SELECT count(*)::int FROM owner_ballots WHERE vote_id = v.id) AS units,
                    CASE WHEN v.frozen THEN (SELECT count(*)::int FROM owner_vote_electorate WHERE vote_id = v.id)
                         ELSE (SELECT count(*)::int FROM register_units WHERE compound_id = v.compound_id) END AS total
               FROM unnest($1::int[], $2::int[], $3::boolean[]) AS v(id, compound_id, frozen)`,
            [counted.map((r) => r.id), counted.map((r) => r.compound_id), counted.map(frozen)],
          ) as Promise<Array<{ id: number; units: number; total: number }>>),
    ]);
    const mine = new Map<number, MyUnitBallot[]>();
    for (const r of units) {
      const list = mine.get(r.vote_id) ?? [];
      list.push({
        unitId: r.id, label: r.label, inElectorate: r.in_electorate,
        ballot: r.option_index === null ? null : { option: r.option_index, channel: r.channel, castAt: r.cast_at, revision: r.revision },
      });
      mine.set(r.vote_id, list);
    }
    const participation = new Map(counts.map((c) => [c.id, { units: c.units, totalUnits: c.total }]));
    return votes.map(({ row, compound, access }) =>
      voteView(row, now, {
        canReview: row.status === 'pending_review' && isCommunityStaffOf(actor, compound),
        canRecordPaper: access.organiser,
        myUnits: mine.get(row.id) ?? [],
        participation: participation.get(row.id) ?? null,
      }),
    );
  }
}
