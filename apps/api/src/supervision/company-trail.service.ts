import { Injectable } from '@nestjs/common';
import { TRAIL_KIND_LABELS, type TrailKind } from '@red-butler/domain';
import { DataSource, type EntityManager } from 'typeorm';

export interface TrailInput {
  organizationId: number;
  compoundIds: number[];
  kind: TrailKind;
  noticeId: number | null;
  /** Shown to residents: the facts, no names, phones or internal notes. */
  summary: string;
  /** Staff only. */
  detail?: Record<string, unknown>;
  actorId: number | null;
}

/** Writes and reads the append-only trail per company (company_trail, guarded by a trigger). */
@Injectable()
export class CompanyTrail {
  constructor(private readonly db: DataSource) {}

  /** Always inside the caller's transaction: the step and its trail entry commit together. */
  async append(em: EntityManager, e: TrailInput): Promise<void> {
    await em.query(
      `INSERT INTO company_trail (organization_id, compound_ids, kind, notice_id, summary, detail, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [e.organizationId, e.compoundIds, e.kind, e.noticeId, e.summary.slice(0, 500), e.detail ?? {}, e.actorId],
    );
  }

  /** Everything, for staff in scope and the company itself. */
  async full(organizationId: number) {
    const rows: Array<Record<string, unknown> & { kind: TrailKind }> = await this.db.query(
      `SELECT e.id::int AS id, e.kind, e.notice_id AS "noticeId", e.summary, e.detail, e.created_at AS at,
              CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', u.id, 'displayName', u.display_name) END AS actor,
              coalesce((SELECT json_agg(json_build_object('id', c.id, 'name', c.name) ORDER BY c.id) FROM org_units c WHERE c.id = ANY(e.compound_ids)), '[]') AS compounds
         FROM company_trail e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.organization_id = $1 ORDER BY e.id`,
      [organizationId],
    );
    return rows.map((r) => ({ ...r, kindLabel: TRAIL_KIND_LABELS[r.kind] }));
  }

  /** A compound's residents: what happened to the companies serving them, in summary. */
  async summaryForCompound(compoundId: number) {
    const rows: Array<Record<string, unknown> & { kind: TrailKind }> = await this.db.query(
      `SELECT e.id::int AS id, e.kind, e.summary, e.created_at AS at, json_build_object('id', o.id, 'name', o.name) AS company
         FROM company_trail e JOIN organizations o ON o.id = e.organization_id
        WHERE $1 = ANY(e.compound_ids) ORDER BY e.id`,
      [compoundId],
    );
    return rows.map((r) => ({ ...r, kindLabel: TRAIL_KIND_LABELS[r.kind] }));
  }
}
