import { HttpStatus, Injectable } from '@nestjs/common';
import type { DisclosureStatus } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { ApiException } from '../common/api.exception';
import { isCommunityStaffOf, loadCompound, type CompoundPlace } from '../owners/compound-scope';
import { checkAttachments } from './attachments.util';
import { disclosureAccess, managesCompany, servingCompany } from './disclosure-access';
import { DisclosureClock } from './disclosure.clock';
import { DISCLOSURE_SELECT, disclosureView, type DisclosureRow } from './disclosure.view';
import type { DisclosureBodyDto, EditDisclosureDto, ReviewDto, SubmitDisclosureDto } from './disclosures.dto';

const isUniqueViolation = (e: unknown) => (e as { code?: string; driverError?: { code?: string } }).code === '23505' || (e as { driverError?: { code?: string } }).driverError?.code === '23505';
// Guarded UPDATEs go through a CTE: TypeORM answers a bare UPDATE … RETURNING with [rows, count].
const changed = (status: DisclosureStatus) => new ApiException(HttpStatus.CONFLICT, 'DISCLOSURE_STATE_CHANGED', `the version was changed or handled meanwhile (now ${status}); reload it`);

/**
 * 五公开: the serving company's manager drafts a version, edits it (each edit guarded by its
 * revision), submits it; the compound's community staff approve or reject it. Every step is one
 * transaction: the guarded UPDATE and its row on disclosure_events. Residents read the latest
 * approved version of the company serving them now.
 */
