import type { ReportBucket, ReportInterval, ReportPeriod } from './report-period.util';
import { CHANNEL_LABELS } from '@red-butler/domain';
import { scopeSql, type ReportScope } from './report-scope';
import { handlingTimeBinMinutesSql, handlingTimeBinSql, overdueSince, slaFactsSql } from './sla-facts.sql';

/**
 * The SLA report as one plain SQL query over the raw tables (tickets, ticket_events,
 * ticket_deadlines, org_units, compound_contracts). It is the reference definition of every
 * figure: a faster implementation (a rollup table) must give the same numbers for any scope,
 * grouping, period and interval. The rates are computed from these counts in `sla-figures.ts`.
 *
 * Time: every fact has one instant that places it in the period and in a bucket (named at each
 * fact below). Periods and buckets are Shanghai calendar days, half-open [start, end).
 */

export const REPORT_GROUPS = ['street', 'community', 'company', 'department', 'category', 'channel'] as const;
export type ReportGroupBy = (typeof REPORT_GROUPS)[number];

// The overdue board reads the same definition of 超期时刻.
export { overdueSince };

/**
 * The group a fact `f` belongs to; null drops it from the rows (it still counts in the totals).
 * `handler` is the fact's 责任单位 (see sla-facts.sql.ts); its organization's kind decides whether
 * it is a company or a department. Channels are grouped by their code (text), the rest by id.
 */
export function groupKey(groupBy: ReportGroupBy | null, f: { street: string; community: string; category: string; channel: string; handler: string }): string {
  switch (groupBy) {
    case null:
      return '0';
    case 'street':
      return f.street;
    case 'community':
      return f.community;
    case 'category':
      return f.category;
    case 'channel':
      return `${f.channel}::text`;
    case 'company':
      return `(SELECT o.id FROM organizations o WHERE o.id = ${f.handler} AND o.kind = 'property_company')`;
    case 'department':
      return `(SELECT o.id FROM organizations o WHERE o.id = ${f.handler} AND o.kind = 'department')`;
  }
}

export function groupName(groupBy: ReportGroupBy | null): string {
  switch (groupBy) {
    case null:
      return 'NULL';
    case 'street':
    case 'community':
      return '(SELECT u.name FROM org_units u WHERE u.id = g.grp)';
    case 'category':
      return '(SELECT c.name FROM categories c WHERE c.id = g.grp)';
    case 'channel':
      return `(CASE g.grp ${Object.entries(CHANNEL_LABELS).map(([code, label]) => `WHEN '${code}' THEN '${label}'`).join(' ')} END)`;
    case 'company':
    case 'department':
      return '(SELECT o.name FROM organizations o WHERE o.id = g.grp)';
  }
}

/** The bucket label (a Shanghai date) of an instant; `$3` holds the labels, `[1]` is the only one without an interval. */
export function bucketOf(interval: ReportInterval | null, ts: string): string {
  const local = `(${ts} AT TIME ZONE 'Asia/Shanghai')`;
  switch (interval) {
    case null:
      return '($3::date[])[1]';
    case 'day':
      return `${local}::date`;
    case 'week':
      return `date_trunc('week', ${local})::date`;
    case 'month':
      return `date_trunc('month', ${local})::date`;
  }
}

/**
 * 户数 Households served (the complaint rate's denominator), only compounds whose households are
 * known; rows with a null group apply to every group, rows with a null bucket to every bucket.
 * - street/community: the compounds of that unit in scope;
 * - company: the compounds in scope under its contract (contract dates overlapping the bucket);
 * - department, category, channel, no grouping: every compound in scope (they serve the whole scope).
 */
