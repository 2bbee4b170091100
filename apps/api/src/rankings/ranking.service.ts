import { Injectable } from '@nestjs/common';
import { quarterPeriod, rankingScore, RANKING_FORMULA, type RankingRow, type SlaFigures } from '@red-butler/domain';
import type { Actor } from '../access/actor';
import type { ReportScope } from '../reports/report-scope';
import { SlaReportService } from '../reports/sla-report.service';
import { DataSource } from 'typeorm';
import { applyDowngrades } from '../supervision/ranking-downgrades';

export interface QuarterRanking {
  quarter: string;
  period: { from: string; to: string };
  /** false while the quarter has not ended: the figures can still move */
  complete: boolean;
  scope: ReportScope;
  formula: typeof RANKING_FORMULA;
  rows: RankingRow[];
}

type CompanyRow = SlaFigures & { group: { id: number; name: string | null } };

/**
 * 星级评定: property companies ranked by the published formula. The figures come from the SLA
 * report (grouped by company, over the quarter, in the caller's scope), so the ranking and the
 * report can never disagree, and whatever makes the report faster (rollups) or fairer (upheld
 * appeals) applies here too.
 */
@Injectable()
export class RankingService {
  constructor(
    private readonly sla: SlaReportService,
    private readonly db: DataSource,
  ) {}

  async ranking(actor: Actor, quarter: string, scopeId?: number): Promise<QuarterRanking> {
    const period = quarterPeriod(quarter);
    if (!period) throw new Error(`not a quarter: ${quarter}`);
    const report = await this.sla.report(actor, { ...period, scopeId, groupBy: 'company' });
    // 降级 recorded by the supervision module lowers the stars of the quarters it applies to.
    const rows = await applyDowngrades(this.db, quarter, report.scope, rankRows(report.rows as CompanyRow[]));
    return { quarter, period, complete: quarterEnd(quarter).getTime() <= Date.now(), scope: report.scope, formula: RANKING_FORMULA, rows };
  }
}

/** 00:00 Asia/Shanghai on the day after the quarter's last day. */
export function quarterEnd(quarter: string): Date {
  const period = quarterPeriod(quarter);
  if (!period) throw new Error(`not a quarter: ${quarter}`);
  return new Date(new Date(`${period.to}T00:00:00+08:00`).getTime() + 24 * 60 * 60 * 1000);
}

/**
 * Ranked companies first (score, then satisfaction, on-time rate and name break ties; equal scores
 * share no rank number — the order is still deterministic), then 样本不足 ones by sample size.
 */
export function rankRows(companies: CompanyRow[]): RankingRow[] {
  const rows: RankingRow[] = companies.map((c) => ({
    rank: null,
    company: { id: c.group.id, name: c.group.name ?? '' },
    onTimeResolutionRate: c.onTimeResolutionRate,
    satisfactionRate: c.satisfactionRate,
    complaintRate: c.complaintRate,
    answered: c.answered,
    households: c.households,
    received: c.received,
    ...rankingScore(c),
  }));
  const ranked = rows
    .filter((r) => !r.insufficientSample)
    .sort(
      (a, b) =>
        (b.score as number) - (a.score as number) ||
        (b.satisfactionRate as number) - (a.satisfactionRate as number) ||
        (b.onTimeResolutionRate as number) - (a.onTimeResolutionRate as number) ||
        a.company.name.localeCompare(b.company.name, 'zh-CN'),
    );
  ranked.forEach((r, i) => (r.rank = i + 1));
  const unranked = rows
    .filter((r) => r.insufficientSample)
    .sort((a, b) => b.answered - a.answered || a.company.name.localeCompare(b.company.name, 'zh-CN'));
  return [...ranked, ...unranked];
}