@Injectable()
export class DisclosuresService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: DisclosureClock,
  ) {}

  async create(actor: Actor, compoundId: number, dto: DisclosureBodyDto) {
    const c = await loadCompound(this.db, compoundId);
    if (!c) throw ApiException.notFound('compound');
    const now = this.clock.now();
    const company = await servingCompany(this.db, c.id, now);
    const access = await disclosureAccess(this.db, actor, c, company);
    if (!access.company) {
      if (access.overseer || access.resident) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only a manager of the company serving the compound drafts its 五公开');
      throw ApiException.notFound('compound');
    }
    await checkAttachments(this.db, actor, dto.basisUploadId ? [dto.basisUploadId] : [], 'basisUploadId');
    let id: number;
    try {
      id = await this.db.transaction(async (em) => {
        const [{ id }]: Array<{ id: number }> = await em.query(
          `INSERT INTO compound_disclosures (compound_id, organization_id, version, service_content, fee_items, basis_kind, basis_text, basis_upload_id,
                                             commitments, complaint_phone, drafted_by, drafted_at, updated_by, updated_at)
           SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $10, $11 FROM compound_disclosures WHERE compound_id = $1
           RETURNING id`,
          [c.id, company!.id, dto.serviceContent, JSON.stringify(dto.feeItems), dto.basisKind, dto.basisText, dto.basisUploadId ?? null, dto.commitments, dto.complaintPhone, actor.userId, now],
        );
        await this.trail(em, id, 'draft', actor, now);
        return id;
      });
    } catch (e) {
      // The partial unique index: one open (draft or pending) version per compound, also under a race.
      if (isUniqueViolation(e)) throw new ApiException(HttpStatus.CONFLICT, 'DISCLOSURE_DRAFT_EXISTS', 'the compound already has a draft or a version waiting for review');
      throw e;
    }
    return this.detail(actor, id);
  }

  async edit(actor: Actor, id: number, dto: EditDisclosureDto) {
    const { row } = await this.mine(actor, id);
    await checkAttachments(this.db, actor, dto.basisUploadId ? [dto.basisUploadId] : [], 'basisUploadId');
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE compound_disclosures SET service_content = $3, fee_items = $4, basis_kind = $5, basis_text = $6, basis_upload_id = $7, commitments = $8,
                complaint_phone = $9, updated_by = $10, updated_at = $11, revision = revision + 1
          WHERE id = $1 AND status = 'draft' AND revision = $2 RETURNING id) SELECT id FROM u`,
        [id, dto.revision, dto.serviceContent, JSON.stringify(dto.feeItems), dto.basisKind, dto.basisText, dto.basisUploadId ?? null, dto.commitments, dto.complaintPhone, actor.userId, now],
      );
      if (done.length === 0) throw changed(row.status);
      await this.trail(em, id, 'edit', actor, now);
    });
    return this.detail(actor, id);
  }

  async submit(actor: Actor, id: number, dto: SubmitDisclosureDto) {
    const { row } = await this.mine(actor, id);
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE compound_disclosures SET status = 'pending_review', submitted_by = $3, submitted_at = $4
          WHERE id = $1 AND status = 'draft' AND revision = $2 RETURNING id) SELECT id FROM u`,
        [id, dto.revision, actor.userId, now],
      );
      if (done.length === 0) throw changed(row.status);
      await this.trail(em, id, 'submit', actor, now);
    });
    return this.detail(actor, id);
  }

  /** 社区审核: approve (it becomes the public version) or reject with a note; a second review is 409. */
  async review(actor: Actor, id: number, dto: ReviewDto) {
    const { row, compound } = await this.visible(actor, id);
    if (!isCommunityStaffOf(actor, compound)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only the compound’s community staff review its 五公开');
    if (dto.decision === 'reject' && !dto.note) throw ApiException.validation('note', 'a rejection needs a note saying why');
    const now = this.clock.now();
    await this.db.transaction(async (em) => {
      const done: unknown[] = await em.query(
        `WITH u AS (UPDATE compound_disclosures SET status = $2, reviewed_by = $3, reviewed_at = $4, review_note = $5 WHERE id = $1 AND status = 'pending_review' RETURNING id) SELECT id FROM u`,
        [id, dto.decision === 'approve' ? 'approved' : 'rejected', actor.userId, now, dto.note ?? null],
      );
      if (done.length === 0) throw changed(row.status);
      await this.trail(em, id, dto.decision, actor, now, dto.note ?? null);
    });
    return this.detail(actor, id);
  }

  async detail(actor: Actor, id: number) {
    const { row, compound } = await this.visible(actor, id);
    return disclosureView(row, { edit: managesCompany(actor, row.organization_id), review: isCommunityStaffOf(actor, compound) });
  }

  /** Every version of the compound, newest first: for its company and the staff above it. */
  async versions(actor: Actor, compoundId: number) {
    const { c, company, access } = await this.compoundFor(actor, compoundId);
    if (!access.company && !access.overseer) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'the versions are for the company and staff; residents read the public one');
    const params: unknown[] = [c.id];
    // A company sees its own versions only, not its predecessor's drafts.
    const mine = access.overseer ? '' : ` AND d.organization_id = ANY($2::int[])`;
    if (!access.overseer) params.push(actor.bindings.filter((b) => b.role === 'property_manager').map((b) => b.organizationId));
    const rows: DisclosureRow[] = await this.db.query(`${DISCLOSURE_SELECT} WHERE d.compound_id = $1${mine} ORDER BY d.version DESC`, params);
    const review = isCommunityStaffOf(actor, c);
    return { compound: { id: c.id, name: c.name }, company, items: rows.map((r) => disclosureView(r, { edit: managesCompany(actor, r.organization_id), review })) };
  }

  /** The public 五公开: the latest approved version of the company serving the compound now. */
  async current(actor: Actor, compoundId: number) {
    const { c, company } = await this.compoundFor(actor, compoundId);
    const rows: DisclosureRow[] = company
      ? await this.db.query(`${DISCLOSURE_SELECT} WHERE d.compound_id = $1 AND d.organization_id = $2 AND d.status = 'approved' ORDER BY d.version DESC LIMIT 1`, [c.id, company.id])
      : [];
    return { compound: { id: c.id, name: c.name }, company, current: rows[0] ? disclosureView(rows[0], { edit: false, review: false }) : null };
  }

  /** The steps of one version, oldest first. */
  async trailOf(actor: Actor, id: number) {
    const { access } = await this.visible(actor, id);
    if (!access.company && !access.overseer) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'the trail is for the company and staff');
    const rows: Array<{ id: string; action: string; actor_id: number; display_name: string; note: string | null; at: Date }> = await this.db.query(
      `SELECT e.id, e.action, e.actor_id, u.display_name, e.note, e.at FROM disclosure_events e JOIN users u ON u.id = e.actor_id
        WHERE e.subject = 'disclosure' AND e.subject_id = $1 ORDER BY e.id`,
      [id],
    );
    return { items: rows.map((r) => ({ id: Number(r.id), action: r.action, actor: { id: r.actor_id, displayName: r.display_name }, note: r.note, at: r.at })) };
  }

  private async compoundFor(actor: Actor, compoundId: number) {
    const c = await loadCompound(this.db, compoundId);
    if (!c) throw ApiException.notFound('compound');
    const company = await servingCompany(this.db, c.id, this.clock.now());
    const access = await disclosureAccess(this.db, actor, c, company);
    if (!access.company && !access.overseer && !access.resident) throw ApiException.notFound('compound');
    return { c, company, access };
  }

  /** A version its company may edit: 404 outside scope, 403 for staff who only read. */
  private async mine(actor: Actor, id: number) {
    const v = await this.visible(actor, id);
    if (!managesCompany(actor, v.row.organization_id)) throw new ApiException(HttpStatus.FORBIDDEN, 'ROLE_NOT_ALLOWED', 'only a manager of the company edits and submits its 五公开');
    return v;
  }

  /**
   * The version and the caller's relation to it; 404 out of scope. The company sees its own
   * versions (also after its contract ended), staff above the compound all, residents approved ones.
   */
  private async visible(actor: Actor, id: number): Promise<{ row: DisclosureRow; compound: CompoundPlace; access: { company: boolean; overseer: boolean } }> {
    const rows: DisclosureRow[] = await this.db.query(`${DISCLOSURE_SELECT} WHERE d.id = $1`, [id]);
    const row = rows[0];
    const compound = row && (await loadCompound(this.db, row.compound_id));
    if (!row || !compound) throw ApiException.notFound('disclosure');
    const company = managesCompany(actor, row.organization_id);
    const a = await disclosureAccess(this.db, actor, compound, null);
    if (!company && !a.overseer && !(a.resident && row.status === 'approved')) throw ApiException.notFound('disclosure');
    return { row, compound, access: { company, overseer: a.overseer } };
  }

  private async trail(em: EntityManager, id: number, action: string, actor: Actor, at: Date, note: string | null = null) {
    await em.query(`INSERT INTO disclosure_events (subject, subject_id, action, actor_id, note, at) VALUES ('disclosure', $1, $2, $3, $4, $5)`, [id, action, actor.userId, note, at]);
  }
}
