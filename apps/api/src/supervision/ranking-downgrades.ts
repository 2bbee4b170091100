import type { RankingDowngrade, RankingRow } from '@red-butler/domain';
import type { DataSource } from 'typeorm';
import { scopeSql, type ReportScope } from '../reports/report-scope';

type DowngradedRow = RankingRow & { downgrades: RankingDowngrade[]; starsBeforeDowngrade: RankingRow['stars'] };

/**
 * 降级 in a ranking: a company's row lists the downgrades in force for the quarter on compounds
 * inside the ranking's scope, and its stars drop by their steps (never below one star). The score
 * and the rank order stay as measured: the downgrade is a sanction on the rating, not a change of
 * the figures, and the 红黑榜 (built from these rows' stars) follows it.
 */
export async function applyDowngrades(db: DataSource, quarter: string, scope: ReportScope, rows: RankingRow[]): Promise<DowngradedRow[]> {
  const params: unknown[] = [quarter];
  const inScope = scopeSql(scope, 'c', 'compound', params);
  const found: Array<RankingDowngrade & { organizationId: number }> = await db.query(
    `SELECT d.id, d.notice_id AS "noticeId", d.organization_id AS "organizationId", json_build_object('id', c.id, 'name', c.name) AS compound,
            d.steps, d.effective_quarter AS "effectiveQuarter", d.until_quarter AS "untilQuarter"
       FROM star_downgrades d JOIN org_units c ON c.id = d.compound_id
      WHERE d.effective_quarter <= $1 AND (d.until_quarter IS NULL OR d.until_quarter >= $1) AND ${inScope}
      ORDER BY d.id`,
    params,
  );
  return rows.map((row) => {
    const downgrades = found.filter((d) => d.organizationId === row.company.id).map(({ organizationId: _, ...d }) => d);
    const steps = downgrades.reduce((s, d) => s + d.steps, 0);
    const stars = row.stars === null ? null : (Math.max(1, row.stars - steps) as RankingRow['stars']);
    return { ...row, stars, starsBeforeDowngrade: row.stars, downgrades };
  });
}
