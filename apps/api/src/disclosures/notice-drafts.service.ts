import { HttpStatus, Injectable } from '@nestjs/common';
import { BOARD_NOTICE_KIND_LABELS } from '@red-butler/domain';
import { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { isCommitteeOf, isCommunityStaffOf, isOverseerOf, loadCompound, type CompoundPlace } from '../owners/compound-scope';
import { checkAttachments } from './attachments.util';
import { DisclosureClock } from './disclosure.clock';
import type { ReviewDto } from './disclosures.dto';
import type { DraftNoticeDto } from './notice-drafts.dto';

interface DraftRow {
  id: number; compound_id: number; compound_name: string; kind: 'fund_spending' | 'public_income'; title: string; body: string; month: string;
  amounts: Array<{ item: string; amount: string }>; attachment_ids: string[]; corrects_id: number | null; status: 'pending_review' | 'published' | 'rejected';
  drafted_by: number; drafted_name: string; drafted_at: Date; reviewed_by: number | null; reviewed_name: string | null; reviewed_at: Date | null;
  review_note: string | null; notice_id: number | null; attachments: Array<{ id: string; mimeType: string }>;
}
const DRAFT_SELECT = `
  SELECT d.id, d.compound_id, c.name AS compound_name, d.kind, d.title, d.body, to_char(d.month, 'YYYY-MM') AS month, d.amounts, d.attachment_ids,
         d.corrects_id, d.status, d.drafted_by, ud.display_name AS drafted_name, d.drafted_at, d.reviewed_by, ur.display_name AS reviewed_name,
         d.reviewed_at, d.review_note, d.notice_id,
         -- Each attachment with its type, in the drafted order: readers show a photo, open a PDF.
         (SELECT coalesce(json_agg(json_build_object('id', u.id, 'mimeType', u.mime_type) ORDER BY array_position(d.attachment_ids, u.id)), '[]')
            FROM uploads u WHERE u.id = ANY(d.attachment_ids)) AS attachments
    FROM compound_notice_drafts d JOIN org_units c ON c.id = d.compound_id JOIN users ud ON ud.id = d.drafted_by LEFT JOIN users ur ON ur.id = d.reviewed_by`;

/** Sum of exact decimal yuan strings, in integer fen so no float rounding ever shows on a notice. */
export function totalYuan(amounts: Array<{ amount: string }>): string {
  const fen = amounts.reduce((s, a) => {
    const [y, f = ''] = a.amount.split('.');
    return s + BigInt(y) * 100n + BigInt((f + '00').slice(0, 2));
  }, 0n);
  return `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`;
}

/**
 * The 业委会's 公示栏 notices: drafted by a committee member of the compound, reviewed by its
 * community staff, and on approval copied once into the immutable compound_notices (the copy and the
 * guarded status change are one transaction). A draft is never edited; a rejected one is drafted
 * again, a published one is corrected by a new notice naming it.
 */
@Injectable()
export class NoticeDraftsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: DisclosureClock,
  ) {}

  async draft(actor: Actor, compoundId: number, dto: DraftNoticeDto) {
    const c = await loadCompound(this.db, compoundId);
    if (!c) throw ApiException.notFound('compound');
    if (!isCommitteeOf(actor, c)) {
      if (isOverseerOf(actor, c)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the compound’s 业委会 drafts its 公示栏 notices');
      throw ApiException.notFound('compound');
    }
    await checkAttachments(this.db, actor, dto.attachmentIds ?? [], 'attachmentIds');
    if (dto.correctsId !== undefined) await this.correctable(c.id, dto.correctsId);
    const now = this.clock.now();
    const id = await this.db.transaction(async (em) => {
      const [{ id }]: Array<{ id: number }> = await em.query(
        `INSERT INTO compound_notice_drafts (compound_id, kind, title, body, month, amounts, attachment_ids, corrects_id, drafted_by, drafted_at)
         VALUES ($1, $2, $3, $4, $5::date, $6, $7::uuid[], $8, $9, $10) RETURNING id`,
        [c.id, dto.kind, dto.title, dto.body, `${dto.month}-01`, JSON.stringify(dto.amounts), dto.attachmentIds ?? [], dto.correctsId ?? null, actor.userId, now],
      );
      await em.query(`INSERT INTO disclosure_events (subject, subject_id, action, actor_id, at) VALUES ('notice_draft', $1, 'draft', $2, $3)`, [id, actor.userId, now]);
      return id;
    });
    return this.detail(actor, id);
  }

  /** 社区审核: approve (published now, immutable) or reject with a note; a second review is 409. */
  async review(actor: Actor, id: number, dto: ReviewDto) {
    const { row, compound } = await this.visible(actor, id);
    if (!isCommunityStaffOf(actor, compound)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the compound’s community staff review its 公示栏 notices');
    if (dto.decision === 'reject' && !dto.note) throw ApiException.validation('note', 'a rejection needs a note saying why');
    if (dto.decision === 'approve' && row.corrects_id !== null) await this.correctable(row.compound_id, row.corrects_id);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      let noticeId: number | null = null;
      if (dto.decision === 'approve') {
        const data = { month: row.month, amounts: row.amounts, total: totalYuan(row.amounts), attachmentIds: row.attachment_ids, attachments: row.attachments, draftId: row.id, drafted: { by: row.drafted_name, at: row.drafted_at }, approved: { by: actor.displayName, at: now } };
        // ON CONFLICT: the unique index on corrects_id; a second correction of one notice loses.
        const inserted: Array<{ id: number }> = await em.query(
          `INSERT INTO compound_notices (compound_id, kind, title, body, corrects_id, data, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
           ON CONFLICT (corrects_id) WHERE corrects_id IS NOT NULL DO NOTHING RETURNING id`,
          [row.compound_id, row.kind, row.title, row.body, row.corrects_id, JSON.stringify(data), now],
        );
        if (inserted.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'NOTICE_ALREADY_CORRECTED', 'correctsId: that notice was corrected meanwhile');
        noticeId = inserted[0].id;
      }
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE compound_notice_drafts SET status = $2, reviewed_by = $3, reviewed_at = $4, review_note = $5, notice_id = $6 WHERE id = $1 AND status = 'pending_review' RETURNING id) SELECT id FROM u`,
        [id, dto.decision === 'approve' ? 'published' : 'rejected', actor.userId, now, dto.note ?? null, noticeId],
      );
      // Rolled back with the notice inserted above: the loser of two reviews publishes nothing.
      if (done.length === 0) throw new ApiException(HttpStatus.CONFLICT, 'NOTICE_STATE_CHANGED', `the draft was reviewed meanwhile (now ${row.status})`);
      await em.query(`INSERT INTO disclosure_events (subject, subject_id, action, actor_id, note, at) VALUES ('notice_draft', $1, $2, $3, $4, $5)`, [id, dto.decision, actor.userId, dto.note ?? null, now]);
    });
    return this.detail(actor, id);
  }

  async detail(actor: Actor, id: number) {
    const { row, compound } = await this.visible(actor, id);
    return this.view(row, isCommunityStaffOf(actor, compound));
  }

  /** The compound's drafts, newest first: for its 业委会 and the staff above it. */
  async list(actor: Actor, compoundId: number) {
    const c = await loadCompound(this.db, compoundId);
    if (!c || !this.sees(actor, c)) throw ApiException.notFound('compound');
    const rows: DraftRow[] = await this.db.query(`${DRAFT_SELECT} WHERE d.compound_id = $1 ORDER BY d.id DESC LIMIT 200`, [c.id]);
    const review = isCommunityStaffOf(actor, c);
    return { compound: { id: c.id, name: c.name }, items: rows.map((r) => this.view(r, review)) };
  }

  /** Drafts waiting for the caller's review (community staff: their compounds). */
  async pendingFor(actor: Actor): Promise<DraftRow[]> {
    const rows: DraftRow[] = await this.db.query(`${DRAFT_SELECT} WHERE d.status = 'pending_review' ORDER BY d.id LIMIT 500`);
    const out: DraftRow[] = [];
    for (const r of rows) {
      const c = (await loadCompound(this.db, r.compound_id)) as CompoundPlace;
      if (isCommunityStaffOf(actor, c)) out.push(r);
    }
    return out;
  }

  view(r: DraftRow, review: boolean) {
    return {
      id: r.id, compound: { id: r.compound_id, name: r.compound_name }, kind: r.kind, kindLabel: BOARD_NOTICE_KIND_LABELS[r.kind], title: r.title, body: r.body, month: r.month,
      amounts: r.amounts, total: totalYuan(r.amounts), attachmentIds: r.attachment_ids, attachments: r.attachments, correctsId: r.corrects_id, status: r.status,
      drafted: { by: { id: r.drafted_by, displayName: r.drafted_name }, at: r.drafted_at },
      reviewed: r.reviewed_by === null ? null : { by: { id: r.reviewed_by, displayName: r.reviewed_name as string }, at: r.reviewed_at as Date, note: r.review_note },
      noticeId: r.notice_id, canReview: review && r.status === 'pending_review',
    };
  }

  /** Only a published 业委会 notice of the same compound that no published notice corrects yet. */
  private async correctable(compoundId: number, noticeId: number) {
    const rows: Array<{ kind: string; corrected: boolean }> = await this.db.query(
      `SELECT n.kind, EXISTS (SELECT 1 FROM compound_notices x WHERE x.corrects_id = n.id) AS corrected FROM compound_notices n WHERE n.id = $1 AND n.compound_id = $2`,
      [noticeId, compoundId],
    );
    const n = rows[0];
    if (!n || (n.kind !== 'fund_spending' && n.kind !== 'public_income')) throw ApiException.invalidReference('correctsId', 'not a 业委会 notice of this compound');
    if (n.corrected) throw new ApiException(HttpStatus.CONFLICT, 'NOTICE_ALREADY_CORRECTED', 'correctsId: that notice is already corrected; correct the latest one');
  }

  private sees(actor: Actor, c: CompoundPlace): boolean {
    return isCommitteeOf(actor, c) || isOverseerOf(actor, c);
  }

  private async visible(actor: Actor, id: number) {
    const rows: DraftRow[] = await this.db.query(`${DRAFT_SELECT} WHERE d.id = $1`, [id]);
    const row = rows[0];
    const compound = row && (await loadCompound(this.db, row.compound_id));
    if (!row || !compound || !this.sees(actor, compound)) throw ApiException.notFound('notice draft');
    return { row, compound };
  }
}