export function householdsSql(groupBy: ReportGroupBy | null, scopeCp: string): string {
  const compounds = `org_units cp WHERE cp.kind = 'compound' AND ${scopeCp}`;
  switch (groupBy) {
    case 'street':
    case 'community':
      return `SELECT cp.${groupBy}_id AS grp, NULL::date AS bucket, sum(cp.households) AS n FROM ${compounds} GROUP BY cp.${groupBy}_id`;
    case 'company':
      // DISTINCT: a renewed contract overlaps the bucket twice but the households are served once.
      return `SELECT x.grp, x.bucket, sum(x.households) AS n FROM (
                SELECT DISTINCT c.organization_id AS grp, b.bucket, cp.id, cp.households
                  FROM buckets b
                  JOIN compound_contracts c ON c.starts_on < (b.bucket_end AT TIME ZONE 'Asia/Shanghai')::date
                                           AND c.ends_on >= (b.bucket_start AT TIME ZONE 'Asia/Shanghai')::date
                  JOIN organizations o ON o.id = c.organization_id AND o.kind = 'property_company'
                  JOIN org_units cp ON cp.id = c.compound_id AND cp.kind = 'compound' AND ${scopeCp}) x
               GROUP BY x.grp, x.bucket`;
    case 'channel':
      return `SELECT NULL::text AS grp, NULL::date AS bucket, sum(cp.households) AS n FROM ${compounds}`;
    default:
      return `SELECT NULL::int AS grp, NULL::date AS bucket, sum(cp.households) AS n FROM ${compounds}`;
  }
}

export interface SlaQueryInput {
  scope: ReportScope;
  period: ReportPeriod;
  buckets: ReportBucket[];
  groupBy: ReportGroupBy | null;
  interval: ReportInterval | null;
}

/** The fact columns of `f` that a group is read from. */
const FACT_GROUP_COLUMNS = { street: 'f.street_id', community: 'f.community_id', category: 'f.category_id', channel: 'f.channel', handler: 'f.handler' };

/** One row per group × bucket, every group of the kind that had any fact or serves households. */
export function slaReportQuery(input: SlaQueryInput): { sql: string; params: unknown[] } {
  const { groupBy, interval } = input;
  const params: unknown[] = [
    input.period.start,
    input.period.end,
    input.buckets.map((b) => b.label),
    input.buckets.map((b) => b.start),
    input.buckets.map((b) => b.end),
  ];
  const scopeT = scopeSql(input.scope, 't', 'ticket', params);
  const scopeCp = scopeSql(input.scope, 'cp', 'compound', params);
  const facts = slaFactsSql({ at: (ts) => `${ts} >= $1 AND ${ts} < $2`, tickets: scopeT });
  const p90 = (m: string) =>
    `${handlingTimeBinMinutesSql(`percentile_disc(0.9) WITHIN GROUP (ORDER BY ${handlingTimeBinSql('v')}) FILTER (WHERE m = '${m}')`)}`;

  const sql = `
WITH buckets AS (
  SELECT * FROM unnest($3::date[], $4::timestamptz[], $5::timestamptz[]) AS b(bucket, bucket_start, bucket_end)
),
facts AS (${facts}
),
-- An overdue leg counts as still open in a bucket when it had not closed by the bucket's end (or now).
placed AS (
  SELECT ${groupKey(groupBy, FACT_GROUP_COLUMNS)} AS grp, b.bucket, f.m, f.v,
         CASE WHEN f.m LIKE '%:overdue' THEN f.closed IS NULL OR f.closed >= LEAST(b.bucket_end, now()) ELSE f.flag END AS flag
    FROM facts f JOIN buckets b ON b.bucket = ${bucketOf(interval, 'f.at')}
),
agg AS (
  SELECT grp, bucket,
         count(*) FILTER (WHERE m = 'received') AS received,
         count(*) FILTER (WHERE m = 'received' AND flag) AS complaints,
         count(*) FILTER (WHERE m = 'resolution' AND flag) AS resolved,
         count(*) FILTER (WHERE m = 'resolution') AS resolutions,
         count(*) FILTER (WHERE m = 'dispatch:met') AS dispatch_closed,
         count(*) FILTER (WHERE m = 'dispatch:met' AND flag) AS dispatch_on_time,
         round(avg(v) FILTER (WHERE m = 'dispatch:met'), 1) AS dispatch_avg_minutes,
         ${p90('dispatch:met')} AS dispatch_p90_minutes,
         count(*) FILTER (WHERE m = 'accept:met') AS accept_closed,
         count(*) FILTER (WHERE m = 'accept:met' AND flag) AS accept_on_time,
         round(avg(v) FILTER (WHERE m = 'accept:met'), 1) AS accept_avg_minutes,
         ${p90('accept:met')} AS accept_p90_minutes,
         count(*) FILTER (WHERE m = 'resolve:met') AS resolve_closed,
         count(*) FILTER (WHERE m = 'resolve:met' AND flag) AS resolved_on_time,
         count(*) FILTER (WHERE m = 'resolve:met' AND NOT flag) AS resolved_late,
         count(*) FILTER (WHERE m = 'resolve:withdrawn_late') AS resolve_withdrawn_late,
         count(*) FILTER (WHERE m = 'resolve:overdue' AND flag) AS open_past_due,
         round(avg(v) FILTER (WHERE m = 'resolve:met'), 1) AS resolve_avg_minutes,
         ${p90('resolve:met')} AS resolve_p90_minutes,
         count(*) FILTER (WHERE m LIKE '%:overdue') AS overdue,
         count(*) FILTER (WHERE m LIKE '%:overdue' AND flag) AS overdue_open,
         count(*) FILTER (WHERE m = 'survey') AS surveys_sent,
         count(*) FILTER (WHERE m = 'rating:satisfied') AS satisfied,
         count(*) FILTER (WHERE m = 'rating:basically_satisfied') AS basically_satisfied,
         count(*) FILTER (WHERE m = 'rating:dissatisfied') AS dissatisfied,
         count(*) FILTER (WHERE m = 'unrated') AS unrated
    FROM placed
   WHERE grp IS NOT NULL
   GROUP BY grp, bucket
),
${reportTail(groupBy, scopeCp)}`;
  return { sql, params };
}

