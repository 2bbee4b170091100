import { HANDLING_TIME_BIN_COUNT, SHANGHAI_UTC_OFFSET_MS } from '@red-butler/domain';
import type { ReportBucket } from './report-period.util';
import { scopeSql, type ReportScope } from './report-scope';
import { CHANNELS, COUNT_COLUMNS, LEGS, type RollupDim } from './report-rollup.sql';
import { handlingTimeBinMinutesSql } from './sla-facts.sql';
import { groupKey, reportTail, type ReportGroupBy, type SlaQueryInput } from './sla-report.sql';

/**
 * The SLA report read from report_rollups instead of the raw tables: the same counts as
 * `slaReportQuery` (the rollup equality tests compare the two) for the scopes a rollup row can
 * tell apart, from day slices and, for whole months inside a bucket, month slices.
 */

const DAY_MS = 86_400_000;

/** Scopes the rollups serve: a row knows its community, and so its street and district. */
export function rollupsServe(scope: ReportScope): boolean {
  return scope.kind === 'all' || scope.kind === 'district' || scope.kind === 'street' || scope.kind === 'community';
}

const dayOf = (instant: Date) => Math.round((instant.getTime() + SHANGHAI_UTC_OFFSET_MS) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const nextMonthOf = (day: number) => {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / DAY_MS;
};

/** The slices that make up each bucket: a month slice for every whole month inside it, day slices for the rest. */
export function rollupSlices(buckets: ReportBucket[]): { grains: string[]; days: string[]; buckets: string[]; ends: string[] } {
  const out = { grains: [] as string[], days: [] as string[], buckets: [] as string[], ends: [] as string[] };
  for (const b of buckets) {
    const end = dayOf(b.end);
    for (let d = dayOf(b.start); d < end; ) {
      const next = nextMonthOf(d);
      const wholeMonth = new Date(d * DAY_MS).getUTCDate() === 1 && next <= end;
      out.grains.push(wholeMonth ? 'month' : 'day');
      out.days.push(isoOf(d));
      out.buckets.push(b.label);
      out.ends.push(isoOf(end));
      d = wholeMonth ? next : d + 1;
    }
  }
  return out;
}

/** Which rollup rows a grouping reads, and the raw key it sums them by. */
function rollupDimOf(groupBy: ReportGroupBy | null): { dim: RollupDim; raw: string } {
  switch (groupBy) {
    case null:
      return { dim: 'all', raw: '0' };
    case 'street':
      return { dim: 'all', raw: 'cu.street_id' };
    case 'community':
      return { dim: 'all', raw: 'r.community_id' };
    case 'category':
      return { dim: 'category', raw: 'r.dim_id' };
    case 'channel':
      // The label of the channel at that position, the array built once per statement (CHANNELS).
      return { dim: 'channel', raw: `(${CHANNELS})[r.dim_id]::text` };
    case 'company':
    case 'department':
      return { dim: 'handler', raw: 'NULLIF(r.dim_id, 0)' };
  }
}

function communitiesOf(scope: ReportScope, params: unknown[]): string {
  if (scope.kind === 'all') return 'TRUE';
  params.push(scope.id);
  if (scope.kind === 'community') return `r.community_id = $${params.length}`;
  return `r.community_id IN (SELECT u.id FROM org_units u WHERE u.kind = 'community' AND u.${scope.kind}_id = $${params.length})`;
}

/** P90 from a histogram array: the upper edge of the bin holding the ⌈0.9·n⌉-th value (as percentile_disc ranks). */
const p90FromBinsSql = (bins: string) => `(SELECT ${handlingTimeBinMinutesSql('x.i - 1')}
     FROM (SELECT u.i, sum(u.c) OVER (ORDER BY u.i) AS cum, sum(u.c) OVER () AS n FROM unnest(${bins}) WITH ORDINALITY AS u(c, i)) x
    WHERE x.n > 0 AND x.cum >= ceil(0.9::float8 * x.n) ORDER BY x.i LIMIT 1)`;

export function slaRollupQuery(input: SlaQueryInput): { sql: string; params: unknown[] } {
  const { groupBy } = input;
  const slices = rollupSlices(input.buckets);
  const params: unknown[] = [
    input.period.start,
    input.period.end,
    input.buckets.map((b) => b.label),
    input.buckets.map((b) => b.start),
    input.buckets.map((b) => b.end),
    slices.grains,
    slices.days,
    slices.buckets,
    slices.ends,
  ];
  const inScope = communitiesOf(input.scope, params);
  const scopeCp = scopeSql(input.scope, 'cp', 'compound', params);
  // Sum per raw key of the one dimension the grouping needs first (an organization id for
  // company/department), then map keys to groups on the few summed rows.
  const { dim, raw } = rollupDimOf(groupBy);
  params.push(dim);
  const dimParam = `$${params.length}`;
  const grp = groupBy === 'company' || groupBy === 'department' ? groupKey(groupBy, { street: '', community: '', category: '', channel: '', handler: 's.raw' }) : 's.raw';
  const binSums = (leg: string) =>
    `ARRAY[${Array.from({ length: HANDLING_TIME_BIN_COUNT }, (_, i) => `COALESCE(sum(r.${leg}_bins[${i + 1}]), 0)`).join(', ')}] AS ${leg}_bins`;
  const openAtEnd = 'r.until >= s.bucket_end';

  const sql = `
WITH buckets AS (
  SELECT * FROM unnest($3::date[], $4::timestamptz[], $5::timestamptz[]) AS b(bucket, bucket_start, bucket_end)
   WHERE b.bucket_start >= $1::timestamptz AND b.bucket_end <= $2::timestamptz -- always true; types $1 and $2
),
sums AS (
  SELECT ${raw} AS raw, s.bucket,
         ${COUNT_COLUMNS.map((c) => `sum(r.${c}) AS ${c}`).join(', ')},
         sum(r.overdue) FILTER (WHERE ${openAtEnd}) AS overdue_open,
         sum(r.resolve_overdue) FILTER (WHERE ${openAtEnd}) AS open_past_due,
         ${LEGS.map((l) => `sum(r.${l}_minutes) AS ${l}_minutes, ${binSums(l)}`).join(',\n         ')}
    FROM unnest($6::text[], $7::date[], $8::date[], $9::date[]) AS s(grain, day, bucket, bucket_end)
    JOIN report_rollups r ON r.grain = s.grain AND r.dim = ${dimParam} AND r.day = s.day
    JOIN org_units cu ON cu.id = r.community_id
   WHERE ${inScope}
   GROUP BY 1, 2
),
agg AS (
  SELECT ${grp} AS grp, s.bucket,
         s.received, s.complaints, s.resolved, s.resolutions,
         s.dispatch_closed, s.dispatch_on_time, round(s.dispatch_minutes / NULLIF(s.dispatch_closed, 0), 1) AS dispatch_avg_minutes,
         ${p90FromBinsSql('s.dispatch_bins')} AS dispatch_p90_minutes,
         s.accept_closed, s.accept_on_time, round(s.accept_minutes / NULLIF(s.accept_closed, 0), 1) AS accept_avg_minutes,
         ${p90FromBinsSql('s.accept_bins')} AS accept_p90_minutes,
         s.resolve_closed, s.resolved_on_time, s.resolve_closed - s.resolved_on_time AS resolved_late, s.resolve_withdrawn_late,
         COALESCE(s.open_past_due, 0) AS open_past_due,
         round(s.resolve_minutes / NULLIF(s.resolve_closed, 0), 1) AS resolve_avg_minutes,
         ${p90FromBinsSql('s.resolve_bins')} AS resolve_p90_minutes,
         s.overdue, COALESCE(s.overdue_open, 0) AS overdue_open,
         s.surveys_sent, s.satisfied, s.basically_satisfied, s.dissatisfied, s.unrated
    FROM sums s
   WHERE ${grp} IS NOT NULL
),
${reportTail(groupBy, scopeCp)}`;
  return { sql, params };
}
