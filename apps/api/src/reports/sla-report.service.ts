import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AppConfig } from '../config/app-config';
import type { SlaReportQuery } from './dto/sla-report.query';
import { ReportRollupService } from './report-rollup.service';
import { reportBuckets, reportPeriod } from './report-period.util';
import { ReportScopeService } from './report-scope.service';
import { SLA_DEFINITIONS, slaFigures, type SlaCountsRow } from './sla-figures';
import { rollupsServe, slaRollupQuery } from './sla-rollup-report.sql';
import { slaReportQuery, type SlaQueryInput } from './sla-report.sql';

/** Where the counts come from: the rollups (fast, lag the live data by a drain) or the raw tables. */
export type SlaSource = 'rollups' | 'reference';

export type SlaRow = SlaCountsRow & { group_id: number | string; group_name: string | null; bucket: string };

/** 督办报表: the SLA figures per group and bucket, and over the whole period and scope. */
@Injectable()
export class SlaReportService {
  constructor(
    private readonly db: DataSource,
    private readonly scopes: ReportScopeService,
    private readonly rollups: ReportRollupService,
    @Inject(AppConfig) private readonly config: AppConfig,
  ) {}

  async report(actor: Actor, q: SlaReportQuery) {
    const scope = await this.scopes.resolve(actor, q.scopeId);
    const period = reportPeriod(q.from, q.to);
    const groupBy = q.groupBy ?? null;
    const interval = q.interval ?? null;
    // Grids and compounds are finer than a rollup row (a community): those reports read the raw tables.
    const source: SlaSource = rollupsServe(scope) ? 'rollups' : 'reference';
    if (source === 'rollups' && this.config.REPORT_DRAIN_ON_READ) await this.rollups.drainAll();
    const { rows, totals, asOf } = await this.db.transaction('REPEATABLE READ', async (em) => {
      const rows = await this.run(em, { scope, period, buckets: reportBuckets(period, interval), groupBy, interval }, source);
      const [totals] = await this.run(em, { scope, period, buckets: reportBuckets(period, null), groupBy: null, interval: null }, source);
      return { rows, totals, asOf: source === 'rollups' ? await this.rollupsAsOf(em) : new Date() };
    });
    return {
      period: { from: period.from, to: period.to },
      scope,
      groupBy,
      interval,
      source,
      asOf: asOf.toISOString(),
      definitions: SLA_DEFINITIONS,
      rows: rows.map((r) => ({
        group: groupBy ? { id: r.group_id, name: r.group_name } : { id: scope.id, name: scope.name },
        bucket: r.bucket,
        ...slaFigures(r),
      })),
      totals: slaFigures(totals),
    };
  }

  /**
   * The counts of one query, in a transaction the caller opened (REPEATABLE READ: one snapshot and
   * one now() for rows and totals, so they describe the same moment).
   */
  async run(em: EntityManager, input: SlaQueryInput, source: SlaSource): Promise<SlaRow[]> {
    await em.query('SET TRANSACTION READ ONLY');
    // The reference plan is large and compiling it costs seconds (measured: 2–3 s of a 3–8 s year
    // report over 200k tickets), more than JIT saves on these row counts.
    await em.query('SET LOCAL jit = off');
    const { sql, params } = source === 'rollups' ? slaRollupQuery(input) : slaReportQuery(input);
    return em.query(sql, params);
  }

  /**
   * The rollups hold every change made before the oldest change not yet folded in (the drain runs
   * every REPORT_ROLLUP_INTERVAL_MS); with nothing waiting, they are current.
   */
  private async rollupsAsOf(em: EntityManager): Promise<Date> {
    const [{ as_of }]: Array<{ as_of: Date }> = await em.query('SELECT COALESCE(min(marked_at), now()) AS as_of FROM report_dirty_tickets');
    return as_of;
  }
}
