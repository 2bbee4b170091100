import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor';
import { isCommitteeOf, isOverseerOf, livesIn, loadCompound } from '../owners/compound-scope';
import { managesCompany } from './disclosure-access';

/**
 * Whether the caller may download an upload attached to a 五公开 version or a 公示栏 draft: the
 * same people who may read that version or draft. Residents of the compound only once it is
 * public (an approved version, a published notice).
 */
export async function attachmentVisible(db: DataSource, actor: Actor, uploadId: string): Promise<boolean> {
  const rows: Array<{ compound_id: number; organization_id: number | null; public: boolean; notice: boolean }> = await db.query(
    `SELECT compound_id, organization_id, status = 'approved' AS public, false AS notice FROM compound_disclosures WHERE basis_upload_id = $1
     UNION ALL
     SELECT compound_id, NULL, status = 'published', true FROM compound_notice_drafts WHERE $1 = ANY(attachment_ids)`,
    [uploadId],
  );
  for (const r of rows) {
    const c = await loadCompound(db, r.compound_id);
    if (!c) continue;
    if (isOverseerOf(actor, c)) return true;
    if (r.notice ? isCommitteeOf(actor, c) : managesCompany(actor, r.organization_id as number)) return true;
    if (r.public && (await livesIn(db, actor, c))) return true;
  }
  return false;
}