/**
 * The shared end of the report: `agg` (grp, bucket, counts) joined to every group and bucket and
 * to the households served. Both the reference and the rollup query end with it; `$3..$5` are the
 * buckets.
 */
export function reportTail(groupBy: ReportGroupBy | null, scopeCp: string): string {
  return `households AS (
  ${householdsSql(groupBy, scopeCp)}
),
groups AS (
  SELECT grp FROM agg
  UNION SELECT grp FROM households WHERE grp IS NOT NULL
  ${groupBy === null ? 'UNION SELECT 0' : ''}
)
SELECT g.grp AS group_id, ${groupName(groupBy)} AS group_name, to_char(b.bucket, 'YYYY-MM-DD') AS bucket,
       a.received, a.complaints, a.resolved, a.resolutions,
       a.dispatch_closed, a.dispatch_on_time, a.dispatch_avg_minutes, a.dispatch_p90_minutes,
       a.accept_closed, a.accept_on_time, a.accept_avg_minutes, a.accept_p90_minutes,
       a.resolve_closed, a.resolved_on_time, a.resolved_late, a.resolve_withdrawn_late, a.open_past_due,
       a.resolve_avg_minutes, a.resolve_p90_minutes, a.overdue, a.overdue_open,
       a.surveys_sent, a.satisfied, a.basically_satisfied, a.dissatisfied, a.unrated,
       h.n AS households
  FROM groups g
 CROSS JOIN (SELECT bucket FROM unnest($3::date[]) AS x(bucket)) b
  LEFT JOIN agg a ON a.grp = g.grp AND a.bucket = b.bucket
  LEFT JOIN households h ON (h.grp IS NULL OR h.grp = g.grp) AND (h.bucket IS NULL OR h.bucket = b.bucket)
 ORDER BY g.grp, b.bucket`;
}
