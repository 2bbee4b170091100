import type { EntityManager } from 'typeorm';
import type { SeedData } from '../seed/seed-data.types';
import { totalYuan } from './notice-drafts.service';

/** A public 五公开 version in the demo: approved `approvedDaysAgo` days before the seed runs. */
export interface SeedDisclosure {
  compound: string;
  company: string;
  drafter: string;
  reviewer: string;
  approvedDaysAgo: number;
  serviceContent: string;
  feeItems: Array<{ item: string; unit: string; amount: string }>;
  basisKind: 'contract' | 'price_bureau';
  basisText: string;
  commitments: string;
  complaintPhone: string;
}

/** A published 业委会 notice in the demo. */
export interface SeedBoardNotice {
  compound: string;
  drafter: string;
  reviewer: string;
  kind: 'fund_spending' | 'public_income';
  month: string;
  title: string;
  body: string;
  amounts: Array<{ item: string; amount: string }>;
}

const DAY_MS = 86_400_000;

/**
 * Demo 五公开 versions and 公示栏 notices, written as already reviewed (the seed is history, not a
 * workflow). Reviewed rows are frozen by trigger, so a re-seed adds what is missing and never
 * rewrites: a compound with any version, or a notice with the same title, is left alone.
 */
export async function seedDisclosures(em: EntityManager, data: SeedData & { disclosures?: SeedDisclosure[]; boardNotices?: SeedBoardNotice[] }, now: Date): Promise<void> {
  const id = async (sql: string, v: string) => ((await em.query(sql, [v])) as Array<{ id: number }>)[0]?.id;
  const unit = (code: string) => id('SELECT id FROM org_units WHERE code = $1', code);
  const user = (name: string) => id('SELECT id FROM users WHERE username = $1', name);
  for (const d of data.disclosures ?? []) {
    const compound = await unit(d.compound);
    if ((await em.query('SELECT 1 FROM compound_disclosures WHERE compound_id = $1', [compound])).length > 0) continue;
    const drafter = await user(d.drafter);
    const approvedAt = new Date(now.getTime() - d.approvedDaysAgo * DAY_MS);
    const draftedAt = new Date(approvedAt.getTime() - 2 * DAY_MS);
    const [{ id: version }]: Array<{ id: number }> = await em.query(
      `INSERT INTO compound_disclosures (compound_id, organization_id, version, status, service_content, fee_items, basis_kind, basis_text, commitments, complaint_phone,
                                         drafted_by, drafted_at, updated_by, updated_at, submitted_by, submitted_at, reviewed_by, reviewed_at)
       VALUES ($1, (SELECT id FROM organizations WHERE code = $2), 1, 'approved', $3, $4, $5, $6, $7, $8, $9, $10, $9, $10, $9, $10, $11, $12) RETURNING id`,
      [compound, d.company, d.serviceContent, JSON.stringify(d.feeItems), d.basisKind, d.basisText, d.commitments, d.complaintPhone, drafter, draftedAt, await user(d.reviewer), approvedAt],
    );
    await em.query(
      `INSERT INTO disclosure_events (subject, subject_id, action, actor_id, at) VALUES ('disclosure', $1, 'draft', $2, $3), ('disclosure', $1, 'submit', $2, $3), ('disclosure', $1, 'approve', $4, $5)`,
      [version, drafter, draftedAt, await user(d.reviewer), approvedAt],
    );
  }
  for (const n of data.boardNotices ?? []) {
    const compound = await unit(n.compound);
    if ((await em.query('SELECT 1 FROM compound_notices WHERE compound_id = $1 AND title = $2', [compound, n.title])).length > 0) continue;
    const data = { month: n.month, amounts: n.amounts, total: totalYuan(n.amounts), attachmentIds: [] };
    const [{ id: notice }]: Array<{ id: number }> = await em.query(
      `INSERT INTO compound_notices (compound_id, kind, title, body, data, published_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [compound, n.kind, n.title, n.body, JSON.stringify(data), now],
    );
    await em.query(
      `INSERT INTO compound_notice_drafts (compound_id, kind, title, body, month, amounts, status, drafted_by, drafted_at, reviewed_by, reviewed_at, notice_id)
       VALUES ($1, $2, $3, $4, $5::date, $6, 'published', $7, $8, $9, $8, $10)`,
      [compound, n.kind, n.title, n.body, `${n.month}-01`, JSON.stringify(n.amounts), await user(n.drafter), now, await user(n.reviewer), notice],
    );
  }
}
